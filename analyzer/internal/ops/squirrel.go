package ops

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// sqStatement is what a squirrel builder chain says about its statement.
type sqStatement struct {
	verb, table string
	columns     []string // SELECT columns
	keys        []Key
	state       []string
	imprecise   bool
	sets        []Assign
	insertCols  []string
	insertVals  []ssa.Value
	lock        bool
	conflict    bool
	returning   bool
	handle      ssa.Value // the RunWith argument
}

// sqChain walks a squirrel builder chain back from a finisher's receiver.
func (f *Func) sqChain(v ssa.Value) (st sqStatement, ok bool) {
	for i := 0; i < 64 && v != nil; i++ {
		c, isCall := flow.Strip(v).(*ssa.Call)
		if !isCall {
			break
		}
		m, known := f.model.Lookup(callee(c))
		if !known || m.Role != apimodel.RoleChain || m.Lib != apimodel.LibSquirrel {
			break
		}
		switch m.Clause {
		case apimodel.ClauseStart:
			st.verb = m.Verb
			if m.Verb == "SELECT" {
				for _, col := range argList(c, m, 0) {
					if s, ok := flow.ConstString(col); ok {
						st.columns = append(st.columns, s)
					}
				}
			} else if s, ok := flow.ConstString(arg(c, m, 0)); ok {
				st.table = s
			}
		case apimodel.ClauseTable:
			if s, ok := flow.ConstString(arg(c, m, 0)); ok {
				st.table = s
			}
		case apimodel.ClauseWhere:
			conds := append([]ssa.Value{flow.Strip(arg(c, m, 0))}, argList(c, m, 1)...)
			keys, state, imprecise := f.gormConditions(conds)
			for _, k := range keys {
				if k.Value != nil && !identifying(k.Column) {
					if _, isConst := flow.Strip(k.Value).(*ssa.Const); isConst {
						state = append(state, k.Column) // sq.Eq{"status": "pending"}
						continue
					}
				}
				st.keys = append(st.keys, k)
			}
			st.state = append(st.state, state...)
			st.imprecise = st.imprecise || imprecise
		case apimodel.ClauseSetColumn:
			if col, ok := flow.ConstString(arg(c, m, 0)); ok {
				val := flow.Strip(arg(c, m, 1))
				st.sets = append(st.sets, Assign{Column: normalizeColumn(col), Name: col, Value: val, Atomic: isGormExpr(f, val), Now: f.isTimeNow(val)})
			} else {
				st.imprecise = true
			}
		case apimodel.ClauseSetMap:
			if fields := f.literalFields(arg(c, m, 0)); fields != nil {
				st.sets = append(st.sets, fields...)
			}
		case apimodel.ClauseColumns:
			for _, col := range argList(c, m, 0) {
				s, _ := flow.ConstString(col)
				st.insertCols = append(st.insertCols, s)
			}
		case apimodel.ClauseValues:
			if st.insertVals == nil { // the first row, as the chain reads backwards the last Values wins
				st.insertVals = argList(c, m, 0)
			}
		case apimodel.ClauseSuffix:
			if s, ok := flow.ConstString(arg(c, m, 0)); ok {
				u := strings.ToUpper(s)
				st.lock = st.lock || strings.Contains(u, "FOR UPDATE") || strings.Contains(u, "FOR SHARE") || strings.Contains(u, "FOR NO KEY UPDATE")
				st.conflict = st.conflict || strings.Contains(u, "ON CONFLICT") || strings.Contains(u, "ON DUPLICATE KEY")
				st.returning = st.returning || strings.Contains(u, "RETURNING")
			}
		case apimodel.ClauseRunWith:
			if st.handle == nil { // the last RunWith in the chain decides
				st.handle = arg(c, m, 0)
			}
		}
		if m.Recv == "" {
			break // sq.Select(...): the start of the chain
		}
		v = receiver(c)
	}
	return st, st.verb != ""
}

// sqOp builds the operation a squirrel builder runs.
func (f *Func) sqOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	st, ok := f.sqChain(receiver(c))
	if !ok {
		return nil
	}
	return f.sqStatementOp(c, m, st, f.handle(st.handle))
}

// toSQLOp builds the operation of a library call whose SQL comes from a
// squirrel builder's ToSql (sql, args, err := b.ToSql(); db.Exec(sql,
// args...)): the statement is the builder's, the handle the executor's.
func (f *Func) toSQLOp(c ssa.CallInstruction, m apimodel.Method, sqlArg ssa.Value) *Op {
	ex, ok := flow.Strip(sqlArg).(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := callee(call)
	if fn == nil || fn.Name() != "ToSql" || apimodel.LibraryIDOf(fn.Pkg()) != apimodel.LibSquirrel {
		return nil
	}
	st, ok := f.sqChain(receiver(call))
	if !ok {
		return nil
	}
	return f.sqStatementOp(c, m, st, f.handle(receiver(c)))
}

// sqStatementOp builds the operation of the statement a builder chain
// describes, run by call c on handle.
func (f *Func) sqStatementOp(c ssa.CallInstruction, m apimodel.Method, st sqStatement, handle Handle) *Op {
	op := &Op{Call: c, Method: m, Table: table(st.table), Name: st.table, Keys: st.keys, State: st.state,
		Flags:  Flags{Imprecise: st.imprecise, Locking: st.lock, ConflictSafe: st.conflict, Returning: st.returning},
		Handle: handle}
	stmt := sqltext.Statement{Table: sqltext.Normalize(st.table), Columns: st.columns}
	switch st.verb {
	case "SELECT":
		op.Kind, stmt.Verb = Read, sqltext.Select
	case "UPDATE":
		op.Kind, stmt.Verb = Update, sqltext.Update
		op.Writes = st.sets
		op.WritesAll = len(st.sets) == 0
	case "INSERT":
		op.Kind, stmt.Verb = Insert, sqltext.Insert
		op.Writes = st.sets
		for i, col := range st.insertCols {
			w := Assign{Column: normalizeColumn(col), Name: col}
			if i < len(st.insertVals) {
				w.Value = flow.Strip(st.insertVals[i])
			}
			op.Writes = append(op.Writes, w)
		}
	case "DELETE":
		op.Kind, stmt.Verb = Delete, sqltext.Delete
		op.WritesAll = true
	default:
		return nil
	}
	if m.Role != apimodel.RoleExec && m.Role != apimodel.RoleStmt {
		if op.Kind != Read && !op.Returning {
			return nil // QueryRow of a write without RETURNING returns nothing to observe
		}
	}
	op.Stmt = &stmt
	return op
}
