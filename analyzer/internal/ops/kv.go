package ops

import (
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// kvTable is the table name of every key-value operation: rows are told
// apart by their keys alone.
const kvTable = "redis"

// kvOp builds the operation of a go-redis command.
func (f *Func) kvOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	key := arg(c, m, m.Key)
	if key == nil {
		return nil
	}
	if _, isSlice := key.Type().Underlying().(*types.Slice); isSlice {
		// Exists(ctx, keys...), Del(ctx, keys...): one key is a row.
		keys, ok := flow.VariadicArgs(key)
		if !ok || len(keys) != 1 {
			return nil
		}
		key = keys[0]
	}
	op := &Op{Call: c, Method: m, Table: kvTable, Name: keyName(key), Handle: f.handle(receiver(c))}
	op.Keys = []Key{{Column: "key", Value: flow.Strip(key)}}
	column := "value"
	var value ssa.Value
	var pairs []Assign
	if fa := arg(c, m, m.Field); fa != nil {
		if _, isSlice := fa.Type().Underlying().(*types.Slice); isSlice {
			// HSet(ctx, key, "field", value, "field2", value2).
			vals, _ := flow.VariadicArgs(fa)
			for i := 0; i+1 < len(vals); i += 2 {
				name, ok := flow.ConstString(vals[i])
				if !ok {
					pairs = nil
					break
				}
				pairs = append(pairs, Assign{Column: normalizeColumn(name), Value: vals[i+1], Now: f.isTimeNow(vals[i+1])})
			}
			column = ""
		} else if field, ok := flow.ConstString(fa); ok {
			column = normalizeColumn(field)
		} else {
			column = ""
		}
	}
	if m.Value >= 0 && pairs == nil {
		if vs := argList(c, m, m.Value); len(vs) == 1 {
			value = vs[0]
		}
	}
	op.Column = column
	switch m.Role {
	case apimodel.RoleRead, apimodel.RoleExists:
		op.Kind = Read
		op.Existence = m.Role == apimodel.RoleExists
	case apimodel.RoleUpsert:
		op.Kind = Update
		op.Upsert = true
		op.Writes = []Assign{{Column: column, Value: value, Now: value != nil && f.isTimeNow(value)}}
		if pairs != nil {
			op.Writes = pairs
		}
		if mode := f.setArgsMode(arg(c, m, m.Opts)); mode == "NX" || mode == "XX" {
			// SetArgs(ctx, key, v, redis.SetArgs{Mode: "NX"}): as SETNX.
			op.Kind = Insert
			op.ConflictSafe = true
		}
	case apimodel.RoleIncrement:
		// Atomic on its own; after a Go check of the number (count <
		// limit), the check is what races.
		op.Kind = Update
		op.Writes = []Assign{{Column: column, Atomic: true}}
	case apimodel.RoleInsertIfAbsent:
		op.Kind = Insert
		op.ConflictSafe = true
		op.Writes = []Assign{{Column: column, Value: value}}
	case apimodel.RoleDelete:
		op.Kind = Delete
		op.WritesAll = true
	default:
		return nil
	}
	if op.Handle.Value != nil && apimodel.IsKeyValueTx(op.Handle.Value.Type()) {
		// Inside Watch: EXEC fails if a watched key changed, so the
		// transaction is optimistic and its reads count as locking.
		op.Handle.Tx = true
		op.Locking = true
	}
	return op
}

// setArgsMode reads the Mode field of a SetArgs literal.
func (f *Func) setArgsMode(v ssa.Value) string {
	for _, a := range f.literalFields(v) {
		if a.Column == "mode" {
			if s, ok := flow.ConstString(a.Value); ok {
				return s
			}
		}
	}
	return ""
}

// keyName names a key for messages: its constant text or format.
func keyName(key ssa.Value) string {
	if c, ok := flow.Strip(key).(*ssa.Call); ok {
		if fn := c.Call.StaticCallee(); fn != nil && fn.Name() == "Sprintf" && len(c.Call.Args) > 0 {
			if format, ok := flow.ConstString(c.Call.Args[0]); ok {
				return "key " + format
			}
		}
	}
	if s, ok := flow.ConstString(key); ok {
		return "key " + s
	}
	return "key"
}

// isKVSentinel reports whether v is a typed constant that means "not
// found" (go-redis's redis.Nil).
func isKVSentinel(v ssa.Value) bool {
	c, ok := flow.Strip(v).(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return false
	}
	n, ok := types.Unalias(c.Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return apimodel.ConstSentinel(n.Obj().Pkg().Path(), n.Obj().Name(), constant.StringVal(c.Value)) == apimodel.NotFound
}
