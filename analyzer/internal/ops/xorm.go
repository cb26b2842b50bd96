package ops

import (
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// xormOp builds the operation an xorm finisher runs. Conditions come from
// the session chain (Where, And, ID, In) and from the non-zero fields of
// a bean built in place; Update writes the bean's stored fields (limited
// by Cols) and the chain's Incr/Decr/SetExpr; Exec and Query take their
// SQL as the first element of a variadic list.
func (f *Func) xormOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	if m.Role == apimodel.RoleExec || m.Role == apimodel.RoleQuery {
		list := argList(c, m, 0)
		if len(list) == 0 {
			return nil
		}
		return f.sqlOp(c, m, list[0], list[1:])
	}
	ch := f.gormChain(receiver(c))
	op := &Op{Call: c, Method: m, Handle: f.handle(ch.root), Flags: Flags{Locking: ch.locking, Imprecise: ch.imprecise}}
	op.Keys = append(op.Keys, ch.keys...)
	op.State = append(op.State, ch.state...)
	beans := argList(c, m, 0)
	var bean, beanRoot ssa.Value
	if len(beans) > 0 {
		bean = flow.Strip(beans[0])
		beanRoot, _ = flow.Root(bean)
	}
	// beanKeys adds the conditions a bean built in place names.
	beanKeys := func(v ssa.Value) {
		if v == nil {
			return
		}
		for _, fv := range f.literalFields(v) {
			if fv.Value != nil {
				op.Keys = append(op.Keys, Key{Column: fv.Column, Name: fv.Name, Value: fv.Value})
			}
		}
	}
	addFill := func(dest ssa.Value) {
		root, path := flow.Root(dest)
		f.fills[root] = append(f.fills[root], fill{op: op, path: path})
	}
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind = Read
		if ch.raw != nil {
			applyRaw(op, ch)
			op.Table, op.Name = table(ch.raw.Table), ch.raw.Table
		}
		if bean == nil {
			return nil
		}
		op.Object = beanRoot
		addFill(bean)
		if m.Name == "Get" {
			op.FoundResult = true
			beanKeys(bean)
		} else {
			for _, cb := range argList(c, m, 1) {
				beanKeys(cb)
			}
		}
	case apimodel.RoleCount:
		op.Kind = Read
		op.Existence = true
		beanKeys(bean)
	case apimodel.RoleInsert:
		op.Kind = Insert
		if bean == nil {
			return nil
		}
		op.Object = beanRoot
		op.Writes = f.literalFields(bean)
		if op.Writes == nil {
			op.Writes = f.objectStores(beanRoot)
		}
	case apimodel.RoleUpdates:
		op.Kind = Update
		var writes []Assign
		if bean != nil {
			writes = f.literalFields(bean)
			if writes == nil {
				writes = f.objectStores(beanRoot)
			}
		}
		if len(ch.cols) > 0 {
			var kept []Assign
			for _, col := range ch.cols {
				// Unless this function stored the field, the value is the
				// bean's: a caller that passes the bean binds it to what it
				// stored (summaries select the column from the object).
				w := Assign{Column: col, Value: bean}
				for _, x := range writes {
					if x.Column == col {
						w = x
					}
				}
				kept = append(kept, w)
			}
			writes = kept
		}
		op.Writes = append(writes, ch.sets...)
		op.WritesAll = len(op.Writes) == 0
		for _, cb := range argList(c, m, 1) {
			beanKeys(cb)
		}
	case apimodel.RoleDelete:
		op.Kind = Delete
		op.WritesAll = true
		beanKeys(bean)
	default:
		return nil
	}
	if op.Table == "" {
		op.Table = ch.table
	}
	if op.Table == "" && ch.modelType != nil {
		op.Table = f.modelTable(ch.modelType)
	}
	if op.Table == "" && bean != nil {
		op.Table = f.modelTable(bean.Type())
	}
	if op.Name == "" {
		op.Name = displayName(ch, bean)
	}
	return op
}
