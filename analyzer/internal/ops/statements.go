package ops

// SQL statements: operations from the text of a query and its arguments.

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// preparedSQL returns the SQL argument of the Prepare call that made stmt.
func (f *Func) preparedSQL(stmt ssa.Value) ssa.Value {
	if text := f.pkg.fieldStmtSQL(stmt); text != nil {
		return text // prepared once, at construction
	}
	v := flow.Strip(stmt)
	if ex, ok := v.(*ssa.Extract); ok {
		v = ex.Tuple
	}
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	m, ok := f.model.Lookup(callee(c))
	if !ok || m.Role != apimodel.RolePrepare {
		return nil
	}
	return arg(c, m, m.SQL)
}

// sqlText resolves the SQL argument, looking through Rebind and sqlx.In.
func (f *Func) sqlText(v ssa.Value) (string, bool) {
	for i := 0; i < 4 && v != nil; i++ {
		if s, ok := flow.ConstString(v); ok {
			return s, true
		}
		inner := flow.Strip(v)
		if ex, ok := inner.(*ssa.Extract); ok {
			inner = ex.Tuple
		}
		c, ok := inner.(*ssa.Call)
		if !ok {
			return "", false
		}
		m, ok := f.model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RolePassSQL {
			return "", false
		}
		v = arg(c, m, m.SQL)
	}
	return "", false
}

func (f *Func) sqlOp(c ssa.CallInstruction, m apimodel.Method, sqlArg ssa.Value, args []ssa.Value) *Op {
	text, ok := f.sqlText(sqlArg)
	if !ok {
		if op := f.toSQLOp(c, m, sqlArg); op != nil {
			return op
		}
		return f.wrapperOp(c, m, sqlArg)
	}
	op := f.statementOp(c, m, text, args)
	if op != nil {
		op.Handle = f.handle(receiver(c))
		if op.Handle.Value == nil && m.Recv == "" {
			// sqlx.Get(q, ...): the handle is the first argument.
			op.Handle = f.handle(arg(c, m, 0))
		}
	}
	return op
}

// wrapperOp records a statement whose SQL is a parameter of the function
// (an in-house executor: func (d *DB) exec(ctx, q string, args ...any)):
// the function's summary carries it, and each call site that passes
// constant SQL gets a real operation.
func (f *Func) wrapperOp(c ssa.CallInstruction, m apimodel.Method, sqlArg ssa.Value) *Op {
	sqlParam := paramOf(f.Fn, sqlArg)
	if sqlParam.Index < 0 || len(sqlParam.Path) > 0 {
		return nil
	}
	op := &Op{Kind: Deferred, Call: c, Method: m, SQLParam: sqlParam.Index, ArgsParam: -1, Handle: f.handle(receiver(c))}
	if a := arg(c, m, m.Args); a != nil {
		if p := paramOf(f.Fn, a); p.Index >= 0 && len(p.Path) == 0 {
			op.ArgsParam = p.Index
		} else if elems, ok := flow.VariadicArgs(a); ok {
			// get(ctx, query, code string) passing `code` on: the
			// statement's arguments are parameters, one by one.
			for _, e := range elems {
				p := paramOf(f.Fn, e)
				if p.Index < 0 {
					op.ArgParams = nil
					break
				}
				op.ArgParams = append(op.ArgParams, p)
			}
		}
	}
	return op
}

// statementOp builds the operation of one SQL statement with its
// arguments; the caller sets the handle.
func (f *Func) statementOp(c ssa.CallInstruction, m apimodel.Method, text string, args []ssa.Value) *Op {
	st := sqltext.Parse(text)
	op := &Op{Call: c, Method: m, Stmt: &st, Table: table(st.Table), Name: st.Table}
	switch st.Verb {
	case sqltext.Select:
		op.Kind = Read
		if st.LocksWriters {
			op.Kind = Lock
		}
	case sqltext.Insert:
		op.Kind = Insert
	case sqltext.Update:
		op.Kind = Update
	case sqltext.Delete:
		op.Kind = Delete
		op.WritesAll = true
	default:
		if !st.LocksWriters {
			return nil
		}
		op.Kind = Lock
		op.Handle = f.handle(receiver(c))
		return op
	}
	bind := func(o sqltext.Operand) ssa.Value {
		if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(args) {
			return args[o.Param]
		}
		if o.Kind == sqltext.OpParam && o.Param < 0 && len(args) == 1 {
			return namedField(args[0], o.Name)
		}
		return nil
	}
	op.Keys, op.State = wherePredicates(st.Where, bind)
	op.Cutoffs = cutoffColumns(st.Where)
	op.Excludes = excludedKeys(st.Where, bind)
	if len(st.Named) > 0 && len(args) == 1 {
		// sqlx NamedExec(query, e): the struct names the row.
		op.Object, _ = flow.Root(flow.Strip(args[0]))
	}
	op.Imprecise = st.WhereOr
	op.EitherKey = st.WhereOr && len(op.State) == 0 && len(op.Keys) > 1 && len(op.Keys) == len(st.Where) && allBound(op.Keys)
	for _, a := range st.Set {
		op.Writes = append(op.Writes, Assign{Column: normalizeColumn(a.Column), Name: a.Column, Value: bind(a.Value), Atomic: a.Atomic,
			Now: a.Value.Kind == sqltext.OpNow, Literal: literalText(a.Value)})
	}
	if op.Kind == Insert {
		for i, col := range st.InsertColumns {
			w := Assign{Column: normalizeColumn(col), Name: col}
			if i < len(st.InsertValues) {
				w.Value = bind(st.InsertValues[i])
			}
			op.Writes = append(op.Writes, w)
		}
	}
	for i := range op.Writes {
		if v := op.Writes[i].Value; v != nil && f.isTimeNow(v) {
			op.Writes[i].Now = true
		}
	}
	op.Locking = st.Lock != sqltext.NoLock
	op.ShareLock = st.Lock == sqltext.ForShare
	op.ConflictSafe = st.Conflict != sqltext.NoConflictClause
	op.ConflictNamed = len(st.ConflictTarget) > 0 || st.ConflictConstraint != ""
	op.Returning = st.Returning
	return op
}

// comparison reads `column op values` (a Filter, a goqu C("col").Eq(v)) as
// the WHERE predicate it is: keys and state tests, as wherePredicates
// splits them.
func comparison(column, op string, values []ssa.Value) (keys []Key, state []string) {
	var cond string
	switch op {
	case "IS NULL", "IS NOT NULL", "IS TRUE", "IS FALSE":
		cond, values = column+" "+op, nil
	case "IS", "IS NOT":
		return nil, []string{normalizeColumn(column)} // goqu Is(v): a state test
	case "IN", "NOT IN":
		cond = column + " " + op + " (?)"
	case "BETWEEN":
		cond = column + " BETWEEN ? AND ?"
	default:
		cond = column + " " + op + " ?"
	}
	preds, _ := sqltext.ParseCondition(cond)
	return wherePredicates(preds, func(o sqltext.Operand) ssa.Value {
		if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(values) {
			return values[o.Param]
		}
		return nil
	})
}

// allBound reports whether every key has a Go value.
func allBound(keys []Key) bool {
	for _, k := range keys {
		if k.Value == nil {
			return false
		}
	}
	return true
}

// wherePredicates splits predicates into keys (equalities with a Go value
// or a literal on an identifying column) and state tests.
func wherePredicates(preds []sqltext.Predicate, bind func(sqltext.Operand) ssa.Value) (keys []Key, state []string) {
	for _, p := range preds {
		col := normalizeColumn(p.Column)
		if col == "" {
			// A condition the classifier cannot take apart, such as
			// (status = 'failed' OR status = 'cancelled'): it tests state.
			state = append(state, "")
			continue
		}
		isEq := p.Op == "=" || p.Op == "IN"
		var bound ssa.Value
		if p.Value.Kind == sqltext.OpParam {
			bound = bind(p.Value)
		}
		boundConst := false
		if bound != nil {
			_, boundConst = flow.Strip(bound).(*ssa.Const)
		}
		switch {
		case isEq && p.Value.Kind == sqltext.OpParam && !stateColumn(col) && !(boundConst && !identifying(col)):
			keys = append(keys, Key{Column: col, Name: p.Column, Value: bound})
		case isEq && p.Value.Kind == sqltext.OpLiteral && identifying(col):
			keys = append(keys, Key{Column: col, Name: p.Column, Literal: p.Value.Literal})
		case p.Op == "=" && p.Value.Kind == sqltext.OpUnknown && !stateColumn(col):
			// username = LOWER($1): an identifying lookup through an
			// expression, not a state test; its value is unknown here.
			keys = append(keys, Key{Column: col, Name: p.Column})
		default:
			state = append(state, col)
		}
	}
	return keys, state
}

// excludedKeys returns the identifying columns preds exclude one value of
// (user_uid <> $1): the statement touches every row but that one.
func excludedKeys(preds []sqltext.Predicate, bind func(sqltext.Operand) ssa.Value) []Key {
	var out []Key
	for _, p := range preds {
		col := normalizeColumn(p.Column)
		if (p.Op != "<>" && p.Op != "!=") || col == "" || stateColumn(col) || p.Value.Kind != sqltext.OpParam {
			continue
		}
		if v := bind(p.Value); v != nil {
			out = append(out, Key{Column: col, Name: p.Column, Value: v})
		}
	}
	return out
}

// cutoffColumns returns the columns preds compare by order (ts < $1,
// expires_at <= now(), n BETWEEN $1 AND $2).
func cutoffColumns(preds []sqltext.Predicate) []string {
	var out []string
	for _, p := range preds {
		switch p.Op {
		case "<", "<=", ">", ">=", "BETWEEN":
			if col := normalizeColumn(p.Column); col != "" {
				out = append(out, col)
			}
		}
	}
	return out
}

// stateColumn reports whether an equality on col tests the row's state
// rather than naming it: optimistic versions and status columns.
func stateColumn(col string) bool {
	switch strings.ReplaceAll(col, "_", "") {
	case "version", "lockversion", "revision", "rev", "status", "state", "updatedat", "etag":
		return true
	}
	return false
}

// identifying reports whether a literal equality on col names a row (a
// settings key, a fixed id) rather than testing its state.
func identifying(col string) bool {
	c := strings.ReplaceAll(col, "_", "")
	return c == "id" || strings.HasSuffix(c, "id") || strings.HasSuffix(c, "key") || c == "name" || c == "slug"
}

// sqlxInCall returns the sqlx.In call whose expanded arguments v is.
func sqlxInCall(v ssa.Value) *ssa.Call {
	ex, ok := flow.Strip(v).(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return nil
	}
	c, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := callee(c)
	if fn == nil || apimodel.LibraryIDOf(fn.Pkg()) != apimodel.LibSQLX || fn.Name() != "In" {
		return nil
	}
	return c
}

// literalText is what a SET operand writes when the SQL spells it out:
// the literal, or "null"; "" for anything else.
func literalText(v sqltext.Operand) string {
	switch v.Kind {
	case sqltext.OpLiteral:
		return v.Literal
	case sqltext.OpNull:
		return "null"
	}
	return ""
}
