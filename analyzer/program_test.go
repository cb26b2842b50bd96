package analyzer_test

import (
	"fmt"
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
		graph, err := checker.Analyze([]*analysis.Analyzer{p.Analyzer}, p.Packages, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for act := range graph.All() {
			if act.Err != nil {
				t.Fatalf("%s: %v", act, act.Err)
			}
			if !act.IsRoot {
				continue
			}
			for _, d := range act.Diagnostics {
				got = append(got, fmt.Sprintf("%s: %s", act.Package.Fset.Position(d.Pos), d.Message))
			}
		}
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
