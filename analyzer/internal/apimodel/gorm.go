package apimodel

const pkgGORM = "gorm.io/gorm"

// GORMPath and GORMClausePath are the packages a suggested fix for GORM
// code imports.
const (
	GORMPath       = pkgGORM
	GORMClausePath = pkgGORM + "/clause"
)

var libraryGORM = Library{
	ID: LibGORM, Name: "GORM v2", Imports: []string{pkgGORM}, Opaque: []string{"gorm.io/"},
	Store: StoreSQL, Builder: BuilderGORM, Methods: gorm,
	Sentinels: []SentinelVar{
		{pkgGORM, "ErrRecordNotFound", NotFound},
		{pkgGORM + "/logger", "ErrRecordNotFound", NotFound},
		{pkgGORM, "ErrDuplicatedKey", DuplicateKey},
	},
}

// gorm is the table for GORM v2. Chain methods return the receiver with
// one more clause; finishers run the statement the chain built.
var gorm = func() []Method {
	chain := func(name string, c Clause) Method {
		return Method{Pkg: pkgGORM, Recv: "DB", Name: name, Role: RoleChain, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Clause: c}
	}
	fin := func(name string, r Role, dest int) Method {
		return Method{Pkg: pkgGORM, Recv: "DB", Name: name, Role: r, SQL: -1, Args: -1, Dest: dest, Opts: -1, Func: -1}
	}
	t := []Method{
		chain("Model", ClauseModel),
		chain("Table", ClauseTable),
		{Pkg: pkgGORM, Recv: "DB", Name: "Where", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseWhere},
		{Pkg: pkgGORM, Recv: "DB", Name: "Not", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseWhere, Or: true},
		{Pkg: pkgGORM, Recv: "DB", Name: "Or", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseWhere, Or: true},
		chain("Clauses", ClauseClauses),
		{Pkg: pkgGORM, Recv: "DB", Name: "Raw", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseRaw},
		{Pkg: pkgGORM, Recv: "DB", Name: "Exec", Role: RoleExec, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1},
		fin("First", RoleModelRead, 0),
		fin("Take", RoleModelRead, 0),
		fin("Last", RoleModelRead, 0),
		fin("Find", RoleModelRead, 0),
		fin("FindInBatches", RoleModelRead, 0),
		fin("Scan", RoleModelRead, 0),
		fin("Pluck", RoleModelRead, 1),
		fin("Row", RoleModelRead, -1),
		fin("Rows", RoleModelRead, -1),
		fin("Count", RoleModelCount, 0),
		fin("Update", RoleModelUpdate, -1),
		fin("UpdateColumn", RoleModelUpdate, -1),
		fin("Updates", RoleModelUpdates, 0),
		fin("UpdateColumns", RoleModelUpdates, 0),
		fin("Save", RoleModelSave, 0),
		fin("Create", RoleModelCreate, 0),
		fin("CreateInBatches", RoleModelCreate, 0),
		fin("Delete", RoleModelDelete, 0),
		fin("FirstOrCreate", RoleModelFirstOrCreate, 0),
		fin("FirstOrInit", RoleModelFirstOrInit, 0),
		{Pkg: pkgGORM, Recv: "DB", Name: "Begin", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 0, Func: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Transaction", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: 0},
		{Pkg: pkgGORM, Recv: "DB", Name: "Commit", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Rollback", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		{Pkg: pkgGORM, Name: "Expr", Role: RoleAtomicExpr, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1},
	}
	// Chain calls that change neither the rows touched nor the handle.
	for _, name := range []string{"Session", "WithContext", "Debug", "Unscoped", "Select", "Omit", "Order", "Limit", "Offset", "Group", "Having", "Joins", "InnerJoins", "Preload", "Distinct", "Attrs", "Assign", "Set", "InstanceSet", "Scopes"} {
		t = append(t, chain(name, ClauseKeep))
	}
	return t
}()
