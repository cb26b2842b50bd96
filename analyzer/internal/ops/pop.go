package ops

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// popOp builds the operation a gobuffalo/pop finisher runs: reads fill
// their model (Find adds its id as the key), writes work on a model whose
// primary key names the row, and RawQuery(...).Exec() runs its SQL.
func (f *Func) popOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	if m.Role == apimodel.RoleExec {
		raw := f.popRawCall(receiver(c))
		if raw == nil {
			return nil
		}
		rm, _ := f.model.Lookup(callee(raw))
		op := f.sqlOp(c, m, arg(raw, rm, 0), argList(raw, rm, 1))
		if op != nil {
			op.Handle = f.handle(f.gormChain(receiver(c)).root)
		}
		return op
	}
	recv := receiver(c)
	if u, ok := flow.Strip(recv).(*ssa.UnOp); ok && u.Op == token.MUL {
		recv = u.X // Query.Count has a value receiver
	}
	ch := f.gormChain(recv)
	op := &Op{Call: c, Method: m, Handle: f.handle(ch.root), Flags: Flags{Locking: ch.locking, Imprecise: ch.imprecise}}
	op.Keys = append(op.Keys, ch.keys...)
	op.State = append(op.State, ch.state...)
	model := flow.Strip(arg(c, m, 0))
	var root ssa.Value
	if model != nil {
		root, _ = flow.Root(model)
	}
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind = Read
		if model == nil {
			return nil
		}
		op.Object = root
		rootFill, path := flow.Root(model)
		f.fills[rootFill] = append(f.fills[rootFill], fill{op: op, path: path})
		if m.Name == "Find" {
			if id := arg(c, m, 1); id != nil {
				op.Keys = append(op.Keys, Key{Column: "id", Value: flow.Strip(id)})
			}
		}
		if ch.raw != nil {
			applyRaw(op, ch)
			op.Table, op.Name = table(ch.raw.Table), ch.raw.Table
		}
	case apimodel.RoleCount:
		op.Kind = Read
		op.Existence = true
	case apimodel.RoleSave:
		op.Kind = Update
		op.Object = root
		op.Writes = f.objectStores(root)
		op.WritesAll = len(op.Writes) == 0
		op.WholeRecord = true // Update(model) and Save(model) write every column
	case apimodel.RoleUpdates:
		// UpdateColumns(model, columns...): only the named columns.
		op.Kind = Update
		op.Object = root
		stored := f.objectStores(root)
		op.Writes = namedWrites(argList(c, m, 1), stored)
		if len(op.Writes) == 0 {
			op.Writes = stored
		}
		op.WritesAll = len(op.Writes) == 0
	case apimodel.RoleInsert:
		op.Kind = Insert
		op.Writes = f.literalFields(model)
		if op.Writes == nil && root != nil {
			op.Writes = f.objectStores(root)
		}
	case apimodel.RoleDelete:
		op.Kind = Delete
		op.Object = root
		op.WritesAll = true
	default:
		return nil
	}
	if op.Table == "" && model != nil {
		op.Table = f.modelTable(model.Type())
	}
	if op.Name == "" {
		op.Name = displayName(ch, model)
	}
	return op
}

// namedWrites returns the writes of the columns a call names (pop's
// UpdateColumns(m, "status"), dbx's Model(&m).Update("status")), each
// with the value the code stored in that field of the model if it did;
// nil when a name is not a constant.
func namedWrites(names []ssa.Value, stored []Assign) []Assign {
	var out []Assign
	for _, v := range names {
		col, ok := flow.ConstString(v)
		if !ok {
			return nil
		}
		w := Assign{Column: normalizeColumn(col), Name: col}
		for _, s := range stored {
			if s.Column == w.Column {
				w = s
			}
		}
		out = append(out, w)
	}
	return out
}

// popRawCall returns the RawQuery call a Query chain starts from.
func (f *Func) popRawCall(v ssa.Value) *ssa.Call {
	for i := 0; i < 32; i++ {
		c, ok := flow.Strip(v).(*ssa.Call)
		if !ok {
			return nil
		}
		m, ok := f.model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RoleChain {
			return nil
		}
		if m.Clause == apimodel.ClauseRaw {
			return c
		}
		v = receiver(c)
	}
	return nil
}
