package analyzer

import (
	"fmt"
	"go/types"
	"runtime"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer/internal/facts"
	"github.com/racelint/racelint/analyzer/internal/implorder"
)

// Program is racelint set up for a driver that loads the whole program
// at once, such as the standalone racelint command.
type Program struct {
	// Analyzer is the rules analyzer.
	Analyzer *analysis.Analyzer
	// Packages are what to hand to the driver (checker.Analyze) in place
	// of the loaded packages: copies of them whose dependencies also
	// include, for each interface a package calls, the packages that
	// implement it, so that those are summarised first. A service that
	// declares the interface it needs and a repository that implements
	// it usually meet only in main, and the service does not import the
	// repository. The copies share the loaded packages' syntax and types.
	Packages []*packages.Package
}

// NewForProgram returns racelint for analysing the loaded packages pkgs
// (the roots; their dependencies are summarised and never reported) in
// one pass, but for the implementations behind import cycles (see
// implorder.Order.Behind), which a first pass summarises. Drivers that see one package at a time (go vet,
// golangci-lint) use New, and resolve interface calls only to
// implementations in packages the caller imports.
func NewForProgram(cfg Config, pkgs []*packages.Package) (*Program, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := cfg.clone()
	user := c.userFuncs()
	order := implorder.Graph(pkgs, func(p *types.Package) bool { return facts.MayTouchDatabase(p, user) })
	behind, err := summariseBehindCycles(&c, order.Behind)
	if err != nil {
		return nil, err
	}
	summaries := facts.New(facts.Options{UserFuncs: c.userFuncs, Behind: behind})
	a := newAnalyzerWith(&c, summaries)
	forget := newForgetter(pkgs, order.Packages)
	// The rules run on the roots only: a dependency is done with once
	// its facts are exported, a root once the rules ran.
	forget.after(summaries, func(p *types.Package) bool { return !forget.isRoot(p) })
	forget.after(a, func(*types.Package) bool { return true })
	return &Program{Analyzer: a, Packages: order.Packages}, nil
}

// A forgetter drops what the analysis of a package no longer needs once
// nothing will look at it again: its syntax, its type information and
// its SSA form. The loaded program holds every package's syntax and
// types until the end, and the driver every action's result and pass;
// dropping them as the analysis goes keeps the memory of a large module
// near what loading it took. Only types (which importers need) and
// facts stay.
//
// It also bounds how many packages are analysed at once to the number of
// CPUs: the checker starts every action whose dependencies are done, and
// each one holds its SSA form while it runs, so that with more running
// than can make progress memory grows with no gain in speed.
type forgetter struct {
	byTypes map[*types.Package][]*packages.Package // the loaded packages and their copies
	roots   map[*types.Package]bool
	running chan struct{} // a token per package being analysed
}

func newForgetter(roots []*packages.Package, copies []*packages.Package) *forgetter {
	f := &forgetter{
		byTypes: map[*types.Package][]*packages.Package{},
		roots:   map[*types.Package]bool{},
		running: make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
	for _, p := range roots {
		f.roots[p.Types] = true
	}
	packages.Visit(append(slices.Clone(roots), copies...), nil, func(p *packages.Package) {
		if p.Types != nil {
			f.byTypes[p.Types] = append(f.byTypes[p.Types], p)
		}
	})
	return f
}

func (f *forgetter) isRoot(p *types.Package) bool { return f.roots[p] }

// after makes a forget what a's pass on a package held once a has run on
// it, when done says the package is done with.
func (f *forgetter) after(a *analysis.Analyzer, done func(*types.Package) bool) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		f.running <- struct{}{}
		res, err := run(pass)
		<-f.running
		// Nothing reads a pass after its Run but its diagnostics; a later
		// action on the package (the rules after the facts) gets a pass
		// of its own, made from the package when it starts.
		pass.Files, pass.TypesInfo = nil, nil
		if !done(pass.Pkg) {
			return res, err
		}
		if r, ok := res.(*facts.Result); ok && r != nil {
			r.Release()
		}
		for _, p := range f.byTypes[pass.Pkg] {
			p.Syntax, p.TypesInfo = nil, nil
		}
		return res, err
	}
}

// summariseBehindCycles runs the facts analyzer over the implementing
// packages that import their callers back, and their dependencies, and
// indexes the methods it summarised: the only packages whose SSA form is
// built twice. Nothing of the pass is kept but its facts.
func summariseBehindCycles(c *Config, pkgs []*packages.Package) (*facts.Implementations, error) {
	if len(pkgs) == 0 {
		return nil, nil
	}
	first := facts.New(facts.Options{UserFuncs: c.userFuncs})
	run := first.Run
	first.Run = func(pass *analysis.Pass) (any, error) {
		res, err := run(pass)
		if r, ok := res.(*facts.Result); ok && r != nil {
			r.Release() // only the facts are wanted
		}
		return res, err
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{first}, pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("racelint: summarising the implementations behind import cycles: %v", err)
	}
	var all []analysis.ObjectFact
	var pkgFacts []analysis.PackageFact
	for act := range graph.All() {
		if act.Analyzer == first && act.Err == nil {
			all = append(all, act.AllObjectFacts()...)
			pkgFacts = append(pkgFacts, act.AllPackageFacts()...)
		}
	}
	return facts.CollectImplementations(all, pkgFacts), nil
}
