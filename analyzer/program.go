package analyzer

import (
	"go/types"
	"runtime"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/facts"
	"github.com/racelint/racelint/analyzer/internal/implorder"
	"github.com/racelint/racelint/analyzer/internal/retries"
)

// Program is racelint set up for a driver that loads the whole program
// at once, such as the standalone racelint command.
type Program struct {
	// Analyzer is the rules analyzer.
	Analyzer *analysis.Analyzer
	// Packages are what to hand to the driver (checker.Analyze) in place
	// of the loaded packages: copies of them whose dependencies also
	// include, for each interface a package calls, the packages that
	// implement it, so that those are summarised first (see package
	// implorder). A service that declares the interface it needs and a
	// repository that implements it usually meet only in main, and the
	// service does not import the repository. The copies share the
	// loaded packages' syntax and types.
	Packages []*packages.Package
}

// NewForProgram returns racelint for analysing the loaded packages pkgs
// (the roots; their dependencies are summarised and never reported) in
// one pass. Drivers that see one package at a time (go vet,
// golangci-lint) use New, and resolve interface calls only to
// implementations in packages the caller imports.
//
// The program's analyzers drop each package's syntax, type information
// and SSA form once no action will read them again: the syntax and types
// of pkgs are gone after the analysis (their Types stay).
func NewForProgram(cfg Config, pkgs []*packages.Package) (*Program, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := cfg.clone()
	user := c.userFuncs()
	graph := implorder.Graph(pkgs, func(p *types.Package) bool { return facts.MayTouchDatabase(p, user) })
	summaries := facts.New(facts.Options{UserFuncs: c.userFuncs})
	// Retry loops are indexed before any package is analysed: the loop
	// that retries a driver's transaction is in its caller, which is
	// analysed after it.
	retried := retries.New()
	for _, p := range pkgs {
		retried.Add(p.Syntax, p.TypesInfo, apimodel.SerializationFailureCodes)
	}
	a := newAnalyzerWith(&c, summaries, retried)
	forget := newForgetter(pkgs, graph)
	forget.after(summaries, true)
	forget.after(a, false)
	return &Program{Analyzer: a, Packages: graph}, nil
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
// each holds its SSA form while it runs, so that with more running than
// can make progress memory grows with no gain in speed.
type forgetter struct {
	byTypes map[*types.Package][]*packages.Package // the loaded packages, their copies and stand-ins
	roots   map[*types.Package]bool
	running chan struct{} // a token per package being analysed

	mu sync.Mutex
	// factsLeft and actionsLeft count, per package, the facts actions
	// (one per node of the graph: implorder's stand-ins are a second
	// node) and all actions (the rules too, on a root) yet to finish.
	factsLeft, actionsLeft map[*types.Package]int
}

func newForgetter(roots, graph []*packages.Package) *forgetter {
	f := &forgetter{
		byTypes:     map[*types.Package][]*packages.Package{},
		roots:       map[*types.Package]bool{},
		running:     make(chan struct{}, runtime.GOMAXPROCS(0)),
		factsLeft:   map[*types.Package]int{},
		actionsLeft: map[*types.Package]int{},
	}
	for _, p := range roots {
		f.roots[p.Types] = true
		f.actionsLeft[p.Types]++ // the rules
	}
	packages.Visit(graph, nil, func(p *packages.Package) {
		if p.Types != nil {
			f.factsLeft[p.Types]++
			f.actionsLeft[p.Types]++
		}
	})
	for _, p := range append(roots, graph...) {
		packages.Visit([]*packages.Package{p}, nil, func(p *packages.Package) {
			if p.Types != nil && !contains(f.byTypes[p.Types], p) {
				f.byTypes[p.Types] = append(f.byTypes[p.Types], p)
			}
		})
	}
	return f
}

func contains(list []*packages.Package, p *packages.Package) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// after wraps a's Run so that it forgets, once a has run on a package,
// what that run held. isFacts says a is the facts analyzer, whose result is
// only read by the rules on a root, after the package's last facts run (a
// stand-in's always comes first: it is ordered before a caller that the
// package itself imports).
func (f *forgetter) after(a *analysis.Analyzer, isFacts bool) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		f.running <- struct{}{}
		res, err := run(pass)
		<-f.running
		// Nothing reads a pass after its Run but its diagnostics; a later
		// action on the package (the rules after the facts) gets a pass
		// of its own, made from the package when it starts.
		pass.Files, pass.TypesInfo = nil, nil
		f.mu.Lock()
		defer f.mu.Unlock()
		if isFacts {
			f.factsLeft[pass.Pkg]--
			if r, ok := res.(*facts.Result); ok && r != nil && (!f.roots[pass.Pkg] || f.factsLeft[pass.Pkg] > 0) {
				r.Release()
			}
		}
		if f.actionsLeft[pass.Pkg]--; f.actionsLeft[pass.Pkg] == 0 {
			for _, p := range f.byTypes[pass.Pkg] {
				p.Syntax, p.TypesInfo = nil, nil
			}
		}
		return res, err
	}
}
