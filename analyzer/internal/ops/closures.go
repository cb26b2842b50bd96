package ops

// Closures: function literals run in place (transactions handed to
// callbacks) are inlined into their parent.

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/flow"
)

// inlineClosure adds to f the operations of a function literal f calls
// synchronously or hands to a call (rdb.TxPipelined(ctx, func(pipe) ...),
// db.Transaction(func(tx) ...)): a read in f and a write in the literal
// race like a read and a write in one function. The operations stand at
// the call that receives the literal; they are reported at their own
// position inside it. Pairs inside the literal are the literal's own.
func (f *Func) inlineClosure(lit *Func) {
	if len(lit.Ops) == 0 {
		return
	}
	mc := makeClosureOf(f.Fn, lit.Fn)
	if mc == nil {
		return
	}
	var site ssa.CallInstruction
	for _, ref := range *mc.Referrers() {
		if c, ok := ref.(ssa.CallInstruction); ok {
			if site != nil {
				return // called or passed twice: no single point in time
			}
			site = c
		}
	}
	if site == nil {
		return
	}
	for i, fv := range lit.Fn.FreeVars {
		if i < len(mc.Bindings) {
			f.bind[fv] = mc.Bindings[i]
		}
	}
	var ops []*Op
	for _, op := range lit.Ops {
		if op.Kind == Begin || op.At != nil {
			continue
		}
		cp := *op
		cp.fn, cp.Call, cp.At = f, site, op.Call
		cp.Keys = append([]Key(nil), op.Keys...)
		for i := range cp.Keys {
			cp.Keys[i].Value = f.resolveFree(cp.Keys[i].Value)
		}
		if op.Handle.Tx && op.Handle.Begin != nil && op.Handle.Begin.Call.Parent() == lit.Fn {
			continue // the literal's own transaction
		}
		ops = append(ops, &cp)
	}
	f.Ops = append(f.Ops, ops...)
	f.sources = map[ssa.Value][]Source{}
	f.computed = map[ssa.Value][]Source{}
	f.markInspected()
}

// resolveFree replaces a captured variable of an inlined literal (or a
// load of it) by what f captured: the value itself, or the value f stored
// into the captured variable when it stored exactly one.
func (f *Func) resolveFree(v ssa.Value) ssa.Value {
	switch x := flow.Strip(v).(type) {
	case *ssa.FreeVar:
		if b, ok := f.bind[x]; ok {
			return b
		}
	case *ssa.UnOp:
		if fv, ok := x.X.(*ssa.FreeVar); ok && x.Op == token.MUL {
			if alloc, ok := f.bind[fv].(*ssa.Alloc); ok {
				if st := f.singleStore(alloc); st != nil {
					return flow.Strip(st)
				}
			}
		}
	}
	return v
}

// makeClosureOf returns the (last) instruction of fn that makes a closure
// of the function literal lit.
func makeClosureOf(fn, lit *ssa.Function) *ssa.MakeClosure {
	var mc *ssa.MakeClosure
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(*ssa.MakeClosure); ok && x.Fn == lit {
				mc = x
			}
		}
	}
	return mc
}
