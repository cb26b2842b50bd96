package apimodel

const pkgSquirrel = "github.com/Masterminds/squirrel"

var librarySquirrel = Library{
	ID: LibSquirrel, Name: "squirrel", Imports: []string{pkgSquirrel}, Opaque: []string{pkgSquirrel},
	Store: StoreSQL, Builder: BuilderSquirrel, Methods: squirrel,
}

// squirrel is the table for the Masterminds/squirrel SQL builder. Builders
// are immutable values: every chain method returns a new builder, and the
// statement is assembled from the whole chain when it runs (RunWith(db)
// then Exec/QueryRow/Query/Scan).
var squirrel = func() []Method {
	chain := func(recv, name string, c Clause) Method {
		return Method{Pkg: pkgSquirrel, Recv: recv, Name: name, Role: RoleChain, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Clause: c, Key: -1, Field: -1, Value: -1}
	}
	start := func(recv, name, verb string) Method {
		m := chain(recv, name, ClauseStart)
		m.Verb = verb
		return m
	}
	fin := func(recv, name string, r Role) Method {
		return Method{Pkg: pkgSquirrel, Recv: recv, Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	scan := func(name string, dests int) Method {
		m := fin("SelectBuilder", name, RoleRead)
		m.Args, m.Positional = dests, true
		return m
	}
	var t []Method
	for _, recv := range []string{"", "StatementBuilderType"} {
		t = append(t, start(recv, "Select", "SELECT"), start(recv, "Update", "UPDATE"), start(recv, "Insert", "INSERT"), start(recv, "Delete", "DELETE"))
	}
	t = append(t,
		chain("StatementBuilderType", "RunWith", ClauseRunWith),
		chain("StatementBuilderType", "PlaceholderFormat", ClauseKeep),
	)
	for _, b := range []string{"SelectBuilder", "UpdateBuilder", "InsertBuilder", "DeleteBuilder"} {
		t = append(t,
			chain(b, "RunWith", ClauseRunWith),
			chain(b, "PlaceholderFormat", ClauseKeep),
			chain(b, "Suffix", ClauseSuffix),
			chain(b, "Prefix", ClauseKeep),
			fin(b, "QueryRow", RoleQuery),
			fin(b, "QueryRowContext", RoleQuery),
		)
	}
	for _, b := range []string{"SelectBuilder", "UpdateBuilder", "DeleteBuilder"} {
		t = append(t, chain(b, "Where", ClauseWhere), chain(b, "OrderBy", ClauseKeep), chain(b, "Limit", ClauseKeep), chain(b, "Offset", ClauseKeep))
	}
	t = append(t,
		chain("SelectBuilder", "From", ClauseTable),
		chain("SelectBuilder", "Columns", ClauseKeep),
		chain("SelectBuilder", "Column", ClauseKeep),
		chain("SelectBuilder", "Distinct", ClauseKeep),
		chain("SelectBuilder", "GroupBy", ClauseKeep),
		chain("SelectBuilder", "Join", ClauseKeep),
		chain("SelectBuilder", "LeftJoin", ClauseKeep),
		fin("SelectBuilder", "Query", RoleQuery),
		fin("SelectBuilder", "QueryContext", RoleQuery),
		scan("Scan", 0),
		scan("ScanContext", 1),
		chain("UpdateBuilder", "Table", ClauseTable),
		chain("UpdateBuilder", "Set", ClauseSetColumn),
		chain("UpdateBuilder", "SetMap", ClauseSetMap),
		fin("UpdateBuilder", "Exec", RoleExec),
		fin("UpdateBuilder", "ExecContext", RoleExec),
		chain("InsertBuilder", "Into", ClauseTable),
		chain("InsertBuilder", "Columns", ClauseColumns),
		chain("InsertBuilder", "Values", ClauseValues),
		chain("InsertBuilder", "SetMap", ClauseSetMap),
		chain("InsertBuilder", "Options", ClauseKeep),
		fin("InsertBuilder", "Exec", RoleExec),
		fin("InsertBuilder", "ExecContext", RoleExec),
		chain("DeleteBuilder", "From", ClauseTable),
		fin("DeleteBuilder", "Exec", RoleExec),
		fin("DeleteBuilder", "ExecContext", RoleExec),
		// The row a builder's QueryRow returns.
		Method{Pkg: pkgSquirrel, Recv: "RowScanner", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		// sq.Expr("views + ?", 1) in Set: computed by the database.
		Method{Pkg: pkgSquirrel, Name: "Expr", Role: RoleAtomicExpr, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
	)
	return t
}()
