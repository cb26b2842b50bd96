package ops

import (
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// chain is what a GORM method chain (db.Model(x).Where(...).Clauses(...))
// contributes to the statement its finisher runs.
type chain struct {
	root       ssa.Value  // the handle the chain starts from
	modelType  types.Type // Model(x)
	modelObj   ssa.Value  // memory root of Model(x)
	table      string     // Table(name), normalized
	tableName  string     // Table(name) as the code spells it
	assoc      bool       // Association(name): the rows are the linked ones, named by tableName
	keys       []Key
	state      []string
	cutoffs    []string // the state columns a Where compares with <, <=, >, >=
	excludes   []Key    // user_uid <> ?: the rows the Where leaves out
	imprecise  bool
	locking    bool
	shareLock  bool // the lock is FOR SHARE: Strength "SHARE", bun For("SHARE")
	onConflict bool
	raw        *sqltext.Statement
	rawArgs    []ssa.Value
	verb       string   // bun: the statement NewSelect/NewUpdate/... starts
	sets       []Assign // bun: Set clauses
	wherePK    bool     // bun: WherePK, the model object names the row
	cols       []string // xorm: Cols/MustCols, the columns an Update writes
}

// gormChain walks back from a finisher's receiver through chain calls.
func (f *Func) gormChain(v ssa.Value) chain {
	var ch chain
	for i := 0; i < 64; i++ {
		v = flow.Strip(v)
		c, ok := v.(*ssa.Call)
		if !ok {
			break
		}
		m, ok := f.model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RoleChain {
			break
		}
		switch m.Clause {
		case apimodel.ClauseModel:
			if x := arg(c, m, 0); x != nil {
				x = flow.Strip(x)
				ch.modelType = x.Type()
				ch.modelObj, _ = flow.Root(x)
			}
		case apimodel.ClauseTable:
			if s, ok := flow.ConstString(arg(c, m, 0)); ok {
				ch.table, ch.tableName = table(s), s
			} else if x := flow.Strip(arg(c, m, 0)); x != nil && ch.modelType == nil && modelName(x.Type()) != "" {
				ch.modelType = x.Type() // xorm Table(bean)
			} else if t := tableMethodModel(x); t != nil && ch.modelType == nil {
				ch.modelType = t // QueryTable(m.TableName()): the model's own table
			}
		case apimodel.ClauseID:
			if x := flow.Strip(arg(c, m, 0)); x != nil {
				ch.keys = append(ch.keys, Key{Column: "id", Value: x})
			}
		case apimodel.ClauseIn:
			col, ok := flow.ConstString(arg(c, m, 0))
			vals := argList(c, m, 1)
			if ok && len(vals) == 1 {
				ch.keys = append(ch.keys, Key{Column: normalizeColumn(col), Name: col, Value: vals[0]})
			} else {
				ch.imprecise = true
			}
		case apimodel.ClauseCols:
			for _, v := range argList(c, m, 0) {
				if col, ok := flow.ConstString(v); ok {
					ch.cols = append(ch.cols, normalizeColumn(col))
				}
			}
		case apimodel.ClauseIncr:
			if col, ok := flow.ConstString(arg(c, m, 0)); ok {
				ch.sets = append(ch.sets, Assign{Column: normalizeColumn(col), Atomic: true})
			} else {
				ch.imprecise = true
			}
		case apimodel.ClauseWhere:
			conds := append([]ssa.Value{flow.Strip(arg(c, m, 0))}, argList(c, m, 1)...)
			keys, state, imprecise := f.gormConditions(conds)
			if m.Or {
				ch.imprecise = true
				break
			}
			if text, ok := flow.ConstString(conds[0]); ok {
				preds, _ := sqltext.ParseCondition(text)
				ch.cutoffs = append(ch.cutoffs, cutoffColumns(preds)...)
				ch.excludes = append(ch.excludes, excludedKeys(preds, func(o sqltext.Operand) ssa.Value {
					if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param+1 < len(conds) {
						return conds[o.Param+1]
					}
					return nil
				})...)
			}
			ch.keys = append(ch.keys, keys...)
			ch.state = append(ch.state, state...)
			ch.imprecise = ch.imprecise || imprecise
		case apimodel.ClauseClauses:
			for _, e := range argList(c, m, 0) {
				switch apimodel.ClauseType(e.Type()) {
				case "Locking":
					ch.locking = true
					for _, fv := range f.literalFields(e) {
						if s, ok := flow.ConstString(fv.Value); ok && fv.Column == "strength" && strings.Contains(strings.ToUpper(s), "SHARE") {
							ch.shareLock = true
						}
					}
				case "OnConflict":
					ch.onConflict = true
				}
			}
		case apimodel.ClauseStart:
			ch.verb = m.Verb
			ch.root = receiver(c)
			return ch
		case apimodel.ClauseSet:
			if s, ok := flow.ConstString(arg(c, m, 0)); ok {
				ch.sets = append(ch.sets, f.bunSet(s, argList(c, m, 1))...)
			} else {
				ch.imprecise = true
			}
		case apimodel.ClauseLock:
			ch.locking = true
			if s, ok := flow.ConstString(arg(c, m, 0)); ok && strings.Contains(strings.ToUpper(s), "SHARE") {
				ch.shareLock = true // bun For("SHARE")
			}
		case apimodel.ClauseConflict:
			ch.onConflict = true
		case apimodel.ClauseWherePK:
			ch.wherePK = true
		case apimodel.ClauseOption:
			// GORM v1 Set("gorm:query_option", "FOR UPDATE"),
			// Set("gorm:insert_option", "ON CONFLICT DO NOTHING").
			name, _ := flow.ConstString(arg(c, m, 0))
			val, _ := flow.ConstString(arg(c, m, 1))
			switch name {
			case "gorm:query_option":
				st := sqltext.Parse("SELECT 1 FROM t " + val)
				ch.locking = ch.locking || st.Lock != sqltext.NoLock
			case "gorm:insert_option":
				st := sqltext.Parse("INSERT INTO t (a) VALUES (1) " + val)
				ch.onConflict = ch.onConflict || st.Conflict != sqltext.NoConflictClause
			}
		case apimodel.ClauseRaw:
			if s, ok := flow.ConstString(arg(c, m, m.SQL)); ok {
				st := sqltext.Parse(s)
				ch.raw = &st
				ch.rawArgs = argList(c, m, m.Args)
			}
		case apimodel.ClauseAssociation:
			// Model(&user).Association("Roles"): the linked rows are a
			// table of their own, and the model's row names them.
			if name, ok := flow.ConstString(arg(c, m, 0)); ok {
				ch.table, ch.tableName, ch.assoc = table(name), name, true
			} else {
				ch.imprecise = true
			}
		case apimodel.ClauseScopes:
			for _, scope := range argList(c, m, 0) {
				sub, ok := f.scopeChain(scope, 0)
				if !ok {
					ch.state = append(ch.state, "") // a scope racelint cannot see into
					continue
				}
				// Its keys are bound to the scope's own variables; what
				// it tests is what matters here.
				ch.state = append(ch.state, sub.state...)
				for _, k := range sub.keys {
					ch.state = append(ch.state, k.Column)
				}
				ch.imprecise = ch.imprecise || sub.imprecise
				ch.locking = ch.locking || sub.locking
			}
		case apimodel.ClauseFilter:
			expr, ok := flow.ConstString(arg(c, m, m.SQL))
			if !ok {
				ch.imprecise = true
				break
			}
			keys, state, imprecise := beegoFilter(expr, argList(c, m, m.Args))
			ch.keys = append(ch.keys, keys...)
			ch.state = append(ch.state, state...)
			ch.imprecise = ch.imprecise || imprecise
		}
		v = receiver(c)
	}
	ch.root = v
	return ch
}

// scopeChain reads the chain a GORM scope adds: the function given to
// Scopes (a function, a function literal, or the literal a constructor
// such as Due(now) returns), walked back from what it returns.
func (f *Func) scopeChain(v ssa.Value, depth int) (chain, bool) {
	var fn *ssa.Function
	switch x := flow.Strip(v).(type) {
	case *ssa.Function:
		fn = x
	case *ssa.MakeClosure:
		fn, _ = x.Fn.(*ssa.Function)
	case *ssa.Call:
		// Due(now) returns the scope: follow what the constructor returns.
		callee := x.Call.StaticCallee()
		if callee == nil || depth > 2 {
			return chain{}, false
		}
		for _, b := range callee.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
				return f.scopeChain(ret.Results[0], depth+1)
			}
		}
		return chain{}, false
	}
	if fn == nil || len(fn.Blocks) == 0 {
		return chain{}, false
	}
	var out chain
	found := false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		sub := f.gormChain(ret.Results[0])
		out.keys, out.state = append(out.keys, sub.keys...), append(out.state, sub.state...)
		out.imprecise, out.locking = out.imprecise || sub.imprecise, out.locking || sub.locking
		found = true
	}
	return out, found
}

// gormConditions interprets the arguments of Where or of a finisher's
// inline conditions: a SQL fragment with arguments, a struct or map of
// column values, or a bare primary key.
func (f *Func) gormConditions(conds []ssa.Value) (keys []Key, state []string, imprecise bool) {
	if len(conds) == 0 {
		return nil, nil, false
	}
	first := flow.Strip(conds[0])
	if s, ok := flow.ConstString(first); ok {
		preds, hasOr := sqltext.ParseCondition(s)
		args := conds[1:]
		keys, state = wherePredicates(preds, func(o sqltext.Operand) ssa.Value {
			if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(args) {
				return args[o.Param]
			}
			return nil
		})
		return keys, state, hasOr
	}
	if isString(first.Type()) {
		return nil, nil, true // a condition built at run time
	}
	if fields := f.literalFields(first); fields != nil {
		for _, fv := range fields {
			keys = append(keys, Key{Column: fv.Column, Name: fv.Name, Value: fv.Value})
		}
		return keys, nil, false
	}
	if isBasic(first.Type()) {
		return []Key{{Column: "id", Value: first}}, nil, false
	}
	return nil, nil, true
}

// tableMethodModel returns the model type whose method computes the
// table name v (m.TableName(), p.TableNameWithPrefix()): a name a model
// gives itself is its own table's. nil for other values.
func tableMethodModel(v ssa.Value) types.Type {
	c, ok := v.(*ssa.Call)
	if !ok || c.Call.IsInvoke() || !isString(c.Type()) {
		return nil
	}
	fn := c.Call.StaticCallee()
	if fn == nil || fn.Signature.Recv() == nil || len(c.Call.Args) != 1 {
		return nil
	}
	if t := fn.Signature.Recv().Type(); modelName(t) != "" {
		return t
	}
	return nil
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isSliceType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Slice)
	return ok
}

func isBasic(t types.Type) bool {
	_, ok := t.Underlying().(*types.Basic)
	return ok
}

// literalFields returns the columns set by a struct or map literal (the
// stores into a fresh allocation, or the updates of a fresh map).
func (f *Func) literalFields(v ssa.Value) []Assign {
	v = flow.Strip(v)
	if l, ok := v.(*ssa.UnOp); ok && l.Op.String() == "*" {
		v = l.X
	}
	switch x := v.(type) {
	case *ssa.Alloc:
		var out []Assign
		for _, st := range f.store[x] {
			root, path := flow.Root(st.Addr)
			for len(path) > 0 && path[0] == "[]" {
				path = path[1:] // []Event{{DedupKey: k}}: the elements' fields
			}
			if root != x {
				continue
			}
			if len(path) == 0 {
				// An element built in a temporary and copied whole.
				if l, ok := flow.Strip(st.Val).(*ssa.UnOp); ok && l.Op.String() == "*" {
					if tmp, ok := l.X.(*ssa.Alloc); ok && tmp != x {
						out = append(out, f.literalFields(tmp)...)
					}
				}
				continue
			}
			if len(path) != 1 {
				continue
			}
			out = append(out, Assign{Column: normalizeColumn(path[0]), Value: flow.Strip(st.Val), Atomic: isGormExpr(f, st.Val), Now: f.isTimeNow(st.Val)})
		}
		if out == nil {
			return []Assign{}
		}
		return out
	case *ssa.MakeMap:
		out := []Assign{}
		for _, ref := range *x.Referrers() {
			mu, ok := ref.(*ssa.MapUpdate)
			if !ok || mu.Map != x {
				continue
			}
			col, ok := flow.ConstString(mu.Key)
			if !ok {
				return nil
			}
			out = append(out, Assign{Column: normalizeColumn(col), Name: col, Value: flow.Strip(mu.Value), Atomic: isGormExpr(f, mu.Value), Now: f.isTimeNow(mu.Value)})
		}
		return out
	}
	return nil
}

// isGormExpr reports whether v is built by gorm.Expr: a value the database
// computes.
func isGormExpr(f *Func, v ssa.Value) bool {
	c, ok := flow.Strip(v).(*ssa.Call)
	if !ok {
		return false
	}
	m, ok := f.model.Lookup(callee(c))
	return ok && m.Role == apimodel.RoleAtomicExpr
}

// typeParamModel names the model of a generic repository (`var t T;
// db.First(&t, id)` in Repository[T]) until a call site's type argument
// says which it is: typeParamModel + the type parameter's index.
const typeParamModel = "typeparam#"

// modelTable returns the normalized table of a model type: what its
// TableName() method returns when that is one constant (GORM, xorm, bun
// and beego all ask the model: func (User) TableName() string { return
// "accounts" }), else the type's name.
func (f *Func) modelTable(t types.Type) string {
	if name := tableNameMethod(f.Fn.Prog, t); name != "" {
		return table(name)
	}
	return table(modelName(t))
}

// tableNameMethod returns the constant the TableName method of t (behind
// pointers and slices) returns, or "" when it has none, its body is not
// built, or it returns anything else.
func tableNameMethod(prog *ssa.Program, t types.Type) string {
	for i := 0; i < 4 && t != nil; i++ {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		} else if sl, ok := types.Unalias(t).(*types.Slice); ok {
			t = sl.Elem()
		}
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || prog == nil {
		return ""
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), "TableName")
	m, ok := obj.(*types.Func)
	if !ok {
		return ""
	}
	fn := prog.FuncValue(m)
	if fn == nil || len(fn.Blocks) == 0 {
		return ""
	}
	name := ""
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		if len(ret.Results) != 1 {
			return ""
		}
		s, ok := flow.ConstString(ret.Results[0])
		if !ok || name != "" && s != name {
			return ""
		}
		name = s
	}
	return name
}

// ModelOfTable returns the model type of table tbl that t is or holds:
// t itself, or the type of a field of it two levels deep at most
// (Create(&req.Authority), whose memory root is req); nil if none.
func (f *Func) ModelOfTable(t types.Type, tbl string) types.Type {
	return f.modelOfTable(t, tbl, 2)
}

func (f *Func) modelOfTable(t types.Type, tbl string, depth int) types.Type {
	if modelName(t) != "" && f.modelTable(t) == tbl {
		return t
	}
	st, ok := derefStruct(t)
	if !ok || depth == 0 {
		return nil
	}
	for i := 0; i < st.NumFields(); i++ {
		if m := f.modelOfTable(st.Field(i).Type(), tbl, depth-1); m != nil {
			return m
		}
	}
	return nil
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// modelName returns the model type's name behind pointers and slices.
func modelName(t types.Type) string {
	for i := 0; i < 4 && t != nil; i++ {
		switch u := types.Unalias(t).(type) {
		case *types.TypeParam:
			return typeParamModel + strconv.Itoa(u.Index())
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Named:
			if _, isStruct := u.Underlying().(*types.Struct); isStruct {
				return u.Obj().Name()
			}
			if _, isSlice := u.Underlying().(*types.Slice); isSlice {
				t = u.Underlying()
				continue
			}
			return ""
		}
		return ""
	}
	return ""
}

func (f *Func) gormOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	ch := f.gormChain(receiver(c))
	op := &Op{Call: c, Method: m, Handle: f.handle(ch.root),
		Flags: Flags{Locking: ch.locking, ShareLock: ch.shareLock, ConflictSafe: ch.onConflict, Imprecise: ch.imprecise}}
	op.Keys = append(op.Keys, ch.keys...)
	op.State = append(op.State, ch.state...)
	op.Cutoffs = append(op.Cutoffs, ch.cutoffs...)
	op.Excludes = ch.excludes
	var dest ssa.Value
	if m.Dest >= 0 {
		dest = arg(c, m, m.Dest)
		if dest != nil {
			dest = flow.Strip(dest)
			op.Object, _ = flow.Root(dest)
		}
	}
	inline := func(from int) {
		keys, state, imprecise := f.gormConditions(argList(c, m, from))
		op.Keys = append(op.Keys, keys...)
		op.State = append(op.State, state...)
		op.Imprecise = op.Imprecise || imprecise
	}
	name := ch.table
	if name == "" && ch.modelType != nil {
		name = f.modelTable(ch.modelType)
	}
	switch m.Role {
	case apimodel.RoleRead, apimodel.RoleCount:
		op.Kind = Read
		if ch.raw != nil {
			applyRaw(op, ch)
			name = table(ch.raw.Table)
		} else if m.Key >= 0 {
			inline(m.Key)
		}
		if m.Role == apimodel.RoleCount {
			op.Object = nil
		}
	case apimodel.RoleReadOrCreate, apimodel.RoleReadOrInit:
		op.Kind = FirstOrCreate
		if m.Role == apimodel.RoleReadOrInit {
			op.Kind = FirstOrInit
		}
		inline(1)
	case apimodel.RoleUpdate:
		op.Kind = Update
		op.Object = ch.modelObj
		colArg, valArg := arg(c, m, 0), arg(c, m, 1)
		if attrs := argList(c, m, 0); colArg != nil && isSliceType(colArg.Type()) {
			// GORM v1 Update(attrs ...interface{}): a column and its
			// value, or one map or struct of columns.
			colArg, valArg = nil, nil
			switch len(attrs) {
			case 2:
				colArg, valArg = attrs[0], attrs[1]
			case 1:
				op.Writes = f.literalFields(attrs[0])
				if op.Writes == nil {
					op.WritesFrom = attrs[0]
				}
			}
		}
		if op.Writes == nil {
			if col, ok := flow.ConstString(colArg); ok {
				val := flow.Strip(valArg)
				op.Writes = []Assign{{Column: normalizeColumn(col), Name: col, Value: val, Atomic: isGormExpr(f, val), Now: f.isTimeNow(val)}}
			} else {
				op.WritesAll = true
			}
		}
	case apimodel.RoleUpdates:
		op.Kind = Update
		op.Object = ch.modelObj
		if fields := f.literalFields(dest); fields != nil {
			op.Writes = fields
		} else {
			op.WritesAll, op.WritesFrom = true, dest
		}
		if root, _ := flow.Root(flow.LoadedAddr(dest)); root != nil && root == ch.modelObj && isStructish(dest) {
			op.WholeRecord = true // Model(&p).Updates(p): every non-zero field of p
		}
	case apimodel.RoleSave:
		op.Kind = Update
		op.WholeRecord = true
	case apimodel.RoleInsert:
		op.Kind = Insert
	case apimodel.RoleDelete:
		op.Kind = Delete
		op.WritesAll = true
		inline(1)
	default:
		return nil
	}
	if name == "" && dest != nil {
		name = f.modelTable(dest.Type())
	}
	if name == "" && ch.modelObj != nil {
		name = f.modelTable(ch.modelObj.Type())
	}
	op.Table = name
	op.Name = displayName(ch, dest)
	if ch.assoc {
		op.Name = ch.tableName
	}
	return op
}

// finishObjects fills in the columns Save and Create write, from the
// stores into the object in this function.
func (f *Func) finishObjects() {
	for _, op := range f.Ops {
		if op.Method.Builder() != apimodel.BuilderGORM || op.Object == nil {
			continue
		}
		switch op.Method.Role {
		case apimodel.RoleSave, apimodel.RoleInsert:
			fields := f.objectStores(op.Object)
			op.Writes = fields
			if op.Kind == Update && len(fields) == 0 {
				op.WritesAll = true
			}
		}
	}
}

// objectStores returns the fields stored into the object rooted at root.
func (f *Func) objectStores(root ssa.Value) []Assign {
	var out []Assign
	for _, st := range f.store[root] {
		_, path := flow.Root(st.Addr)
		if len(path) == 0 {
			// created := Contact{...} may be built in a temporary and
			// copied whole.
			switch v := flow.Strip(st.Val).(type) {
			case *ssa.UnOp:
				if alloc, ok := v.X.(*ssa.Alloc); ok && v.Op.String() == "*" && alloc != root {
					out = append(out, f.literalFields(alloc)...)
				}
			case *ssa.Slice:
				// &[]Event{...}: the slice of a literal array.
				if alloc, ok := v.X.(*ssa.Alloc); ok && alloc != root {
					out = append(out, f.literalFields(alloc)...)
				}
			}
			continue
		}
		if path[0] == "[]" {
			continue
		}
		out = append(out, Assign{Column: normalizeColumn(path[0]), Value: flow.Strip(st.Val), Atomic: isGormExpr(f, st.Val), Now: f.isTimeNow(st.Val)})
	}
	return out
}

// displayName is the model or table as the code names it.
func displayName(ch chain, dest ssa.Value) string {
	if ch.raw != nil && ch.raw.Table != "" {
		return ch.raw.Table
	}
	for _, t := range []types.Type{ch.modelType, typeOf(dest), typeOf(ch.modelObj)} {
		if n := modelName(t); n != "" {
			return n
		}
	}
	return "record"
}

func typeOf(v ssa.Value) types.Type {
	if v == nil {
		return nil
	}
	return v.Type()
}

// applyRaw gives op the statement of the chain's Raw/RawQuery SQL: its
// locking clause and the keys and state tests of its WHERE, bound to the
// raw call's arguments.
func applyRaw(op *Op, ch chain) {
	op.Stmt = ch.raw
	op.Locking = op.Locking || ch.raw.Lock != sqltext.NoLock
	op.ShareLock = op.ShareLock || ch.raw.Lock == sqltext.ForShare
	keys, state := wherePredicates(ch.raw.Where, func(o sqltext.Operand) ssa.Value {
		if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(ch.rawArgs) {
			return ch.rawArgs[o.Param]
		}
		return nil
	})
	op.Keys, op.State = append(op.Keys, keys...), append(op.State, state...)
}
