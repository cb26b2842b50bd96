// Package implorder orders the packages of a whole loaded program so
// that the packages implementing an interface are analysed before the
// packages that call it.
//
// A service that declares the repository interface it needs and the
// package that implements it usually meet only in main: the caller does
// not import the implementation, so the analysis graph, which follows
// imports, would analyse them in any order and the caller would never see
// the implementation's facts. Adding an edge from the caller to the
// implementing package, in a copy of the load graph, lets a single
// analysis pass resolve those calls from the facts the implementation
// exported, instead of a first pass over the whole program that builds
// every package's SSA form a second time.
package implorder

import (
	"go/types"
	"sort"

	"golang.org/x/tools/go/packages"
)

// edgePrefix begins the Imports key of an added edge. It cannot be an
// import path (import paths have no spaces), and the analysis driver
// only uses the keys to order the dependencies it analyses first.
const edgePrefix = "implements "

// Order is the analysis graph of a whole program.
type Order struct {
	// Packages are copies of the roots whose Imports also lead, for each
	// interface method a package calls, to the source packages that
	// declare a type implementing the interface and may touch a
	// database. The loaded packages are not modified; the copies share
	// their syntax and types.
	Packages []*packages.Package
	// Behind are the implementing packages, in ID order, that could not
	// be ordered before a caller because they import it back (a
	// repository that imports the service declaring the interface, for
	// the service's entity types): the edge would close a cycle. A
	// driver finds their summaries some other way (a first pass over
	// them), or calls into them stay unresolved, as under go vet.
	Behind []*packages.Package
}

// Graph orders the program whose root packages are roots. maySummarise
// says which packages may touch a database on their own, judged by their
// imports.
func Graph(roots []*packages.Package, maySummarise func(*types.Package) bool) Order {
	g := newGraph(roots)
	g.link(maySummarise)
	var o Order
	for _, r := range roots {
		o.Packages = append(o.Packages, g.copyOf(r))
	}
	for _, p := range g.nodes {
		if g.behind[p] {
			o.Behind = append(o.Behind, g.copyOf(p))
		}
	}
	return o
}

// graph is the load graph with the added edges.
type graph struct {
	nodes []*packages.Package                       // every package reachable from the roots, sorted by ID
	added map[*packages.Package][]*packages.Package // caller -> implementing packages
	// byMethod lists, by method name, the types of source packages that
	// have such a method, with the package that declares them.
	byMethod map[string][]declared
	copies   map[*packages.Package]*packages.Package
	byTypes  map[*types.Package]*packages.Package
	behind   map[*packages.Package]bool // implementers an edge to would close a cycle
}

type declared struct {
	pkg *packages.Package
	typ types.Type // the named type, or a pointer to it when only that has the method
}

func newGraph(roots []*packages.Package) *graph {
	g := &graph{added: map[*packages.Package][]*packages.Package{}, byMethod: map[string][]declared{}, copies: map[*packages.Package]*packages.Package{}, byTypes: map[*types.Package]*packages.Package{}, behind: map[*packages.Package]bool{}}
	packages.Visit(roots, nil, func(p *packages.Package) {
		g.nodes = append(g.nodes, p)
		if p.Types != nil {
			g.byTypes[p.Types] = p
		}
	})
	sort.Slice(g.nodes, func(i, j int) bool { return g.nodes[i].ID < g.nodes[j].ID })
	for _, p := range g.nodes {
		if !fromSource(p) {
			continue
		}
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
				continue
			}
			ptr := types.NewPointer(named)
			ms := types.NewMethodSet(ptr)
			for i := 0; i < ms.Len(); i++ {
				m := ms.At(i).Obj()
				var t types.Type = named
				if types.NewMethodSet(named).Lookup(m.Pkg(), m.Name()) == nil {
					t = ptr
				}
				g.byMethod[m.Name()] = append(g.byMethod[m.Name()], declared{pkg: p, typ: t})
			}
		}
	}
	return g
}

// fromSource reports whether p was type-checked from source, bodies
// included: only such packages are summarised.
func fromSource(p *packages.Package) bool {
	return p.Types != nil && p.TypesInfo != nil && len(p.Syntax) > 0 && !p.IllTyped
}

// link adds the edges, until no package gains one: a package that gains
// an edge to a package that may summarise may summarise itself (its
// methods call the implementation), which can make it a target for its
// own callers.
func (g *graph) link(maySummarise func(*types.Package) bool) {
	for {
		may := g.maySummarise(maySummarise)
		changed := false
		for _, p := range g.nodes {
			if !fromSource(p) {
				continue
			}
			for _, q := range g.implementers(p, may) {
				if q == p || g.hasEdge(p, q) {
					continue
				}
				if g.reaches(q, p) {
					g.behind[q] = true
					continue
				}
				g.added[p] = append(g.added[p], q)
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// maySummarise returns the packages that may export summaries: those
// that touch a database themselves (base) or depend, through an import or
// an added edge, on one that may.
func (g *graph) maySummarise(base func(*types.Package) bool) map[*packages.Package]bool {
	memo := map[*packages.Package]bool{}
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if v, ok := memo[p]; ok {
			return v
		}
		memo[p] = false // the graph is acyclic; this only guards against bad input
		v := p.Types != nil && base(p.Types)
		for _, q := range g.deps(p) {
			if visit(q) {
				v = true
			}
		}
		memo[p] = v
		return v
	}
	for _, p := range g.nodes {
		visit(p)
	}
	return memo
}

// implementers returns the source packages, in ID order, that declare a
// type implementing an interface whose method p calls, among those that
// may summarise.
func (g *graph) implementers(p *packages.Package, may map[*packages.Package]bool) []*packages.Package {
	seen := map[*packages.Package]bool{}
	var out []*packages.Package
	for _, sel := range p.TypesInfo.Selections {
		if sel.Kind() != types.MethodVal && sel.Kind() != types.MethodExpr {
			continue
		}
		iface, ok := sel.Recv().Underlying().(*types.Interface)
		if !ok || g.inStandardLibrary(sel.Obj()) {
			continue
		}
		for _, d := range g.byMethod[sel.Obj().Name()] {
			if seen[d.pkg] || !may[d.pkg] || !types.Implements(d.typ, iface) {
				continue
			}
			seen[d.pkg] = true
			out = append(out, d.pkg)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// inStandardLibrary reports whether the method belongs to an interface
// of the standard library (error, io.Closer, fmt.Stringer): a call to one
// is not a call to a repository, and linking every package that calls
// err.Error() to every package declaring an error type would only
// serialise the analysis.
// The go command loads standard packages without a module.
func (g *graph) inStandardLibrary(m types.Object) bool {
	if m.Pkg() == nil {
		return true
	}
	p := g.byTypes[m.Pkg()]
	return p != nil && p.Module == nil
}

// deps returns p's imports, in import path order, and then its added
// edges.
func (g *graph) deps(p *packages.Package) []*packages.Package {
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	out := make([]*packages.Package, 0, len(paths)+len(g.added[p]))
	for _, path := range paths {
		out = append(out, p.Imports[path])
	}
	return append(out, g.added[p]...)
}

func (g *graph) hasEdge(p, q *packages.Package) bool {
	for _, e := range g.added[p] {
		if e == q {
			return true
		}
	}
	return false
}

// reaches reports whether to is a dependency of from, directly or not.
func (g *graph) reaches(from, to *packages.Package) bool {
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if p == to {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, q := range g.deps(p) {
			if visit(q) {
				return true
			}
		}
		return false
	}
	return visit(from)
}

// copyOf returns the copy of p whose Imports hold the added edges, and
// copies of its dependencies that have some below them. Packages that
// neither have an edge nor depend on one are shared, not copied.
func (g *graph) copyOf(p *packages.Package) *packages.Package {
	if c, ok := g.copies[p]; ok {
		return c
	}
	g.copies[p] = p // until its dependencies are known; the graph is acyclic
	imports := make(map[string]*packages.Package, len(p.Imports)+len(g.added[p]))
	changed := len(g.added[p]) > 0
	for path, q := range p.Imports {
		c := g.copyOf(q)
		changed = changed || c != q
		imports[path] = c
	}
	if !changed {
		return p
	}
	for _, q := range g.added[p] {
		imports[edgePrefix+q.ID] = g.copyOf(q)
	}
	c := *p
	c.Imports = imports
	g.copies[p] = &c
	return &c
}
