package analyzer_test

// Benchmarks of the whole analyzer (facts pass, SSA building, engine and
// rules) on loaded packages, and a pathological function that exposes
// superlinear behaviour in the engine. Loading is done once, outside the
// timer:
//
//	go test ./analyzer -run '^$' -bench . -benchmem
//	go test ./analyzer -run '^$' -bench HugeFunction -cpuprofile cpu.out -memprofile mem.out
//
// See bench/README.md for the end-to-end comparison with go vet and
// staticcheck.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/analyzer/internal/testenv"
)

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedTypes |
	packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// loadExample loads one package of the example module (about 30
// functions against the real library) with its dependencies from
// source, as the standalone command does.
func loadExample(b testing.TB, pkg string) []*packages.Package {
	b.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "example"))
	if err != nil {
		b.Fatal(err)
	}
	if t, ok := b.(*testing.T); ok {
		testenv.DownloadExampleModules(t, dir)
	}
	cfg := &packages.Config{Mode: loadMode, Dir: dir, Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")}
	pkgs, err := packages.Load(cfg, "./"+pkg)
	if err != nil {
		b.Skipf("loading the example module (no network?): %v", err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("%s has errors", pkg)
	}
	return pkgs
}

// reportCPU reports the process CPU time (user+sys, GC included) per
// iteration: on a shared machine wall-clock ns/op is inflated by other
// load, CPU time much less.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// analyze runs a on pkgs as the standalone command does and returns the
// number of diagnostics.
func analyze(b testing.TB, a *analysis.Analyzer, pkgs []*packages.Package) int {
	n, err := analyzeErr(a, pkgs)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func analyzeErr(a *analysis.Analyzer, pkgs []*packages.Package) (int, error) {
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		return 0, err
	}
	n := 0
	for act := range graph.All() {
		if act.Err != nil {
			return 0, fmt.Errorf("%s: %v", act, act.Err)
		}
		if act.IsRoot {
			n += len(act.Diagnostics)
		}
	}
	return n, nil
}

// BenchmarkAnalyzePackage measures the analysis of one realistic package
// (an example service of ~30 functions against the real library), every
// dependency included as the standalone command sees it. "unit" is the
// per-package analyzer (go vet, golangci-lint); "program" is
// NewForProgram plus the analysis, as the standalone command runs it.
func BenchmarkAnalyzePackage(b *testing.B) {
	for _, pkg := range []string{"sqlsvc", "sqlxsvc", "pgxsvc", "gormsvc"} {
		pkgs := loadExample(b, pkg)
		b.Run(pkg+"/unit", func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			n := 0
			for b.Loop() {
				a, err := analyzer.New(analyzer.Defaults())
				if err != nil {
					b.Fatal(err)
				}
				n = analyze(b, a, pkgs)
			}
			b.ReportMetric(float64(n), "diags")
		})
		b.Run(pkg+"/program", func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			n := 0
			for b.Loop() {
				p, err := analyzer.NewForProgram(analyzer.Defaults(), pkgs)
				if err != nil {
					b.Fatal(err)
				}
				n = analyze(b, p.Analyzer, p.Packages)
			}
			b.ReportMetric(float64(n), "diags")
		})
	}
}

// hugeSource is one function of n units; each unit reads a row of items
// by the same id, checks what it read in a nested if, runs a four-way
// switch and writes the row twice: about 20 blocks, one read and two
// writes per unit, every read pairing with every later write.
func hugeSource(n int) string {
	var b strings.Builder
	b.WriteString(`package huge

import (
	"context"
	"database/sql"
	"errors"
)

var ErrState = errors.New("state")

func Huge(ctx context.Context, db *sql.DB, id int64, mode int) (int64, error) {
	var total int64
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `
	var s%[1]d string
	var c%[1]d int64
	if err := db.QueryRowContext(ctx, "SELECT status, count FROM items WHERE id = $1", id).Scan(&s%[1]d, &c%[1]d); err != nil {
		return total, err
	}
	if s%[1]d == "pending" {
		if _, err := db.ExecContext(ctx, "UPDATE items SET status = 'active' WHERE id = $1", id); err != nil {
			return total, err
		}
	} else if s%[1]d == "archived" {
		return total, ErrState
	}
	switch (mode + %[1]d) %% 4 {
	case 0:
		total += c%[1]d
	case 1:
		total -= c%[1]d
	case 2:
		total *= 2
	default:
		total++
	}
	if c%[1]d > %[1]d {
		if _, err := db.ExecContext(ctx, "UPDATE items SET count = $1 WHERE id = $2", c%[1]d+1, id); err != nil {
			return total, err
		}
	}
`, i)
	}
	b.WriteString("\treturn total, nil\n}\n")
	return b.String()
}

// loadHuge writes hugeSource(n) into a temporary GOPATH and loads it.
func loadHuge(tb testing.TB, n int) []*packages.Package {
	tb.Helper()
	gopath := tb.TempDir()
	dir := filepath.Join(gopath, "src", "huge")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "huge.go"), []byte(hugeSource(n)), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg := &packages.Config{Mode: loadMode, Dir: dir,
		Env: append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=", "GOPROXY=off")}
	pkgs, err := packages.Load(cfg, "huge")
	if err != nil {
		tb.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		tb.Fatal("huge: load errors")
	}
	return pkgs
}

// BenchmarkHugeFunction runs the analyzer on one generated function of
// growing size; ns/op growing faster than the unit count is superlinear
// behaviour in the engine.
func BenchmarkHugeFunction(b *testing.B) {
	for _, n := range []int{25, 50, 100, 150, 200} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			pkgs := loadHuge(b, n) // before b.Loop: not timed
			b.ReportAllocs()
			defer reportCPU(b)()
			diags := 0
			for b.Loop() {
				a, err := analyzer.New(analyzer.Defaults())
				if err != nil {
					b.Fatal(err)
				}
				diags = analyze(b, a, pkgs)
			}
			b.ReportMetric(float64(n), "units")
			b.ReportMetric(float64(diags), "diags")
		})
	}
}

// TestHugeFunctionCompletes analyses a function of several thousand
// blocks with hundreds of reads and writes. It asserts no timing beyond
// a generous guard against pathological blowups: the analysis must end,
// without panicking, within a minute.
func TestHugeFunctionCompletes(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a generated function of thousands of blocks")
	}
	const units, guard = 200, 60 * time.Second
	pkgs := loadHuge(t, units)
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		a, err := analyzer.New(analyzer.Defaults())
		if err != nil {
			done <- result{err: err}
			return
		}
		n, err := analyzeErr(a, pkgs)
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		n := r.n
		t.Logf("%d units: %d diagnostics in %v", units, n, time.Since(start))
		if n == 0 {
			t.Errorf("no diagnostics: the generated function should be racy")
		}
	case <-ctx.Done():
		t.Fatalf("analysis of a %d-unit function did not finish within %v: pathological blowup", units, guard)
	}
}
