package apimodel

import "go/types"

const pkgGORMv1 = "github.com/jinzhu/gorm"

var libraryGORMv1 = Library{
	ID: LibGORMv1, Name: "GORM v1", Imports: []string{pkgGORMv1}, Opaque: []string{pkgGORMv1},
	Store: StoreSQL, Builder: BuilderGORM, Methods: gormV1,
	Sentinels: []SentinelVar{{pkgGORMv1, "ErrRecordNotFound", NotFound}},
}

// gormPackages are the import paths of GORM-like libraries: a *DB whose
// chain methods return the handle with one more clause, finishers that
// run the statement, and Error/RowsAffected fields on the result.
var gormPackages = map[string]bool{pkgGORM: true, pkgGORMv1: true}

// IsGORMHandle reports whether t (through one pointer) is a GORM *DB.
func IsGORMHandle(t types.Type) bool {
	for pkg := range gormPackages {
		if IsNamed(t, pkg, "DB") {
			return true
		}
	}
	return false
}

// gormV1 is the table for GORM v1 (github.com/jinzhu/gorm). Its chain and
// finishers mirror v2's; Update and UpdateColumn take their column and
// value as a variadic list, Set("gorm:query_option", "FOR UPDATE") makes a
// locking read, RecordNotFound() reports a read that found nothing, and
// transactions are Begin/BeginTx/Transaction(func(tx *gorm.DB) error).
var gormV1 = func() []Method {
	m := func(name string, r Role) Method {
		return Method{Pkg: pkgGORMv1, Recv: "DB", Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	chain := func(name string, c Clause) Method {
		x := m(name, RoleChain)
		x.Clause = c
		return x
	}
	where := func(name string, or bool) Method {
		x := chain(name, ClauseWhere)
		x.SQL, x.Args, x.Or = 0, 1, or
		return x
	}
	fin := func(name string, r Role, dest int) Method {
		x := m(name, r)
		x.Dest = dest
		return x
	}
	raw := chain("Raw", ClauseRaw)
	raw.SQL, raw.Args = 0, 1
	exec := m("Exec", RoleExec)
	exec.SQL, exec.Args = 0, 1
	beginTx := m("BeginTx", RoleBegin)
	beginTx.Opts = 1
	txFunc := m("Transaction", RoleTxFunc)
	txFunc.Func = 0
	expr := Method{Pkg: pkgGORMv1, Name: "Expr", Role: RoleAtomicExpr, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	isNotFound := Method{Pkg: pkgGORMv1, Name: "IsRecordNotFoundError", Role: RoleIsNotFound, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	t := []Method{
		chain("Model", ClauseModel),
		chain("Table", ClauseTable),
		chain("Scopes", ClauseScopes),
		where("Where", false),
		where("Not", true),
		where("Or", true),
		chain("Set", ClauseOption),
		chain("InstantSet", ClauseOption),
		raw,
		exec,
		conds(fin("First", RoleRead, 0)),
		conds(fin("Take", RoleRead, 0)),
		conds(fin("Last", RoleRead, 0)),
		conds(fin("Find", RoleRead, 0)),
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
		fin("Delete", RoleDelete, 0),
		fin("FirstOrCreate", RoleReadOrCreate, 0),
		fin("FirstOrInit", RoleReadOrInit, 0),
		m("Begin", RoleBegin),
		beginTx,
		txFunc,
		m("Commit", RoleCommit),
		m("Rollback", RoleCommit),
		m("RollbackUnlessCommitted", RoleCommit),
		// db.First(&u).RecordNotFound(): whether the read found a row.
		m("RecordNotFound", RoleNext),
		expr,
		isNotFound,
	}
	for _, name := range []string{"New", "Debug", "LogMode", "Unscoped", "Select", "Omit", "Order", "Limit", "Offset", "Group", "Having", "Joins", "Preload", "Attrs", "Assign", "BlockGlobalUpdate"} {
		t = append(t, chain(name, ClauseKeep))
	}
	return t
}()
