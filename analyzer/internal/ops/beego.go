package ops

import (
	"go/constant"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// beegoOp builds the operation a beego ORM call runs: a QuerySeter
// finisher runs the chain QueryTable started, a RawSeter finisher the SQL
// of its Raw call, and the Ormer's own methods a statement on the model
// object they are given.
func (f *Func) beegoOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	switch m.Recv {
	case "RawSeter":
		return f.beegoRawOp(c, m)
	case "QuerySeter":
		return f.beegoQueryOp(c, m)
	}
	return f.beegoModelOp(c, m)
}

// beegoRawOp builds the statement of o.Raw(sql, args...).Exec() or
// .QueryRow(&dest): the SQL and arguments of the Raw call (or of a
// SetArgs after it).
func (f *Func) beegoRawOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	var args []ssa.Value
	argsSet := false
	for v, i := receiver(c), 0; v != nil && i < 16; i++ {
		call, ok := flow.Strip(v).(*ssa.Call)
		if !ok {
			return nil
		}
		rm, ok := f.model.Lookup(callee(call))
		if !ok || rm.Role != apimodel.RoleChain {
			return nil
		}
		switch rm.Clause {
		case apimodel.ClauseArgs:
			if !argsSet {
				args, argsSet = argList(call, rm, rm.Args), true
			}
		case apimodel.ClauseRaw:
			text, ok := f.sqlText(arg(call, rm, rm.SQL))
			if !ok {
				return nil
			}
			if !argsSet {
				args = argList(call, rm, rm.Args)
			}
			op := f.statementOp(c, m, text, args)
			if op != nil {
				op.Handle = f.handle(receiver(c))
			}
			return op
		}
		v = receiver(call)
	}
	return nil
}

// beegoQueryOp builds a QuerySeter finisher: the table QueryTable named,
// the conditions of its Filters, ForUpdate.
func (f *Func) beegoQueryOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	ch := f.gormChain(receiver(c))
	op := &Op{Call: c, Method: m, Handle: f.handle(ch.root), Flags: Flags{Locking: ch.locking, Imprecise: ch.imprecise}}
	op.Keys = append(op.Keys, ch.keys...)
	op.State = append(op.State, ch.state...)
	var dest ssa.Value
	if d := arg(c, m, m.Dest); d != nil && m.Dest >= 0 {
		dest = flow.Strip(d)
	}
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind = Read
		if dest != nil {
			op.Object, _ = flow.Root(dest)
		}
	case apimodel.RoleCount, apimodel.RoleExists:
		op.Kind, op.Existence = Read, true
	case apimodel.RoleUpdates:
		op.Kind = Update
		op.Writes = f.literalFields(arg(c, m, m.Value)) // orm.Params{"status": "done"}
		op.WritesAll = op.Writes == nil
	case apimodel.RoleDelete:
		op.Kind, op.WritesAll = Delete, true
	default:
		return nil
	}
	op.Table = ch.table
	if op.Table == "" && ch.modelType != nil {
		op.Table = f.modelTable(ch.modelType)
	}
	op.Name = displayName(ch, dest)
	if op.Name == "record" && ch.tableName != "" {
		op.Name = ch.tableName // QueryTable("lead")
	}
	return op
}

// beegoModelOp builds a statement on a model object: Read, ReadForUpdate
// and Delete select the row by the model's primary key or by the columns
// named after the model, Update writes the model's row (the columns named,
// else every column), Insert creates it, InsertOrUpdate upserts it and
// ReadOrCreate is a SELECT then an INSERT.
func (f *Func) beegoModelOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	bean := arg(c, m, m.Dest)
	if bean == nil {
		return nil
	}
	bean = flow.Strip(bean)
	beanRoot, _ := flow.Root(bean)
	var cols []string
	if m.Key >= 0 {
		names := argList(c, m, m.Key)
		if m.Role == apimodel.RoleReadOrCreate {
			names = append(names, argList(c, m, m.Key+1)...) // ReadOrCreate(md, col1, cols...)
		}
		for _, v := range names {
			if col, ok := flow.ConstString(v); ok {
				cols = append(cols, normalizeColumn(col))
			}
		}
	}
	op := &Op{Call: c, Method: m, Handle: f.handle(receiver(c)), Object: beanRoot,
		Table: f.modelTable(bean.Type()), Name: displayName(chain{}, bean)}
	fields := f.literalFields(bean)
	// rowKeys are the conditions the model names its row by: the columns
	// given to Read, ReadOrCreate and Delete, else its primary key (the
	// columns given to Update are the ones it writes).
	rowKeys := func(byCols bool) {
		for _, fv := range fields {
			if fv.Value == nil {
				continue
			}
			if byCols && len(cols) > 0 && !slices.Contains(cols, fv.Column) || (!byCols || len(cols) == 0) && fv.Column != "id" {
				continue
			}
			op.Keys = append(op.Keys, Key{Column: fv.Column, Name: fv.Name, Value: fv.Value})
		}
	}
	stored := fields
	if stored == nil {
		stored = f.objectStores(beanRoot)
	}
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind, op.Locking = Read, m.Locks
		rowKeys(true)
	case apimodel.RoleReadOrCreate:
		op.Kind = FirstOrCreate
		rowKeys(true)
	case apimodel.RoleInsert:
		op.Kind, op.Writes = Insert, stored
	case apimodel.RoleUpsert:
		op.Kind, op.Writes = Insert, stored
		op.ConflictSafe = true
		op.ConflictNamed = len(cols) > 0 // InsertOrUpdate(&m, "email"): ON CONFLICT (email)
	case apimodel.RoleUpdates:
		op.Kind = Update
		rowKeys(false)
		for _, w := range stored {
			if w.Column == "id" || len(cols) > 0 && !slices.Contains(cols, w.Column) {
				continue
			}
			op.Writes = append(op.Writes, w)
		}
		for _, col := range cols {
			if !slices.ContainsFunc(op.Writes, func(w Assign) bool { return w.Column == col }) {
				// A column this function did not store: the model's value,
				// which a caller that passes the model stored.
				op.Writes = append(op.Writes, Assign{Column: col, Value: bean})
			}
		}
		op.WritesAll = len(op.Writes) == 0
	case apimodel.RoleDelete:
		op.Kind, op.WritesAll = Delete, true
		rowKeys(true)
	default:
		return nil
	}
	return op
}

// beegoOperators are the SQL comparisons of beego's Filter operators
// ("age__gte"); a Filter without one tests equality.
var beegoOperators = map[string]string{
	"exact": "=", "iexact": "=", "strictexact": "=", "eq": "=",
	"ne": "<>", "nq": "<>",
	"gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
	"in": "IN", "between": "BETWEEN", "isnull": "IS",
	"contains": "LIKE", "icontains": "LIKE", "startswith": "LIKE", "endswith": "LIKE", "istartswith": "LIKE", "iendswith": "LIKE",
}

// beegoFilter reads Filter("column__operator", values...) as the WHERE
// predicate it adds. A path through a relation ("profile__age") joins
// another table: its rows are not the ones this table's key names, so it
// is imprecise; "owner__id" is the foreign-key column owner_id itself.
func beegoFilter(expr string, values []ssa.Value) (keys []Key, state []string, imprecise bool) {
	parts := strings.Split(expr, "__")
	op := "="
	if len(parts) > 1 {
		if sqlOp, ok := beegoOperators[parts[len(parts)-1]]; ok {
			op, parts = sqlOp, parts[:len(parts)-1]
		}
	}
	column := parts[0]
	switch {
	case len(parts) == 2 && parts[1] == "id":
		column = parts[0] + "_id"
	case len(parts) > 1:
		return nil, nil, true
	}
	if op == "IS" { // isnull: true or false
		null, ok := constBool(values)
		if !ok {
			return nil, nil, true
		}
		op = "IS NOT NULL"
		if null {
			op = "IS NULL"
		}
	}
	if op == "IN" && len(values) != 1 {
		return nil, []string{normalizeColumn(column)}, true
	}
	keys, state = comparison(column, op, values)
	return keys, state, false
}

// constBool returns the value of a single boolean constant argument.
func constBool(values []ssa.Value) (bool, bool) {
	if len(values) != 1 {
		return false, false
	}
	c, ok := flow.Strip(values[0]).(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(c.Value), true
}
