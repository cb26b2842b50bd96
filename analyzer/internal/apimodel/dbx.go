package apimodel

// PkgDbx is the import path of pocketbase/dbx.
const PkgDbx = "github.com/pocketbase/dbx"

var libraryDbx = Library{
	ID: LibDbx, Name: "pocketbase/dbx", Imports: []string{PkgDbx}, Opaque: []string{PkgDbx},
	Store: StoreSQL, Builder: BuilderDbx, Methods: dbx, TxTypes: []string{"Tx"}, PoolTypes: []string{"DB"},
}

// Clauses of dbx query chains.
const (
	ClauseDbxBind Clause = 1100 + iota // Bind/AndBind(dbx.Params{...}): values of {:name} placeholders
)

// dbx is the table for github.com/pocketbase/dbx. A statement starts on a
// Builder (the embedded interface of *DB and *Tx, so db.Select and
// tx.Select are both Builder methods): Select(cols...) starts a
// SelectQuery, NewQuery(sql) a raw Query with {:name} placeholders,
// Insert/Upsert/Update/Delete a Query from a table, a Params map and a
// where Expression, and Model(&m) a ModelQuery on a struct. The statement
// runs with One/All/Row/Column/Model (reads), Execute (writes) or the
// ModelQuery's Insert/Update/Delete.
var dbx = func() []Method {
	row := func(recv, name string, r Role) Method {
		return Method{Pkg: PkgDbx, Recv: recv, Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	chain := func(recv, name string, c Clause) Method {
		m := row(recv, name, RoleChain)
		m.Clause = c
		return m
	}
	start := func(name, verb string) Method {
		m := chain("Builder", name, ClauseStart)
		m.Verb = verb
		switch verb {
		case "SQL":
			m.SQL = 0
		case "INSERT", "UPSERT":
			m.Value = 1
		case "UPDATE":
			m.Value, m.Key = 1, 2
		case "DELETE":
			m.Key = 1
		}
		return m
	}
	read := func(recv, name string, dest, args int) Method {
		m := row(recv, name, RoleRead)
		m.Dest, m.Args = dest, args
		return m
	}
	t := []Method{
		start("Select", "SELECT"),
		start("NewQuery", "SQL"),
		start("Insert", "INSERT"),
		start("Upsert", "UPSERT"),
		start("Update", "UPDATE"),
		start("Delete", "DELETE"),
	}
	for _, recv := range []string{"Query", "SelectQuery"} {
		t = append(t,
			chain(recv, "Bind", ClauseDbxBind),
			chain(recv, "WithContext", ClauseKeep),
			read(recv, "One", 0, -1),
			read(recv, "All", 0, -1),
			read(recv, "Column", 0, -1),
			func() Method { m := read(recv, "Row", -1, 0); m.Positional = true; return m }(), // Row(&a, &b), as Row.Scan
			read(recv, "Rows", -1, -1),
		)
	}
	t = append(t,
		chain("Query", "Prepare", ClauseKeep),
		chain("Query", "WithExecHook", ClauseKeep),
		chain("Query", "WithOneHook", ClauseKeep),
		chain("Query", "WithAllHook", ClauseKeep),
		row("Query", "Execute", RoleExec),
		chain("SelectQuery", "AndBind", ClauseDbxBind),
		chain("SelectQuery", "Select", ClauseColumns),
		chain("SelectQuery", "AndSelect", ClauseColumns),
		chain("SelectQuery", "From", ClauseTable),
		chain("SelectQuery", "Where", ClauseWhere),
		chain("SelectQuery", "AndWhere", ClauseWhere),
		func() Method { m := chain("SelectQuery", "OrWhere", ClauseWhere); m.Or = true; return m }(),
		chain("SelectQuery", "PostFragment", ClauseSuffix),
		chain("SelectQuery", "PreFragment", ClauseKeep),
		chain("SelectQuery", "Distinct", ClauseKeep),
		chain("SelectQuery", "SelectOption", ClauseKeep),
		chain("SelectQuery", "OrderBy", ClauseKeep),
		chain("SelectQuery", "AndOrderBy", ClauseKeep),
		chain("SelectQuery", "GroupBy", ClauseKeep),
		chain("SelectQuery", "AndGroupBy", ClauseKeep),
		chain("SelectQuery", "Having", ClauseKeep),
		chain("SelectQuery", "AndHaving", ClauseKeep),
		chain("SelectQuery", "OrHaving", ClauseKeep),
		chain("SelectQuery", "Join", ClauseKeep),
		chain("SelectQuery", "InnerJoin", ClauseKeep),
		chain("SelectQuery", "LeftJoin", ClauseKeep),
		chain("SelectQuery", "RightJoin", ClauseKeep),
		chain("SelectQuery", "Limit", ClauseKeep),
		chain("SelectQuery", "Offset", ClauseKeep),
		chain("SelectQuery", "WithBuildHook", ClauseKeep),
		chain("SelectQuery", "Build", ClauseKeep),
		// Transactions: *DB begins them; the callback of Transactional
		// receives the *Tx.
		row("DB", "Begin", RoleBegin),
		func() Method { m := row("DB", "BeginTx", RoleBegin); m.Opts = 1; return m }(),
		func() Method { m := row("DB", "Transactional", RoleTxFunc); m.Func = 0; return m }(),
		func() Method {
			m := row("DB", "TransactionalContext", RoleTxFunc)
			m.Opts, m.Func = 1, 2
			return m
		}(),
		row("Tx", "Commit", RoleCommit),
		row("Tx", "Rollback", RoleCommit),
		// The model API: Select().Model(pk, &m) reads the row m's primary
		// key names into m; Model(&m) starts a ModelQuery whose Insert,
		// Update(attrs...) and Delete write m, by its primary key.
		func() Method { m := read("SelectQuery", "Model", 1, -1); m.Key = 0; return m }(),
		start("Model", "MODEL"),
		chain("ModelQuery", "WithContext", ClauseKeep),
		chain("ModelQuery", "Exclude", ClauseKeep),
		row("ModelQuery", "Insert", RoleInsert),
		func() Method { m := row("ModelQuery", "Update", RoleUpdates); m.Field = 0; return m }(), // Update(attrs...): the fields written
		row("ModelQuery", "Delete", RoleDelete),
	)
	return t
}()
