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
		return Method{Pkg: pkgGORM, Recv: "DB", Name: name, Role: RoleChain, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Clause: c, Key: -1, Field: -1, Value: -1}
	}
	fin := func(name string, r Role, dest int) Method {
		return Method{Pkg: pkgGORM, Recv: "DB", Name: name, Role: r, SQL: -1, Args: -1, Dest: dest, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	t := []Method{
		chain("Model", ClauseModel),
		chain("Table", ClauseTable),
		{Pkg: pkgGORM, Recv: "DB", Name: "Where", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseWhere, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Not", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseWhere, Or: true, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Or", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseWhere, Or: true, Key: -1, Field: -1, Value: -1},
		chain("Clauses", ClauseClauses),
		chain("Scopes", ClauseScopes),
		chain("Association", ClauseAssociation),
		{Pkg: pkgGORM, Recv: "DB", Name: "Raw", Role: RoleChain, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Clause: ClauseRaw, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Exec", Role: RoleExec, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		conds(fin("First", RoleRead, 0)),
		conds(fin("Take", RoleRead, 0)),
		conds(fin("Last", RoleRead, 0)),
		conds(fin("Find", RoleRead, 0)),
		fin("FindInBatches", RoleRead, 0),
		fin("Scan", RoleRead, 0),
		func() Method { x := fin("Pluck", RoleRead, 1); x.Field = 0; return x }(), // Pluck(column, &dest)
		fin("Row", RoleRead, -1),
		fin("Rows", RoleRead, -1),
		fin("Count", RoleCount, 0),
		fin("Update", RoleUpdate, -1),
		fin("UpdateColumn", RoleUpdate, -1),
		fin("Updates", RoleUpdates, 0),
		fin("UpdateColumns", RoleUpdates, 0),
		fin("Save", RoleSave, 0),
		fin("Create", RoleInsert, 0),
		fin("CreateInBatches", RoleInsert, 0),
		fin("Delete", RoleDelete, 0),
		fin("FirstOrCreate", RoleReadOrCreate, 0),
		fin("FirstOrInit", RoleReadOrInit, 0),
		{Pkg: pkgGORM, Recv: "DB", Name: "Begin", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 0, Func: -1, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Transaction", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: 0, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Commit", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Recv: "DB", Name: "Rollback", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		{Pkg: pkgGORM, Name: "Expr", Role: RoleAtomicExpr, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
	}
	// Association mode: Model(&user).Association("Roles") is a handle on
	// the rows user is linked to through Roles (a join table or a foreign
	// key): Count reads them, Append and Replace add to them.
	assoc := func(name string, r Role, dest int) Method {
		x := fin(name, r, dest)
		x.Recv = "Association"
		return x
	}
	t = append(t,
		assoc("Count", RoleCount, -1),
		assoc("Find", RoleRead, 0),
		assoc("Append", RoleInsert, 0),
		assoc("Replace", RoleInsert, 0),
		assoc("Delete", RoleDelete, 0),
		assoc("Clear", RoleDelete, -1),
		func() Method { x := chain("Unscoped", ClauseKeep); x.Recv = "Association"; return x }(),
	)
	// Chain calls that change neither the rows touched nor the handle.
	for _, name := range []string{"Session", "WithContext", "Debug", "Unscoped", "Select", "Omit", "Order", "Limit", "Offset", "Group", "Having", "Joins", "InnerJoins", "Preload", "Distinct", "Attrs", "Assign", "Set", "InstanceSet"} {
		t = append(t, chain(name, ClauseKeep))
	}
	return t
}()

// conds marks a GORM finisher that takes inline conditions after its
// destination: First(&x, id), Find(&xs, "state = ?", s).
func conds(m Method) Method {
	m.Key = 1
	return m
}
