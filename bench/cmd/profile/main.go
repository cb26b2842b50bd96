// Command profile runs racelint's standalone pipeline phase by phase, with
// CPU and heap profiles, to show where time and memory go: loading with
// go/packages (go list, parsing, type-checking every dependency from
// source), the first facts pass of analyzer.NewForProgram, and the
// analysis proper (second facts pass, SSA, engine, rules).
//
// It mirrors what cmd/racelint/internal/cli does (same packages.Load mode,
// tests included, NewForProgram, checker.Analyze), which bench/ cannot
// import.
//
//	go run ./bench/cmd/profile -C /path/to/module -cpuprofile cpu.out -memprofile mem.out ./...
//	go run ./bench/cmd/profile -C /path/to/module -load exportdeps ./...   # experiment, see below
//
// -load exportdeps is an experiment for a cheaper driver: only the
// module's own packages (the patterns' roots) are parsed and type-checked
// from source; everything else (standard library, pgx, GORM...) comes from
// compiler export data, as go vet does. Summaries only exist in the
// module's own packages, so findings should be the same; the command
// prints the diagnostics count to compare.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer"
)

func main() {
	dir := flag.String("C", ".", "module directory")
	cpu := flag.String("cpuprofile", "", "write a CPU profile")
	mem := flag.String("memprofile", "", "write a heap profile (in-use, taken at the peak: after the analysis)")
	tests := flag.Bool("test", true, "include test packages")
	load := flag.String("load", "source", "source: every package from source (as the CLI); exportdeps: roots from source, dependencies from export data")
	program := flag.Bool("program", true, "use NewForProgram (two facts passes) as the CLI does; false: analyzer.New")
	flag.Parse()
	log.SetFlags(0)
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}

	mode := packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedDeps | packages.NeedTypes |
		packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
		packages.NeedModule
	if *load == "exportdeps" {
		mode &^= packages.NeedDeps
	}
	t0, c0 := time.Now(), cpuTime()
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Dir: *dir, Tests: *tests}, patterns...)
	check(err)
	var good []*packages.Package
	all, withSyntax := 0, 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		all++
		if len(p.Syntax) > 0 {
			withSyntax++
		}
	})
	for _, p := range pkgs {
		if !p.IllTyped {
			good = append(good, p)
		} else {
			log.Printf("ill-typed: %s %v", p.PkgPath, p.Errors)
		}
	}
	phase("load", t0, c0, fmt.Sprintf("%d roots, %d packages, %d parsed from source", len(pkgs), all, withSyntax))

	var a *analysis.Analyzer
	t0, c0 = time.Now(), cpuTime()
	if *program {
		a, err = analyzer.NewForProgram(analyzer.Defaults(), good)
		check(err)
		phase("facts pass 1 (NewForProgram)", t0, c0, "")
	} else {
		a, err = analyzer.New(analyzer.Defaults())
		check(err)
	}

	t0, c0 = time.Now(), cpuTime()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, good, nil)
	check(err)
	diags, failed := 0, 0
	for act := range graph.All() {
		if act.Err != nil {
			failed++
			if failed <= 3 {
				log.Printf("action error: %v", act.Err)
			}
		}
		if act.IsRoot {
			diags += len(act.Diagnostics)
		}
	}
	phase("analysis (facts + rules)", t0, c0, fmt.Sprintf("%d diagnostics, %d failed actions", diags, failed))
	if *mem != "" {
		f, err := os.Create(*mem)
		check(err)
		runtime.GC()
		check(pprof.WriteHeapProfile(f))
		f.Close()
	}
	runtime.KeepAlive(pkgs)
	runtime.KeepAlive(graph)
}

func phase(name string, t0 time.Time, c0 time.Duration, extra string) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	log.Printf("%-30s wall %6.2fs cpu %6.2fs | live heap after GC %5d MiB | peak RSS so far %5d MiB | %s",
		name, time.Since(t0).Seconds(), (cpuTime() - c0).Seconds(), ms.HeapAlloc>>20, ru.Maxrss>>10, extra)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
