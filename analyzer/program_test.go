package analyzer_test

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer"
)

// TestProgramForgets runs the whole-program analyzer on the example's
// layered packages (interfaces wired in main, repositories in other
// packages) and checks that it drops every package's syntax and type
// information once analysed, keeping its types, and that the findings
// do not depend on the run: dropping must never race with a reader.
func TestProgramForgets(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the example module against the real libraries")
	}
	run := func() []string {
		pkgs := loadExample(t, "layered/...")
		p, err := analyzer.NewForProgram(analyzer.Defaults(), pkgs)
		if err != nil {
			t.Fatal(err)
		}
		got := rootDiagnostics(t, p.Analyzer, p.Packages, func(pos token.Position, d analysis.Diagnostic) string {
			return fmt.Sprintf("%s: %s", pos, d.Message)
		})
		packages.Visit(pkgs, nil, func(p *packages.Package) {
			if p.Types == nil {
				t.Errorf("%s: types dropped", p.ID)
			}
			if p.Syntax != nil || p.TypesInfo != nil {
				t.Errorf("%s: syntax or type information kept after the analysis", p.ID)
			}
		})
		slices.Sort(got)
		return got
	}
	first := run()
	if len(first) < 6 {
		t.Fatalf("only %d findings in the layered packages:\n%q", len(first), first)
	}
	if second := run(); !slices.Equal(first, second) {
		t.Errorf("two runs disagree:\n%q\n%q", first, second)
	}
}

// TestProgramRetryCallers checks that the whole-program analyzer takes a
// Serializable transaction as retried exactly when some loaded caller
// retries it, also through an interface implemented in a package the
// caller does not import; a per-package driver cannot see that caller,
// and keeps the package-wide guess that a package classifying
// serialization failures retries all of its transactions.
func TestProgramRetryCallers(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: loadMode, Dir: filepath.Join(testdata, "src"),
		Env: append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=", "GOPROXY=off")}
	load := func() []*packages.Package {
		pkgs, err := packages.Load(cfg, "retrycallers/...")
		if err != nil || packages.PrintErrors(pkgs) > 0 {
			t.Fatalf("loading retrycallers: %v", err)
		}
		return pkgs
	}
	findings := func(a *analysis.Analyzer, pkgs []*packages.Package) []string {
		got := rootDiagnostics(t, a, pkgs, func(pos token.Position, d analysis.Diagnostic) string {
			return fmt.Sprintf("%s:%d: %s", filepath.Base(pos.Filename), pos.Line, d.Message[:5])
		})
		slices.Sort(got)
		return got
	}

	pkgs := load()
	p, err := analyzer.NewForProgram(analyzer.Defaults(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findings(p.Analyzer, p.Packages), []string{"pgdrv.go:32: RL007"}; !slices.Equal(got, want) {
		t.Errorf("whole program: got %q, want %q (Mutate only: store retries Apply)", got, want)
	}

	perPackage, err := analyzer.New(analyzer.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(perPackage, load()); len(got) != 0 {
		t.Errorf("per package: got %q, want none (IsRetryable stands for callers it cannot see)", got)
	}
}

// rootDiagnostics runs a on pkgs and formats the diagnostics it reports on
// the root packages, failing the test on any analysis error.
func rootDiagnostics(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package, format func(token.Position, analysis.Diagnostic) string) []string {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		if !act.IsRoot || act.Analyzer != a {
			continue
		}
		for _, d := range act.Diagnostics {
			got = append(got, format(act.Package.Fset.Position(d.Pos), d))
		}
	}
	return got
}
