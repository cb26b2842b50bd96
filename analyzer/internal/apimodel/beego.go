package apimodel

// PkgBeego is beego ORM v2's import path.
const PkgBeego = "github.com/beego/beego/v2/client/orm"

var libraryBeego = Library{
	ID: LibBeego, Name: "beego ORM v2", Imports: []string{PkgBeego},
	// beego v1's orm has the same API on one Ormer interface, without
	// the WithCtx variants and DoTx.
	Forks:  map[string]string{"github.com/astaxie/beego/orm": PkgBeego},
	Opaque: []string{"github.com/beego/", "github.com/astaxie/beego"},
	Store:  StoreSQL, Builder: BuilderBeego, Methods: beego,
	TxTypes:   []string{"TxOrmer"},
	Handles:   []string{"Ormer", "TxOrmer", "QueryExecutor"},
	LockChain: "ForUpdate",
	Sentinels: []SentinelVar{{PkgBeego, "ErrNoRows", NotFound}},
}

// beego is the table for beego ORM v2. Everything is an interface: an
// Ormer (or the TxOrmer a transaction hands out) runs statements on a
// model object (Read, Insert, Update, Delete by the model's primary key,
// or by the columns named after it), starts a QuerySeter on a table
// (QueryTable, then Filter/ForUpdate and a finisher) or a RawSeter on SQL
// text (Raw, then Exec/QueryRow). Its methods are declared in the
// interfaces Ormer embeds (DQL, DML, TxBeginner, txEnder), which is where
// a call's method comes from. Every method has a WithCtx twin that takes
// a context first.
var beego = func() []Method {
	m := func(recv, name string, r Role) Method {
		return Method{Pkg: PkgBeego, Recv: recv, Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	// both adds the method and its WithCtx twin, whose arguments start
	// one later.
	var t []Method
	both := func(x Method) {
		t = append(t, x)
		shift := func(i int) int {
			if i < 0 {
				return i
			}
			return i + 1
		}
		ctx := x
		ctx.Name += "WithCtx"
		if x.LockedForm != "" {
			ctx.LockedForm += "WithCtx"
		}
		ctx.SQL, ctx.Args, ctx.Dest, ctx.Opts, ctx.Func, ctx.Key, ctx.Value = shift(x.SQL), shift(x.Args), shift(x.Dest), shift(x.Opts), shift(x.Func), shift(x.Key), shift(x.Value)
		t = append(t, ctx)
	}
	// A model method: the model is argument 0, the columns that name the
	// row (Read, Delete) or that are written (Update) follow it.
	model := func(recv, name string, r Role, cols int) Method {
		x := m(recv, name, r)
		x.Dest, x.Key = 0, cols
		return x
	}

	// DQL and DML: statements on a model object.
	read := model("DQL", "Read", RoleRead, 1)
	read.LockedForm = "ReadForUpdate"
	both(read)
	readForUpdate := model("DQL", "ReadForUpdate", RoleRead, 1)
	readForUpdate.Locks = true
	both(readForUpdate)
	both(model("DQL", "ReadOrCreate", RoleReadOrCreate, 1))
	both(model("DML", "Insert", RoleInsert, -1))
	both(model("DML", "InsertOrUpdate", RoleUpsert, 1))
	insertMulti := model("DML", "InsertMulti", RoleInsert, -1)
	insertMulti.Dest = 1 // InsertMulti(bulk, mds)
	both(insertMulti)
	both(model("DML", "Update", RoleUpdates, 1))
	both(model("DML", "Delete", RoleDelete, 1))
	queryTable := m("DQL", "QueryTable", RoleChain)
	queryTable.Clause = ClauseTable
	t = append(t, queryTable)
	raw := m("DML", "Raw", RoleChain)
	raw.Clause, raw.SQL, raw.Args = ClauseRaw, 0, 1
	both(raw)

	// beego v1 (github.com/astaxie/beego/orm) declares the same model
	// methods on Ormer itself, and Begin makes the Ormer the transaction.
	v1 := []Method{read, readForUpdate, model("", "ReadOrCreate", RoleReadOrCreate, 1), model("", "Insert", RoleInsert, -1),
		model("", "InsertOrUpdate", RoleUpsert, 1), insertMulti, model("", "Update", RoleUpdates, 1), model("", "Delete", RoleDelete, 1), queryTable, raw}
	// (v1.12's BeginTx(ctx, opts) is left out: the registry is checked
	// against v2, which has no such method on Ormer.)
	begin := m("Ormer", "Begin", RoleBegin)
	begin.InPlace = true
	for _, x := range v1 {
		x.Recv = "Ormer"
		t = append(t, x)
	}
	t = append(t, begin, m("Ormer", "Commit", RoleCommit), m("Ormer", "Rollback", RoleCommit))

	// TxBeginner and the transaction's txEnder.
	t = append(t,
		m("TxBeginner", "Begin", RoleBegin),
		m("TxBeginner", "BeginWithCtx", RoleBegin),
		func() Method { x := m("TxBeginner", "BeginWithOpts", RoleBegin); x.Opts = 0; return x }(),
		func() Method { x := m("TxBeginner", "BeginWithCtxAndOpts", RoleBegin); x.Opts = 1; return x }(),
		func() Method { x := m("TxBeginner", "DoTx", RoleTxFunc); x.Func = 0; return x }(),
		func() Method { x := m("TxBeginner", "DoTxWithCtx", RoleTxFunc); x.Func = 1; return x }(),
		func() Method { x := m("TxBeginner", "DoTxWithOpts", RoleTxFunc); x.Opts, x.Func = 0, 1; return x }(),
		func() Method { x := m("TxBeginner", "DoTxWithCtxAndOpts", RoleTxFunc); x.Opts, x.Func = 1, 2; return x }(),
		m("txEnder", "Commit", RoleCommit),
		m("txEnder", "Rollback", RoleCommit),
		m("txEnder", "RollbackUnlessCommit", RoleCommit),
	)

	// QuerySeter: a chain on one table, run by its finisher.
	chain := func(name string, c Clause) Method {
		x := m("QuerySeter", name, RoleChain)
		x.Clause = c
		return x
	}
	filter := chain("Filter", ClauseFilter)
	filter.SQL, filter.Args = 0, 1
	// Exclude negates, FilterRaw and SetCond carry conditions racelint
	// does not take apart: the rows they select are not known.
	exclude := chain("Exclude", ClauseWhere)
	exclude.SQL, exclude.Args, exclude.Or = 0, 1, true
	filterRaw := chain("FilterRaw", ClauseWhere)
	filterRaw.SQL, filterRaw.Or = 1, true
	setCond := chain("SetCond", ClauseWhere)
	setCond.SQL, setCond.Or = 0, true
	t = append(t, filter, exclude, filterRaw, setCond, chain("ForUpdate", ClauseLock))
	for _, keep := range []string{"Limit", "Offset", "GroupBy", "OrderBy", "OrderClauses", "ForceIndex", "UseIndex", "IgnoreIndex", "RelatedSel", "Distinct"} {
		t = append(t, chain(keep, ClauseKeep))
	}
	fin := func(name string, r Role, dest, value int) Method {
		x := m("QuerySeter", name, r)
		x.Dest, x.Value = dest, value
		return x
	}
	for _, read := range []string{"One", "All", "Values", "ValuesList", "ValuesFlat"} {
		both(fin(read, RoleRead, 0, -1))
	}
	both(fin("Count", RoleCount, -1, -1))
	both(fin("Exist", RoleExists, -1, -1))
	both(fin("Update", RoleUpdates, -1, 0))
	both(fin("Delete", RoleDelete, -1, -1))

	// RawSeter: the SQL of the Raw call it was made from.
	exec := m("RawSeter", "Exec", RoleExec)
	queryRow := m("RawSeter", "QueryRow", RoleRead)
	queryRow.Args, queryRow.Positional = 0, true
	queryRows := m("RawSeter", "QueryRows", RoleRead)
	queryRows.Args, queryRows.Positional = 0, true
	setArgs := m("RawSeter", "SetArgs", RoleChain)
	setArgs.Clause, setArgs.Args = ClauseArgs, 0
	t = append(t, exec, queryRow, queryRows, setArgs)
	for _, read := range []string{"Values", "ValuesList", "ValuesFlat"} {
		x := m("RawSeter", read, RoleRead)
		x.Dest = 0
		t = append(t, x)
	}

	// orm.ColValue(orm.ColAdd, 1) in an Update's Params: the database
	// computes the column from its current value.
	t = append(t, m("", "ColValue", RoleAtomicExpr))
	return t
}()
