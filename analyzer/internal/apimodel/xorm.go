package apimodel

// PkgXorm is xorm's import path.
const PkgXorm = "xorm.io/xorm"

var libraryXorm = Library{
	ID: LibXorm, Name: "xorm", Imports: []string{PkgXorm}, Forks: map[string]string{"github.com/xorm-io/xorm": PkgXorm},
	Opaque: []string{"xorm.io/", "github.com/xorm-io/"},
	Store:  StoreSQL, Builder: BuilderXorm, Methods: xorm,
}

// xorm is the table for xorm. *Engine methods start a *Session; chain
// methods return the session with one more condition; finishers run the
// statement on a bean (a struct pointer whose non-zero fields are
// conditions, values to insert or columns to update). A session is a
// transaction once Begin is called on it.
var xorm = func() []Method {
	m := func(recv, name string, r Role) Method {
		return Method{Pkg: PkgXorm, Recv: recv, Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	var t []Method
	for _, recv := range []string{"Engine", "Session", "Interface", "EngineInterface"} {
		chain := func(name string, c Clause) Method {
			x := m(recv, name, RoleChain)
			x.Clause = c
			return x
		}
		where := func(name string, or bool) Method {
			x := chain(name, ClauseWhere)
			x.SQL, x.Args, x.Or = 0, 1, or
			return x
		}
		sqlc := chain("SQL", ClauseRaw)
		sqlc.SQL, sqlc.Args = 0, 1
		// Exec/Query(sqlOrArgs ...any): the SQL is the first element.
		exec := m(recv, "Exec", RoleExec)
		exec.SQL, exec.Args = 0, 0
		t = append(t,
			where("Where", false), where("And", false), where("Or", true),
			chain("ID", ClauseID), chain("In", ClauseIn),
			chain("Table", ClauseTable), sqlc,
			chain("ForUpdate", ClauseLock),
			chain("Cols", ClauseCols), chain("MustCols", ClauseCols),
			chain("Incr", ClauseIncr), chain("Decr", ClauseIncr), chain("SetExpr", ClauseIncr),
			m(recv, "Get", RoleRead),
			m(recv, "Find", RoleRead),
			m(recv, "Exist", RoleCount),
			m(recv, "Count", RoleCount),
			m(recv, "Insert", RoleInsert),
			m(recv, "InsertOne", RoleInsert),
			m(recv, "Update", RoleUpdates),
			m(recv, "Delete", RoleDelete),
			exec,
		)
		for _, q := range []string{"Query", "QueryString", "QueryInterface"} {
			x := m(recv, q, RoleQuery)
			x.SQL, x.Args = 0, 0
			t = append(t, x)
		}
		for _, keep := range []string{"NoAutoCondition", "Context", "Select", "Omit", "AllCols", "Alias", "Asc", "Desc", "OrderBy", "Limit", "Distinct", "GroupBy", "Having", "Join", "Unscoped", "UseBool", "Nullable", "NoCache", "NoCascade", "Prepare", "NotIn"} {
			t = append(t, chain(keep, ClauseKeep))
		}
	}
	begin := m("Session", "Begin", RoleBegin)
	begin.InPlace = true
	txFunc := m("Engine", "Transaction", RoleTxFunc)
	txFunc.Func = 0
	t = append(t, begin, txFunc,
		m("Session", "Commit", RoleCommit),
		m("Session", "Rollback", RoleCommit),
	)
	return t
}()
