package apimodel

// PkgPop is gobuffalo/pop's import path.
const PkgPop = "github.com/gobuffalo/pop/v6"

var libraryPop = Library{
	ID: LibPop, Name: "pop", Imports: []string{PkgPop}, Opaque: []string{"github.com/gobuffalo/pop", "github.com/ory/pop"},
	// ory's fork (Kratos, Hydra, Keto) keeps pop's API.
	Forks: map[string]string{"github.com/ory/pop/v6": PkgPop},
	Store: StoreSQL, Builder: BuilderPop, Methods: pop,
}

// pop is the table for gobuffalo/pop v6. A *Connection (or a transaction,
// which is a *Connection too) starts *Query chains with Where, Q and
// RawQuery; finishers read into or write from a model whose primary key
// names the row.
var pop = func() []Method {
	m := func(recv, name string, r Role) Method {
		return Method{Pkg: PkgPop, Recv: recv, Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	var t []Method
	for _, recv := range []string{"Connection", "Query"} {
		where := m(recv, "Where", RoleChain)
		where.Clause, where.SQL, where.Args = ClauseWhere, 0, 1
		raw := m(recv, "RawQuery", RoleChain)
		raw.Clause, raw.SQL, raw.Args = ClauseRaw, 0, 1
		t = append(t, where, raw,
			m(recv, "Find", RoleRead),
			m(recv, "First", RoleRead),
			m(recv, "Last", RoleRead),
			m(recv, "All", RoleRead),
			m(recv, "Count", RoleCount),
		)
		for _, keep := range []string{"Q", "Eager", "Select", "Order", "Limit", "Paginate", "Scope", "WithContext"} {
			k := m(recv, keep, RoleChain)
			k.Clause = ClauseKeep
			t = append(t, k)
		}
	}
	txFunc := m("Connection", "Transaction", RoleTxFunc)
	txFunc.Func = 0
	// NewTransactionContextOptions(ctx, *sql.TxOptions) is the only way
	// pop begins a transaction at another isolation level.
	beginOpts := m("Connection", "NewTransactionContextOptions", RoleBegin)
	beginOpts.Opts = 1
	t = append(t,
		m("Query", "Exists", RoleCount),
		m("Query", "Exec", RoleExec),
		m("Query", "ExecWithCount", RoleExec),
		m("Connection", "Update", RoleSave),
		m("Connection", "ValidateAndUpdate", RoleSave),
		m("Connection", "Save", RoleSave),
		m("Connection", "ValidateAndSave", RoleSave),
		m("Connection", "UpdateColumns", RoleUpdates),
		m("Connection", "Create", RoleInsert),
		m("Connection", "ValidateAndCreate", RoleInsert),
		m("Connection", "Destroy", RoleDelete),
		m("Connection", "NewTransaction", RoleBegin),
		m("Connection", "NewTransactionContext", RoleBegin),
		beginOpts,
		txFunc,
	)
	return t
}()
