package apimodel

const pkgSQL = "database/sql"

// databaseSQL is the table for the standard library. *DB, *Tx and *Conn
// share one method set; *Stmt methods take their SQL from Prepare.
var databaseSQL = func() []Method {
	var t []Method
	for _, recv := range []string{"DB", "Tx", "Conn"} {
		t = append(t,
			Method{Pkg: pkgSQL, Recv: recv, Name: "Query", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "QueryContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "QueryRow", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "QueryRowContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "Exec", Role: RoleExec, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "ExecContext", Role: RoleExec, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "Prepare", Role: RolePrepare, SQL: 0, Args: -1, Dest: -1, Opts: -1, Func: -1},
			Method{Pkg: pkgSQL, Recv: recv, Name: "PrepareContext", Role: RolePrepare, SQL: 1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		)
	}
	t = append(t,
		Method{Pkg: pkgSQL, Recv: "DB", Name: "Begin", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "DB", Name: "BeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Conn", Name: "BeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Tx", Name: "Commit", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Tx", Name: "Rollback", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "Query", Role: RoleStmt, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "QueryContext", Role: RoleStmt, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "QueryRow", Role: RoleStmt, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "QueryRowContext", Role: RoleStmt, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "Exec", Role: RoleStmt, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Stmt", Name: "ExecContext", Role: RoleStmt, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Row", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Rows", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Rows", Name: "Next", Role: RoleNext, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		Method{Pkg: pkgSQL, Recv: "Result", Name: "RowsAffected", Role: RoleCount, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
	)
	return t
}()

// sentinels are the package-level errors racelint understands.
var sentinels = []struct {
	pkg, name string
	kind      Sentinel
}{
	{pkgSQL, "ErrNoRows", NotFound},
	{"github.com/jackc/pgx/v5", "ErrNoRows", NotFound},
	{"gorm.io/gorm", "ErrRecordNotFound", NotFound},
	{"gorm.io/gorm/logger", "ErrRecordNotFound", NotFound},
	{"gorm.io/gorm", "ErrDuplicatedKey", DuplicateKey},
	{"github.com/jinzhu/gorm", "ErrRecordNotFound", NotFound},
	{"go.mongodb.org/mongo-driver/v2/mongo", "ErrNoDocuments", NotFound},
	{"go.mongodb.org/mongo-driver/mongo", "ErrNoDocuments", NotFound},
}
