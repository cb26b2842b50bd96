package ops

import (
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// dbxStatement is what a pocketbase/dbx query chain says about its
// statement.
type dbxStatement struct {
	verb    string // SELECT, INSERT, UPSERT, UPDATE, DELETE, or SQL for NewQuery
	table   string
	columns []string
	sqlArg  ssa.Value   // NewQuery's SQL
	cols    ssa.Value   // the Params of Insert/Upsert/Update
	wheres  []ssa.Value // where Expressions, resolved once every Bind is known
	or      bool
	params  []docField // Bind/AndBind maps
	lock    bool
	handle  ssa.Value // the Builder the chain starts on (a *DB or *Tx)
	model   ssa.Value // Model(&m): the struct a ModelQuery writes
}

// dbxChain walks a dbx query chain back from a finisher's receiver.
func (f *Func) dbxChain(v ssa.Value) (st dbxStatement, ok bool) {
	for i := 0; i < 64 && v != nil; i++ {
		c, isCall := flow.Strip(v).(*ssa.Call)
		if !isCall {
			break
		}
		m, known := f.model.Lookup(callee(c))
		if !known || m.Role != apimodel.RoleChain || m.Lib != apimodel.LibDbx {
			break
		}
		switch m.Clause {
		case apimodel.ClauseStart:
			st.verb, st.handle = m.Verb, receiver(c)
			switch m.Verb {
			case "SELECT":
				st.columns = append(dbxStrings(argList(c, m, 0)), st.columns...)
			case "SQL":
				st.sqlArg = arg(c, m, m.SQL)
			case "MODEL":
				st.model = flow.Strip(arg(c, m, 0))
			default:
				st.table, _ = flow.ConstString(arg(c, m, 0))
				if m.Value >= 0 {
					st.cols = arg(c, m, m.Value)
				}
				if m.Key >= 0 {
					st.wheres = append(st.wheres, arg(c, m, m.Key))
				}
			}
			return st, true
		case apimodel.ClauseTable:
			if st.table == "" {
				if tables := argList(c, m, 0); len(tables) == 1 {
					st.table, _ = flow.ConstString(tables[0])
				}
			}
		case apimodel.ClauseColumns:
			st.columns = append(dbxStrings(argList(c, m, 0)), st.columns...)
		case apimodel.ClauseWhere:
			st.wheres = append(st.wheres, arg(c, m, 0))
			st.or = st.or || m.Or
		case apimodel.ClauseSuffix:
			if s, ok := flow.ConstString(arg(c, m, 0)); ok {
				u := strings.ToUpper(s)
				st.lock = st.lock || strings.Contains(u, "FOR UPDATE") || strings.Contains(u, "FOR SHARE") || strings.Contains(u, "FOR NO KEY UPDATE")
			}
		case apimodel.ClauseDbxBind:
			st.params = append(st.params, f.docFields(arg(c, m, 0))...)
		}
		v = receiver(c)
	}
	return st, false
}

func dbxStrings(vs []ssa.Value) []string {
	var out []string
	for _, v := range vs {
		if s, ok := flow.ConstString(v); ok {
			out = append(out, s)
		}
	}
	return out
}

// dbxSQL rewrites dbx's SQL syntax for the classifier: {{table}} and
// [[column]] quoting become plain names, and each {:name} placeholder a
// positional $n whose value, taken from the bound Params, is args[n-1].
func dbxSQL(text string, params []docField) (string, []ssa.Value) {
	var b strings.Builder
	var args []ssa.Value
	index := map[string]int{}
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], "{{") || strings.HasPrefix(text[i:], "[["):
			end := "}}"
			if text[i] == '[' {
				end = "]]"
			}
			if j := strings.Index(text[i+2:], end); j >= 0 {
				b.WriteString(text[i+2 : i+2+j])
				i += j + 4
				continue
			}
		case strings.HasPrefix(text[i:], "{:"):
			if j := strings.IndexByte(text[i:], '}'); j > 2 && dbxName(text[i+2:i+j]) {
				name := text[i+2 : i+j]
				n, seen := index[name]
				if !seen {
					var val ssa.Value
					for _, p := range params {
						if p.key == name {
							val = p.value
						}
					}
					args = append(args, val)
					n = len(args)
					index[name] = n
				}
				b.WriteString("$" + strconv.Itoa(n))
				i += j + 1
				continue
			}
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String(), args
}

func dbxName(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// dbxWhere splits a where Expression into keys and state tests: a
// dbx.HashExp literal, dbx.NewExp("col = {:p}", dbx.Params{...}),
// dbx.And(...) of those, dbx.In(col, v) with one value. Anything else
// (Or, Not, Like, an expression built elsewhere) is imprecise.
func (f *Func) dbxWhere(v ssa.Value, params []docField) (keys []Key, state []string, imprecise bool) {
	v = flow.Strip(v)
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, nil, false
	}
	if fields := f.docFields(v); fields != nil || isMakeMap(v) {
		for _, d := range fields {
			col := normalizeColumn(d.key)
			_, isConst := d.value.(*ssa.Const)
			switch {
			case isConst && !identifying(col), stateColumn(col):
				state = append(state, col) // dbx.HashExp{"status": "pending"}
			default:
				keys = append(keys, Key{Column: col, Name: d.key, Value: d.value})
			}
		}
		return keys, state, false
	}
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil, []string{""}, true
	}
	fn := callee(c)
	if fn == nil || apimodel.LibraryIDOf(fn.Pkg()) != apimodel.LibDbx {
		return nil, []string{""}, true
	}
	args := c.Call.Args
	switch fn.Name() {
	case "NewExp":
		text, ok := f.sqlText(args[0])
		if !ok {
			return nil, []string{""}, true
		}
		own := append([]docField(nil), params...)
		if elems, ok := flow.VariadicArgs(args[1]); ok {
			for _, e := range elems {
				own = append(own, f.docFields(e)...)
			}
		}
		sqlText, bound := dbxSQL(text, own)
		st := sqltext.Parse("SELECT * FROM t WHERE " + sqlText)
		keys, state = wherePredicates(st.Where, func(o sqltext.Operand) ssa.Value {
			if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(bound) {
				return bound[o.Param]
			}
			return nil
		})
		return keys, state, st.WhereOr
	case "And":
		elems, ok := flow.VariadicArgs(args[0])
		if !ok {
			return nil, []string{""}, true
		}
		for _, e := range elems {
			k, s, imp := f.dbxWhere(e, params)
			keys, state = append(keys, k...), append(state, s...)
			imprecise = imprecise || imp
		}
		return keys, state, imprecise
	case "In":
		col, ok := flow.ConstString(args[0])
		vals, ok2 := flow.VariadicArgs(args[1])
		if ok && ok2 && len(vals) == 1 {
			return []Key{{Column: normalizeColumn(col), Name: col, Value: vals[0]}}, nil, false
		}
	}
	return nil, []string{""}, true
}

func isMakeMap(v ssa.Value) bool {
	_, ok := v.(*ssa.MakeMap)
	return ok
}

// dbxOp builds the operation a dbx finisher runs.
func (f *Func) dbxOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	st, ok := f.dbxChain(receiver(c))
	if !ok {
		return nil
	}
	if st.verb == "SQL" {
		text, ok := f.sqlText(st.sqlArg)
		if !ok {
			return nil
		}
		sqlText, args := dbxSQL(text, st.params)
		op := f.statementOp(c, m, sqlText, args)
		if op == nil {
			return nil
		}
		if op.Kind != Lock {
			op.Handle = f.handle(st.handle)
		}
		if m.Role == apimodel.RoleRead && op.Kind.IsWrite() && !op.Returning {
			return nil // a write without RETURNING has no row to read
		}
		return op
	}
	if st.verb == "MODEL" {
		return f.dbxModelOp(c, m, st)
	}
	op := &Op{Call: c, Method: m, Table: table(st.table), Name: st.table, Handle: f.handle(st.handle), Flags: Flags{Locking: st.lock}}
	for _, w := range st.wheres {
		k, s, imp := f.dbxWhere(w, st.params)
		op.Keys, op.State = append(op.Keys, k...), append(op.State, s...)
		op.Imprecise = op.Imprecise || imp
	}
	op.Imprecise = op.Imprecise || st.or
	stmt := sqltext.Statement{Table: sqltext.Normalize(st.table), Columns: st.columns}
	writes, all := f.dbxParams(st.cols)
	switch st.verb {
	case "SELECT":
		if m.Role != apimodel.RoleRead {
			return nil
		}
		op.Kind, stmt.Verb = Read, sqltext.Select
		if m.Key >= 0 {
			// Select().Model(pk, &m): the row m's primary key names, of
			// m's table unless From named one.
			f.dbxModelRow(op, arg(c, m, m.Dest), arg(c, m, m.Key))
		}
	case "UPDATE":
		op.Kind, stmt.Verb = Update, sqltext.Update
		op.Writes, op.WritesAll = writes, all
	case "INSERT", "UPSERT":
		op.Kind, stmt.Verb = Insert, sqltext.Insert
		op.Writes = writes
		op.ConflictSafe = st.verb == "UPSERT"
	case "DELETE":
		op.Kind, stmt.Verb = Delete, sqltext.Delete
		op.WritesAll = true
	default:
		return nil
	}
	if op.Kind != Read && m.Role != apimodel.RoleExec {
		return nil
	}
	op.Stmt = &stmt
	return op
}

// dbxModelOp builds the write a ModelQuery finisher runs on the struct
// Model(&m) named: Insert writes its fields, Update(attrs...) the named
// ones (every field without attrs) and Delete the row, each by m's
// primary key.
func (f *Func) dbxModelOp(c ssa.CallInstruction, m apimodel.Method, st dbxStatement) *Op {
	if st.model == nil {
		return nil
	}
	root, _ := flow.Root(st.model)
	op := &Op{Call: c, Method: m, Handle: f.handle(st.handle), Object: root}
	stored := f.objectStores(root)
	switch m.Role {
	case apimodel.RoleInsert:
		op.Kind = Insert
		op.Writes = f.literalFields(st.model)
		if op.Writes == nil {
			op.Writes = stored
		}
	case apimodel.RoleUpdates:
		op.Kind = Update
		op.Writes = namedWrites(argList(c, m, m.Field), stored)
		if len(op.Writes) == 0 {
			op.Writes = stored
			op.WholeRecord = true // Update() writes every field of m
		}
		op.WritesAll = len(op.Writes) == 0
	case apimodel.RoleDelete:
		op.Kind = Delete
		op.WritesAll = true
	default:
		return nil
	}
	f.dbxModelRow(op, st.model, nil)
	return op
}

// dbxModelRow gives op the table and the primary key of the struct model
// points to: its TableName() or the snake-cased type name, and the field
// tagged db:"pk" or named ID; pk is the key's value when the call passes
// it (Select().Model(pk, &m)), else the model's own field.
func (f *Func) dbxModelRow(op *Op, model, pk ssa.Value) {
	if model == nil {
		return
	}
	model = flow.Strip(model)
	if op.Table == "" {
		op.Table = f.modelTable(model.Type())
		op.Name = modelName(model.Type())
	}
	_, column := dbxPrimaryKey(model.Type())
	if column == "" {
		return
	}
	if pk != nil {
		op.Keys = append(op.Keys, Key{Column: normalizeColumn(column), Name: column, Value: flow.Strip(pk)})
		return
	}
	// m's own key: the value the code stored in it, if it did (m :=
	// Lead{ID: id}); a row read into m is matched by m itself.
	root, _ := flow.Root(model)
	for _, a := range f.objectStores(root) {
		if a.Column == normalizeColumn(column) && a.Value != nil {
			op.Keys = append(op.Keys, Key{Column: a.Column, Name: column, Value: a.Value})
			return
		}
	}
}

// dbxPrimaryKey returns the primary key field of the struct t points to
// and its column, as dbx finds it: a field tagged db:"pk" (or
// db:"name,pk"), else the field ID or Id.
func dbxPrimaryKey(t types.Type) (field, column string) {
	st, ok := derefStruct(t)
	if !ok {
		return "", ""
	}
	named := func(i int) string {
		if name, _, _ := strings.Cut(reflect.StructTag(st.Tag(i)).Get("db"), ","); name != "" && name != "pk" && name != "-" {
			return name
		}
		return st.Field(i).Name()
	}
	for i := 0; i < st.NumFields(); i++ {
		tag := reflect.StructTag(st.Tag(i)).Get("db")
		if tag == "pk" || strings.HasSuffix(tag, ",pk") {
			return st.Field(i).Name(), named(i)
		}
	}
	for i := 0; i < st.NumFields(); i++ {
		if n := st.Field(i).Name(); n == "ID" || n == "Id" {
			return n, named(i)
		}
	}
	return "", ""
}

// dbxParams returns the columns a Params literal writes; a value that is
// an expression (dbx.NewExp("views + 1")) is computed by the database.
func (f *Func) dbxParams(v ssa.Value) (writes []Assign, all bool) {
	if v == nil {
		return nil, true
	}
	fields := f.docFields(v)
	if fields == nil {
		return nil, true
	}
	for _, d := range fields {
		w := Assign{Column: normalizeColumn(d.key), Name: d.key, Value: d.value, Now: f.isTimeNow(d.value)}
		if c, ok := d.value.(*ssa.Call); ok {
			if fn := callee(c); fn != nil && apimodel.LibraryIDOf(fn.Pkg()) == apimodel.LibDbx && fn.Name() == "NewExp" {
				w.Atomic, w.Value = true, nil
				if text, ok := f.sqlText(c.Call.Args[0]); ok {
					sqlText, _ := dbxSQL(text, nil)
					if strings.Contains(strings.ToLower(sqlText), "now()") || strings.Contains(strings.ToUpper(sqlText), "CURRENT_TIMESTAMP") {
						w.Atomic, w.Now = false, true
					}
				}
			}
		}
		writes = append(writes, w)
	}
	return writes, len(writes) == 0
}
