package facts

import (
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
)

// Implementations indexes, by method name, summarised concrete methods
// that a package cannot see through its dependencies, even in a graph
// ordered by package implorder: those of a package that implements an
// interface its caller declares and imports the caller back (a
// repository importing the service for its entity types), so that it
// cannot be analysed first. A whole-program driver finds them with a
// first pass over such packages alone. It is read-only once built.
type Implementations struct {
	byName   map[string][]implementation
	notFound map[string]bool // varKey of the error variables some package translates "not found" to
}

type implementation struct {
	fn      *types.Func
	summary *ops.Summary
}

// CollectImplementations indexes the method summaries among facts (the
// object facts a first pass of the facts analyzer exported), and the
// not-found translations among pkgFacts (its package facts).
func CollectImplementations(facts []analysis.ObjectFact, pkgFacts []analysis.PackageFact) *Implementations {
	im := &Implementations{byName: map[string][]implementation{}, notFound: map[string]bool{}}
	for _, pf := range pkgFacts {
		if t, ok := pf.Fact.(*TranslatedNotFound); ok {
			for _, v := range t.Vars {
				im.notFound[v] = true
			}
		}
	}
	for _, of := range facts {
		fn, ok := of.Object.(*types.Func)
		s, isSum := of.Fact.(*FuncSummary)
		if !ok || !isSum || !isConcreteMethod(fn) {
			continue
		}
		im.byName[fn.Name()] = append(im.byName[fn.Name()], implementation{fn: fn, summary: &s.Summary})
	}
	for _, list := range im.byName {
		sort.Slice(list, func(i, j int) bool { return list[i].fn.FullName() < list[j].fn.FullName() })
	}
	return im
}

// isConcreteMethod reports whether fn is a method of a type that is not
// an interface.
func isConcreteMethod(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	return sig.Recv() != nil && !types.IsInterface(sig.Recv().Type())
}

// resolve returns the summary of the only implementation of the interface
// method name among the indexed methods.
func (im *Implementations) resolve(name string, iface *types.Interface) *ops.Summary {
	if im == nil {
		return nil
	}
	c, ok := flow.SoleImplementation(iface, im.byName[name],
		func(c implementation) types.Type { return recvType(c.fn) },
		func(c implementation) string { return c.fn.FullName() })
	if !ok {
		return nil
	}
	return c.summary
}

// has reports whether some indexed method is called name.
func (im *Implementations) has(name string) bool { return im != nil && len(im.byName[name]) > 0 }

// translatesNotFound reports whether some indexed package translates "not
// found" to the variable key.
func (im *Implementations) translatesNotFound(key string) bool { return im != nil && im.notFound[key] }

// recvType is the receiver type of method fn.
func recvType(fn *types.Func) types.Type { return fn.Type().(*types.Signature).Recv().Type() }
