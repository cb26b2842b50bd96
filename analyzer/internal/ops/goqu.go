package ops

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// goquStatement is what a goqu dataset chain (db.Update("t").Set(...).
// Where(...)) says about the statement its finisher runs.
type goquStatement struct {
	root       ssa.Value // the *Database or *TxDatabase the dataset started from
	verb       string    // SELECT, UPDATE, INSERT, DELETE
	table      string    // as the code spells it
	keys       []Key
	state      []string
	imprecise  bool
	locking    bool
	shareLock  bool
	onConflict bool
	sets       []Assign // Set(goqu.Record{...}); nil with setsUnknown when not a literal
	setsKnown  bool
	rows       []Assign // Rows(first row)
}

// goquOp builds the operation of a goqu finisher: SQL text run through
// the database as database/sql runs it (the methods with an SQL
// argument), or the statement of the dataset the finisher (or the
// executor it is called on) was built from.
func (f *Func) goquOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	if m.SQL >= 0 {
		op := f.sqlCallOp(c, m)
		if op != nil {
			op.FoundResult = returnsBool(c) // db.ScanStruct(&u, query): found, err
		}
		return op
	}
	st := f.goquChain(receiver(c))
	if st.verb == "" {
		return nil
	}
	op := &Op{Call: c, Method: m, Handle: f.handle(st.root), Keys: st.keys, State: st.state, Table: table(st.table), Name: st.table,
		Flags: Flags{Imprecise: st.imprecise, Locking: st.locking, ShareLock: st.shareLock, ConflictSafe: st.onConflict}}
	var dest ssa.Value
	if m.Dest >= 0 {
		if d := arg(c, m, m.Dest); d != nil {
			dest = flow.Strip(d)
		}
	}
	switch st.verb {
	case "SELECT":
		op.Kind = Read
		switch {
		case m.Role == apimodel.RoleCount:
			op.Existence = true
		case dest != nil:
			op.Object, _ = flow.Root(dest)
			op.FoundResult = returnsBool(c) // ScanStruct(&u): found, err
		}
	case "UPDATE":
		op.Kind = Update
		op.Writes, op.WritesAll = st.sets, !st.setsKnown
		op.Returning = m.Role == apimodel.RoleRead // ...Returning(...).Executor().ScanStruct(&row)
	case "INSERT":
		op.Kind, op.Writes = Insert, st.rows
		op.Returning = m.Role == apimodel.RoleRead
	case "DELETE":
		op.Kind, op.WritesAll = Delete, true
	}
	if op.Name == "" {
		op.Name = displayName(chain{}, dest)
	}
	return op
}

// goquChain walks back from a finisher's receiver through the dataset's
// clauses to the call that started it.
func (f *Func) goquChain(v ssa.Value) goquStatement {
	var st goquStatement
	for i := 0; i < 64 && v != nil; i++ {
		call, ok := flow.Strip(v).(*ssa.Call)
		if !ok {
			break
		}
		m, ok := f.model.Lookup(callee(call))
		if !ok || m.Role != apimodel.RoleChain {
			break
		}
		switch m.Clause {
		case apimodel.ClauseStart:
			st.verb, st.root = m.Verb, receiver(call)
			if names := argList(call, m, m.Key); m.Key >= 0 && st.table == "" && len(names) == 1 {
				st.table = f.goquTable(names[0])
			}
			return st
		case apimodel.ClauseTable: // db.Select(cols...).From("users")
			if names := argList(call, m, 0); len(names) == 1 {
				st.table = f.goquTable(names[0])
			} else {
				st.imprecise = true
			}
		case apimodel.ClauseWhere:
			if m.Or {
				st.imprecise = true // a join or a second FROM
				break
			}
			for _, e := range argList(call, m, 0) {
				f.goquPredicate(e, &st)
			}
		case apimodel.ClauseLock:
			st.locking, st.shareLock = true, m.Verb == "SHARE"
		case apimodel.ClauseSetMap:
			fields := f.literalFields(arg(call, m, 0))
			st.sets, st.setsKnown = append(st.sets, fields...), st.setsKnown || fields != nil
		case apimodel.ClauseValues:
			if rows := argList(call, m, 0); len(rows) > 0 {
				st.rows = f.literalFields(rows[0])
			}
		case apimodel.ClauseConflict:
			st.onConflict = true
		}
		v = receiver(call)
	}
	return goquStatement{}
}

// goquTable reads the table a dataset starts on: "users" or
// goqu.T("users"), also held in a package variable (schema.UsersTable).
func (f *Func) goquTable(v ssa.Value) string {
	if s, ok := flow.ConstString(v); ok {
		return s
	}
	if c, ok := flow.GlobalValue(flow.Strip(v)).(*ssa.Call); ok {
		if m, ok := f.model.Lookup(callee(c)); ok && m.Role == apimodel.RoleTable {
			s, _ := flow.ConstString(arg(c, m, m.Key))
			return s
		}
	}
	return ""
}

// goquPredicate adds what one Where expression tests: C("col").Eq(v) and
// its kin, goqu.Ex{"col": v}, And of them, L("sql ?", v). Or, and
// expressions built any other way, make the rows imprecise.
func (f *Func) goquPredicate(e ssa.Value, st *goquStatement) {
	e = flow.Strip(e)
	if fields := f.literalFields(e); fields != nil {
		for _, fv := range fields { // goqu.Ex{"id": id, "status": "open"}
			if k, ok := fv.Value.(*ssa.Const); ok && k.Value == nil {
				st.state = append(st.state, fv.Column) // "owner_id": nil is IS NULL
				continue
			}
			if fv.Value == nil {
				st.imprecise = true
				continue
			}
			if _, isMap := fv.Value.Type().Underlying().(*types.Map); isMap {
				st.imprecise = true // goqu.Op{"gt": 1}
				continue
			}
			keys, state := comparison(fv.Name, "=", []ssa.Value{fv.Value})
			st.keys, st.state = append(st.keys, keys...), append(st.state, state...)
		}
		return
	}
	c, ok := e.(*ssa.Call)
	if !ok {
		st.imprecise = true
		return
	}
	m, ok := f.model.Lookup(callee(c))
	switch {
	case ok && m.Role == apimodel.RoleCondition && m.Verb == "AND":
		for _, x := range argList(c, m, 0) {
			f.goquPredicate(x, st)
		}
	case ok && m.Role == apimodel.RoleCondition && !m.Or:
		col := f.goquColumn(receiver(c))
		if col == "" {
			st.imprecise = true
			return
		}
		keys, state := comparison(col, m.Verb, argList(c, m, m.Value))
		st.keys, st.state = append(st.keys, keys...), append(st.state, state...)
	case ok && m.Role == apimodel.RoleAtomicExpr: // goqu.L("status = ?", s)
		text, known := flow.ConstString(arg(c, m, m.SQL))
		if !known {
			st.imprecise = true
			return
		}
		preds, hasOr := sqltext.ParseCondition(text)
		args := argList(c, m, m.Args)
		keys, state := wherePredicates(preds, func(o sqltext.Operand) ssa.Value {
			if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(args) {
				return args[o.Param]
			}
			return nil
		})
		st.keys, st.state, st.imprecise = append(st.keys, keys...), append(st.state, state...), st.imprecise || hasOr
	default:
		st.imprecise = true
	}
}

// goquColumn returns the column goqu.C("col"), goqu.I("col") or
// goqu.T("t").Col("col") names, also held in a package variable
// (schema.UsersEmailCol = UsersTable.Col("email")).
func (f *Func) goquColumn(v ssa.Value) string {
	c, ok := flow.GlobalValue(flow.Strip(v)).(*ssa.Call)
	if !ok {
		return ""
	}
	m, ok := f.model.Lookup(callee(c))
	if !ok || m.Role != apimodel.RoleColumn {
		return ""
	}
	s, _ := flow.ConstString(arg(c, m, m.Key))
	return s
}

// returnsBool reports whether a call's first result is a bool (found).
func returnsBool(c ssa.CallInstruction) bool {
	res := c.Common().Signature().Results()
	return res.Len() > 0 && isBool(res.At(0).Type())
}
