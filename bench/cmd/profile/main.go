// Command profile runs racelint's standalone pipeline phase by phase, with
// CPU and heap profiles, to show where time and memory go: loading with
// go/packages (go list, parsing, type-checking every dependency from
// source), analyzer.NewForProgram (the implementation order, and the
// first facts pass over the implementations behind import cycles), and
// the analysis proper (facts, SSA, engine, rules).
//
// It mirrors what cmd/racelint/internal/cli does for ./... (same
// packages.Load mode, tests included, NewForProgram, checker.Analyze),
// which bench/ cannot import; for a pattern naming part of a module the
// CLI also loads the module packages it imports from source.
//
//	go run ./bench/cmd/profile -C /path/to/module -cpuprofile cpu.out -memprofile mem.out ./...
//	go run ./bench/cmd/profile -C /path/to/module -load source ./...   # every dependency from source
//
// By default, as in the CLI, only the patterns' packages are parsed and
// type-checked from source; everything else (standard library, pgx,
// GORM...) comes from compiler export data, as go vet does. -load source
// is the CLI's -deps=source.
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
	mem := flag.String("memprofile", "", "write a heap profile (in-use, after the analysis: facts and types; per-package SSA and syntax are dropped as the analysis goes)")
	tests := flag.Bool("test", true, "include test packages")
	load := flag.String("load", "exportdeps", "exportdeps: the patterns' packages from source, dependencies from export data (as the CLI); source: every package from source (-deps=source)")
	program := flag.Bool("program", true, "use NewForProgram as the CLI does; false: analyzer.New")
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
		packages.NeedImports | packages.NeedTypes |
		packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
		packages.NeedModule
	if *load == "source" {
		mode |= packages.NeedDeps
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
	roots := good
	t0, c0 = time.Now(), cpuTime()
	if *program {
		p, err := analyzer.NewForProgram(analyzer.Defaults(), good)
		check(err)
		a, roots = p.Analyzer, p.Packages
		phase("implementation order (NewForProgram)", t0, c0, "")
	} else {
		a, err = analyzer.New(analyzer.Defaults())
		check(err)
	}

	t0, c0 = time.Now(), cpuTime()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, roots, nil)
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
