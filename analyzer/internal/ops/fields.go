package ops

// Interface-typed struct fields whose dynamic type the package pins down:
// a service holding `uow domain.UnitOfWork` that its constructor sets to
// store.NewUoW(db) calls that implementation, even when other types in
// the program implement the interface too (a Serializable variant, a
// caching decorator, a test double).

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// fieldTypes maps each interface-typed field that the package's code
// stores into to the one concrete type stored there; a field stored with
// an interface value (its dynamic type unknown here) or with two types
// maps to nil.
type fieldTypes map[*types.Var]types.Type

func collectFieldTypes(fns []*ssa.Function) fieldTypes {
	out := fieldTypes{}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				field := structField(fa.X.Type(), fa.Field)
				if field == nil || !types.IsInterface(field.Type()) {
					continue
				}
				var concrete types.Type
				if mi, ok := st.Val.(*ssa.MakeInterface); ok {
					concrete = mi.X.Type()
				}
				if prev, seen := out[field]; seen && (prev == nil || concrete == nil || !types.Identical(prev, concrete)) {
					concrete = nil
				}
				out[field] = concrete
			}
		}
	}
	return out
}

// structField returns field i of the struct t points to.
func structField(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// concreteMethod returns the method an interface call runs when its
// receiver is loaded from a field with one known dynamic type.
func (p *Package) concreteMethod(c ssa.CallInstruction) *types.Func {
	com := c.Common()
	load, ok := com.Value.(*ssa.UnOp)
	if !ok {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	field := structField(fa.X.Type(), fa.Field)
	t := p.fields[field]
	if t == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, com.Method.Pkg(), com.Method.Name())
	fn, _ := obj.(*types.Func)
	return fn
}
