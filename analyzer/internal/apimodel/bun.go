package apimodel

const pkgBun = "github.com/uptrace/bun"

var libraryBun = Library{
	ID: LibBun, Name: "bun", Imports: []string{pkgBun}, Opaque: []string{pkgBun},
	Store: StoreSQL, Builder: BuilderBun, Methods: bun, TxTypes: []string{"Tx"}, PoolTypes: []string{"DB"},
}

// bun is the table for bun. Queries are built by chains that start with
// NewSelect/NewUpdate/NewInsert/NewDelete on a *bun.DB, bun.Tx or bun.IDB
// and end with Scan, Exists, Count or Exec.
var bun = func() []Method {
	chain := func(recv, name string, c Clause) Method {
		return Method{Pkg: pkgBun, Recv: recv, Name: name, Role: RoleChain, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Clause: c, Key: -1, Field: -1, Value: -1}
	}
	var t []Method
	for _, recv := range []string{"DB", "Tx", "IDB", "Conn"} {
		for _, start := range [][2]string{{"NewSelect", "SELECT"}, {"NewUpdate", "UPDATE"}, {"NewInsert", "INSERT"}, {"NewDelete", "DELETE"}} {
			m := chain(recv, start[0], ClauseStart)
			m.Verb = start[1]
			t = append(t, m)
		}
		t = append(t,
			Method{Pkg: pkgBun, Recv: recv, Name: "RunInTx", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: 2, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgBun, Recv: recv, Name: "BeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1},
		)
	}
	for _, q := range []string{"SelectQuery", "UpdateQuery", "InsertQuery", "DeleteQuery"} {
		w := chain(q, "Where", ClauseWhere)
		w.SQL, w.Args = 0, 1
		wo := chain(q, "WhereOr", ClauseWhere)
		wo.SQL, wo.Args, wo.Or = 0, 1, true
		t = append(t, chain(q, "Model", ClauseModel), chain(q, "Table", ClauseTable), w, wo,
			chain(q, "WherePK", ClauseWherePK))
		for _, keep := range []string{"Column", "ColumnExpr", "ExcludeColumn", "Limit", "Offset", "Order", "OrderExpr", "Relation", "Returning", "TableExpr", "ModelTableExpr", "Value", "OmitZero", "Bulk", "Conn", "Apply", "WhereDeleted", "WhereAllWithDeleted", "Distinct", "Group", "Join", "JoinOn"} {
			t = append(t, chain(q, keep, ClauseKeep))
		}
	}
	set := chain("UpdateQuery", "Set", ClauseSet)
	set.SQL, set.Args = 0, 1
	t = append(t, set,
		chain("SelectQuery", "For", ClauseLock),
		chain("InsertQuery", "On", ClauseConflict),
		chain("InsertQuery", "Ignore", ClauseConflict),
		Method{Pkg: pkgBun, Recv: "SelectQuery", Name: "Scan", Role: RoleRead, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgBun, Recv: "SelectQuery", Name: "Exists", Role: RoleExists, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgBun, Recv: "SelectQuery", Name: "Count", Role: RoleCount, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgBun, Recv: "UpdateQuery", Name: "Exec", Role: RoleExec, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgBun, Recv: "InsertQuery", Name: "Exec", Role: RoleExec, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgBun, Recv: "DeleteQuery", Name: "Exec", Role: RoleExec, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
	)
	return t
}()
