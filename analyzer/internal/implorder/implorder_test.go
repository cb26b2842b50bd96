package implorder_test

import (
	"go/types"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer/internal/implorder"
	"github.com/racelint/racelint/internal/testfixture"
)

// importsSQL stands in for the facts analyzer's judgement: a package
// touches a database when it imports database/sql.
func importsSQL(p *types.Package) bool {
	return slices.ContainsFunc(p.Imports(), func(i *types.Package) bool { return i.Path() == "database/sql" })
}

func load(t *testing.T) []*packages.Package {
	t.Helper()
	dir := testfixture.WriteTxtarModule(t, filepath.Join("testdata", "layers.txtar"))
	cfg := &packages.Config{Dir: dir, Mode: packages.LoadSyntax | packages.NeedModule}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the test module does not type-check")
	}
	return pkgs
}

// added lists the edges the order added, as "caller -> implementer".
func added(pkgs []*packages.Package) []string {
	var out []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for path, q := range p.Imports {
			if path != q.PkgPath {
				out = append(out, short(p)+" -> "+short(q))
			}
		}
	})
	sort.Strings(out)
	return out
}

func short(p *packages.Package) string { return strings.TrimPrefix(p.PkgPath, "example.com/layers/") }

func TestGraph(t *testing.T) {
	pkgs := load(t)
	graph := implorder.Graph(pkgs, importsSQL)

	// usecase is ordered after postgres, the only implementation that
	// touches a database; mock implements the interface too but cannot
	// summarise anything, and error types are never linked. service
	// cannot be ordered after repo, which imports it: it gets an edge to
	// repo's stand-in instead, which does not import service.
	if got, want := added(graph), []string{"service -> repo", "usecase -> postgres"}; !slices.Equal(got, want) {
		t.Errorf("added edges %q, want %q", got, want)
	}
	var standIn, repo *packages.Package
	packages.Visit(graph, nil, func(p *packages.Package) {
		if short(p) != "repo" {
			return
		}
		if _, ok := p.Imports["example.com/layers/service"]; ok {
			repo = p
		} else {
			standIn = p
		}
	})
	if standIn == nil || repo == nil {
		t.Fatalf("want repo and its stand-in in the graph, got %v and %v", repo, standIn)
	}
	if standIn.Types != repo.Types || len(standIn.Syntax) != len(repo.Syntax) {
		t.Errorf("the stand-in does not share repo's types and files")
	}

	// The loaded packages are left as they were, and packages with no
	// edge below them are shared rather than copied.
	if got := added(pkgs); len(got) != 0 {
		t.Errorf("the loaded packages gained edges %q", got)
	}
	for i, p := range graph {
		if p.PkgPath != pkgs[i].PkgPath {
			t.Fatalf("root %d is %s, want %s", i, p.PkgPath, pkgs[i].PkgPath)
		}
		copied := p != pkgs[i]
		if wantCopy := short(p) == "usecase" || short(p) == "service" || short(p) == "repo" || short(p) == "app"; copied != wantCopy {
			t.Errorf("%s copied = %v, want %v", short(p), copied, wantCopy)
		}
	}
}

// TestGraphDeterministic checks that the order does not depend on the
// order the packages are given in.
func TestGraphDeterministic(t *testing.T) {
	pkgs := load(t)
	want := added(implorder.Graph(pkgs, importsSQL))
	reversed := slices.Clone(pkgs)
	slices.Reverse(reversed)
	if got := added(implorder.Graph(reversed, importsSQL)); !slices.Equal(got, want) {
		t.Errorf("reversed roots: edges %q, want %q", got, want)
	}
}
