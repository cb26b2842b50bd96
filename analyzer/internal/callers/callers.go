// Package callers indexes, within one package, where each of its
// functions is named: the calls that run it in line and every other use
// (a function value passed on, a goroutine, a deferred call, a closure
// made). Questions about what only some code reaches (is this helper run
// only by migrations, does every caller hold this lock) are asked of it.
package callers

import "golang.org/x/tools/go/ssa"

// Site is one place a function is named.
type Site struct {
	Fn    *ssa.Function   // the function whose code names it
	Instr ssa.Instruction // the call, or the instruction that uses the value
	// InLine: a static call that runs the function before the next
	// instruction (not go, not defer, not a value handed on).
	InLine bool
}

// Index maps each function of a package to the sites that name it.
type Index struct {
	sites map[*ssa.Function][]Site
	// invoked holds the names of the methods called through an interface.
	invoked map[string]bool
}

// New indexes the sites in fns and their function literals that name one
// of fns or of those literals.
func New(fns []*ssa.Function) *Index {
	ix := &Index{sites: map[*ssa.Function][]Site{}, invoked: map[string]bool{}}
	all := map[*ssa.Function]bool{}
	var collect func(fn *ssa.Function)
	collect = func(fn *ssa.Function) {
		if all[fn] {
			return
		}
		all[fn] = true
		for _, anon := range fn.AnonFuncs {
			collect(anon)
		}
	}
	for _, fn := range fns {
		collect(fn)
	}
	var ops []*ssa.Value
	for fn := range all {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, isCall := instr.(*ssa.Call)
				if c, ok := instr.(ssa.CallInstruction); ok && c.Common().IsInvoke() {
					ix.invoked[c.Common().Method.Name()] = true
				}
				for i, op := range instr.Operands(ops[:0]) {
					g, ok := (*op).(*ssa.Function)
					if !ok || !all[g] || g == fn {
						continue
					}
					// Operand 0 of a call is the function it calls.
					inLine := isCall && i == 0 && !call.Call.IsInvoke()
					ix.sites[g] = append(ix.sites[g], Site{Fn: fn, Instr: instr, InLine: inLine})
				}
			}
		}
	}
	return ix
}

// Sites returns the places that name fn. A method may also run through an
// interface (see Invoked).
func (ix *Index) Sites(fn *ssa.Function) []Site { return ix.sites[fn] }

// Invoked reports whether a method of this name is called through an
// interface somewhere in the package: a site Sites cannot see.
func (ix *Index) Invoked(name string) bool { return ix.invoked[name] }
