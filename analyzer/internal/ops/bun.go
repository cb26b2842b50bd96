package ops

import (
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// bunOp builds the operation a bun query chain runs: the verb comes from
// the chain's NewSelect/NewUpdate/..., the rows from Model, Where and
// WherePK, the columns from Set.
func (f *Func) bunOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	ch := f.gormChain(receiver(c))
	op := &Op{Call: c, Method: m, Handle: f.handle(ch.root),
		Flags: Flags{Locking: ch.locking, ShareLock: ch.shareLock, ConflictSafe: ch.onConflict, Imprecise: ch.imprecise}}
	op.Keys = append(op.Keys, ch.keys...)
	op.State = append(op.State, ch.state...)
	op.Object = ch.modelObj
	op.Table = ch.table
	if op.Table == "" && ch.modelType != nil {
		op.Table = f.modelTable(ch.modelType)
	}
	op.Name = displayName(ch, nil)
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind = Read
	case apimodel.RoleExists, apimodel.RoleCount:
		op.Kind = Read
		op.Existence = true
		op.Object = nil
	case apimodel.RoleExec:
		switch ch.verb {
		case "UPDATE":
			op.Kind = Update
			op.Writes = ch.sets
			op.WritesAll = len(ch.sets) == 0
		case "INSERT":
			op.Kind = Insert
			if op.Object != nil {
				op.Writes = f.objectStores(op.Object)
			}
		case "DELETE":
			op.Kind = Delete
			op.WritesAll = true
		default:
			return nil
		}
	default:
		return nil
	}
	if !ch.wherePK && m.Role != apimodel.RoleRead && op.Kind != Insert {
		// Without WherePK the model only names the table, not the row.
		op.Object = nil
	}
	return op
}

// bunSet parses one Set("views = views + ?", n) clause into assignments.
func (f *Func) bunSet(fragment string, args []ssa.Value) []Assign {
	st := sqltext.Parse("UPDATE t SET " + fragment)
	var out []Assign
	for _, a := range st.Set {
		w := Assign{Column: normalizeColumn(a.Column), Atomic: a.Atomic, Now: a.Value.Kind == sqltext.OpNow}
		if a.Value.Kind == sqltext.OpParam && a.Value.Param >= 0 && a.Value.Param < len(args) {
			w.Value = args[a.Value.Param]
			w.Now = w.Now || f.isTimeNow(w.Value)
		}
		out = append(out, w)
	}
	return out
}
