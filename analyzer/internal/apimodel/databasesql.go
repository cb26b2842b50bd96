package apimodel

import "go/types"

const pkgSQL = "database/sql"

// IsTimeType reports whether t (through one pointer) holds a point in
// time: time.Time or sql.NullTime.
func IsTimeType(t types.Type) bool {
	return IsNamed(t, "time", "Time") || IsNamed(t, pkgSQL, "NullTime")
}

// librarySQL is the standard library's database/sql, and the shape of
// sqlc's DBTX interfaces over it.
var librarySQL = Library{
	ID: LibSQL, Name: "database/sql", Imports: []string{pkgSQL}, Opaque: []string{"database/"},
	Store: StoreSQL, Builder: BuilderSQL, Methods: databaseSQL, TxTypes: []string{"Tx"}, PoolTypes: []string{"DB"},
	Sentinels: []SentinelVar{{pkgSQL, "ErrNoRows", NotFound}},
	Shape:     &Shape{Results: []string{pkgSQL}, Pkg: pkgSQL, Recv: "DB"},
}

// databaseSQL is the table for the standard library. *DB, *Tx and *Conn
// share one method set; *Stmt methods take their SQL from Prepare.
var databaseSQL = func() []Method {
	var t []Method
	for _, recv := range []string{"DB", "Tx", "Conn"} {
		t = append(t,
			Method{Pkg: pkgSQL, Recv: recv, Name: "Query", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "QueryContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "QueryRow", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "QueryRowContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "Exec", Role: RoleExec, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "ExecContext", Role: RoleExec, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "Prepare", Role: RolePrepare, SQL: 0, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "PrepareContext", Role: RolePrepare, SQL: 1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		)
	}
	t = append(t,
		Method{Pkg: pkgSQL, Recv: "DB", Name: "Begin", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "DB", Name: "BeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Conn", Name: "BeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Tx", Name: "Commit", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Tx", Name: "Rollback", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "Query", Role: RoleStmt, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "QueryContext", Role: RoleStmt, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "QueryRow", Role: RoleStmt, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "QueryRowContext", Role: RoleStmt, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "Exec", Role: RoleStmt, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "ExecContext", Role: RoleStmt, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Row", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Rows", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Rows", Name: "Next", Role: RoleNext, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQL, Recv: "Result", Name: "RowsAffected", Role: RoleAffected, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
	)
	return t
}()
