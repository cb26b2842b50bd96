package ops

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// userOp builds the operation of a function the configuration declares.
func (f *Func) userOp(c ssa.CallInstruction, fn *types.Func, u apimodel.UserFunc) *Op {
	m := apimodel.Method{Pkg: fn.Pkg().Path(), Name: fn.Name(), Role: apimodel.RoleUser,
		SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: u.Key, Field: -1, Value: -1,
		ReturnsRecord: u.Role == "read"}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		m.Recv = apimodel.TypeName(sig.Recv().Type())
	}
	op := &Op{Call: c, Method: m, Table: table(u.Table), Name: u.Table, Handle: f.handle(receiver(c))}
	var key ssa.Value
	if u.Key >= 0 {
		if a := arg(c, m, u.Key); a != nil {
			key = flow.Strip(a)
		}
	}
	keyName := "key"
	if u.KeyName != "" && u.KeyName != "_" {
		keyName = u.KeyName
	}
	if key != nil {
		op.Keys = []Key{{Column: normalizeColumn(keyName), Name: keyName, Value: key}}
	}
	if u.Object >= 0 {
		// Save(ctx, acct): the record written whole.
		if a := arg(c, m, u.Object); a != nil {
			op.Object, _ = flow.Root(flow.LoadedAddr(a))
		}
	}
	switch u.Role {
	case "read":
		op.Kind = Read
	case "exists":
		op.Kind, op.Existence = Read, true
	case "update":
		op.Kind = Update
		for _, col := range u.Columns {
			op.Writes = append(op.Writes, Assign{Column: normalizeColumn(col), Name: col})
		}
		op.WritesAll = len(u.Columns) == 0
	case "insert":
		op.Kind = Insert
		if key != nil {
			op.Writes = []Assign{{Column: normalizeColumn(keyName), Name: keyName, Value: key}}
		}
	case "delete":
		op.Kind, op.WritesAll = Delete, true
	case "lock":
		op.Kind = Lock
	default:
		return nil
	}
	return op
}
