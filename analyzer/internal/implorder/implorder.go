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
	"strconv"

	"golang.org/x/tools/go/packages"
)

// edgePrefix begins the Imports key of an added edge. It cannot be an
// import path (import paths have no spaces), and the analysis driver
// only uses the keys to order the dependencies it analyses first.
const edgePrefix = "implements "

// Graph returns copies of roots whose Imports also lead, for each
// interface method a package calls, to the source packages that declare
// a type implementing the interface and may touch a database
// (maySummarise says which packages do on their own, judged by their
// imports). The loaded packages are not modified; the copies share their
// syntax and types, and packages with no added edge below them are not
// copied.
//
// An implementation that imports its caller back (a repository importing
// the service that declares its interface, for the service's entity
// types) cannot come before it. The caller gets an edge to a stand-in
// instead: a second node for the implementing package, with the same
// files and types, whose imports leave out those that lead to the
// caller. The facts analyzer runs on both; the caller sees the
// stand-in's summaries, computed without the facts of the left-out
// packages, and everything else sees the package's own. The stand-in is
// the only package analysed twice.
func Graph(roots []*packages.Package, maySummarise func(*types.Package) bool) []*packages.Package {
	g := newGraph(roots)
	g.link(maySummarise)
	g.addStandIns()
	out := make([]*packages.Package, len(roots))
	for i, r := range roots {
		out[i] = g.copyOf(r)
	}
	return out
}

// graph is the load graph with the added edges.
type graph struct {
	nodes     []*packages.Package // every package reachable from the roots, sorted by ID
	added     map[*packages.Package][]*packages.Package
	importers map[*packages.Package][]*packages.Package // the reverse of imports and added edges
	byTypes   map[*types.Package]*packages.Package
	// byMethod lists, by method name, the types of the indexed source
	// packages (those that may summarise) that have such a method.
	byMethod map[string][]declared
	indexed  map[*packages.Package]bool
	// cyclic lists, for an implementing package, the callers an edge from
	// which would close a cycle, in the order found.
	cyclic map[*packages.Package][]*packages.Package
	copies map[*packages.Package]*packages.Package
	// implements caches types.Implements: many packages call the same
	// interfaces, and a common method name (Get, Create) has a candidate
	// in every repository.
	implements map[implementsKey]bool
}

type implementsKey struct {
	typ   types.Type
	iface *types.Interface
}

type declared struct {
	pkg *packages.Package
	typ types.Type // a pointer to the named type: its method set is the larger
}

func newGraph(roots []*packages.Package) *graph {
	g := &graph{
		added:     map[*packages.Package][]*packages.Package{},
		importers: map[*packages.Package][]*packages.Package{},
		byTypes:   map[*types.Package]*packages.Package{},
		byMethod:  map[string][]declared{},
		indexed:   map[*packages.Package]bool{},
		cyclic:    map[*packages.Package][]*packages.Package{},
		copies:    map[*packages.Package]*packages.Package{},

		implements: map[implementsKey]bool{},
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		g.nodes = append(g.nodes, p)
		if p.Types != nil {
			g.byTypes[p.Types] = p
		}
	})
	sort.Slice(g.nodes, func(i, j int) bool { return g.nodes[i].ID < g.nodes[j].ID })
	for _, p := range g.nodes {
		for _, q := range g.deps(p) {
			g.importers[q] = append(g.importers[q], p)
		}
	}
	return g
}

// index adds the methods of p's named types to byMethod.
func (g *graph) index(p *packages.Package) {
	if g.indexed[p] {
		return
	}
	g.indexed[p] = true
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
		if _, isStruct := named.Underlying().(*types.Struct); !isStruct && named.NumMethods() == 0 {
			continue // no methods, none promoted
		}
		ptr := types.NewPointer(named)
		ms := types.NewMethodSet(ptr)
		for i := 0; i < ms.Len(); i++ {
			m := ms.At(i).Obj()
			g.byMethod[m.Name()] = append(g.byMethod[m.Name()], declared{pkg: p, typ: ptr})
		}
	}
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
		for _, p := range g.nodes {
			if may[p] && fromSource(p) {
				g.index(p)
			}
		}
		changed := false
		for _, p := range g.nodes {
			if !fromSource(p) {
				continue
			}
			var above map[*packages.Package]bool // what reaches p, computed when needed
			for _, q := range g.implementers(p, may) {
				if q == p || g.hasEdge(p, q) {
					continue
				}
				if above == nil {
					above = g.ancestors([]*packages.Package{p})
				}
				if above[q] {
					if !contains(g.cyclic[q], p) {
						g.cyclic[q] = append(g.cyclic[q], p)
					}
					continue
				}
				g.addEdge(p, q) // what reaches p is unchanged: q does not reach it
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// addStandIns gives each caller that an implementation imports back an
// edge to the implementation's stand-in (see Graph).
func (g *graph) addStandIns() {
	var impls []*packages.Package
	for q := range g.cyclic {
		impls = append(impls, q)
	}
	sort.Slice(impls, func(i, j int) bool { return impls[i].ID < impls[j].ID })
	for _, q := range impls {
		callers := g.cyclic[q]
		// Computed anew for each stand-in: an earlier stand-in's edges
		// can make more packages reach these callers.
		above := g.ancestors(callers)
		standIn := *q
		standIn.Imports = map[string]*packages.Package{}
		for path, dep := range q.Imports {
			if !above[dep] {
				standIn.Imports[path] = dep
			}
		}
		for _, dep := range g.deps(&standIn) {
			g.importers[dep] = append(g.importers[dep], &standIn)
		}
		for _, p := range callers {
			g.addEdge(p, &standIn)
		}
	}
}

func (g *graph) addEdge(p, q *packages.Package) {
	g.added[p] = append(g.added[p], q)
	g.importers[q] = append(g.importers[q], p)
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

// implementers returns the indexed packages, in ID order, that declare a
// type implementing an interface whose method p calls, among those that
// may summarise.
func (g *graph) implementers(p *packages.Package, may map[*packages.Package]bool) []*packages.Package {
	type call struct {
		iface *types.Interface
		name  string
	}
	calls := map[call]bool{}
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
		c := call{iface, sel.Obj().Name()}
		if calls[c] {
			continue
		}
		calls[c] = true
		for _, d := range g.byMethod[c.name] {
			if seen[d.pkg] || !may[d.pkg] || !g.implementsIface(d.typ, iface) {
				continue
			}
			seen[d.pkg] = true
			out = append(out, d.pkg)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (g *graph) implementsIface(t types.Type, iface *types.Interface) bool {
	k := implementsKey{t, iface}
	v, ok := g.implements[k]
	if !ok {
		v = types.Implements(t, iface)
		g.implements[k] = v
	}
	return v
}

// inStandardLibrary reports whether the method belongs to an interface
// of the standard library (error, io.Closer, fmt.Stringer): a call to one
// is not a call to a repository, and linking every package that calls
// err.Error() to every package declaring an error type would only
// serialise the analysis. The go command loads standard packages without
// a module.
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

func (g *graph) hasEdge(p, q *packages.Package) bool { return contains(g.added[p], q) }

func contains(list []*packages.Package, p *packages.Package) bool {
	for _, e := range list {
		if e == p {
			return true
		}
	}
	return false
}

// ancestors returns the packages that reach one of ps through imports
// and added edges, ps included: an edge from one of ps to any of them
// would close a cycle. It walks importers, so it visits only the part of
// the program above ps.
func (g *graph) ancestors(ps []*packages.Package) map[*packages.Package]bool {
	seen := map[*packages.Package]bool{}
	stack := append([]*packages.Package(nil), ps...)
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		stack = append(stack, g.importers[p]...)
	}
	return seen
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
	for i, q := range g.added[p] {
		// A stand-in has its package's ID; the index keeps keys apart.
		imports[edgePrefix+strconv.Itoa(i)+" "+q.ID] = g.copyOf(q)
	}
	c := *p
	c.Imports = imports
	g.copies[p] = &c
	return &c
}
