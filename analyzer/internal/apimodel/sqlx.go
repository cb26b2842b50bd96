package apimodel

const pkgSQLX = "github.com/jmoiron/sqlx"

var librarySQLX = Library{
	ID: LibSQLX, Name: "sqlx", Imports: []string{pkgSQLX}, Opaque: []string{pkgSQLX},
	Store: StoreSQL, Builder: BuilderSQL, Methods: sqlx, TxTypes: []string{"Tx"}, PoolTypes: []string{"DB"},
	Shape: &Shape{Results: []string{pkgSQLX}, Pkg: pkgSQLX, Recv: "DB"},
}

// sqlx adds scanning helpers on top of database/sql; the methods it
// promotes from *sql.DB and *sql.Tx are matched by the database/sql table.
var sqlx = func() []Method {
	var t []Method
	for _, recv := range []string{"DB", "Tx", "Conn"} {
		t = append(t,
			Method{Pkg: pkgSQLX, Recv: recv, Name: "Get", Role: RoleGet, SQL: 1, Args: 2, Dest: 0, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "GetContext", Role: RoleGet, SQL: 2, Args: 3, Dest: 1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "Select", Role: RoleSelect, SQL: 1, Args: 2, Dest: 0, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "SelectContext", Role: RoleSelect, SQL: 2, Args: 3, Dest: 1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "Queryx", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "QueryxContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "QueryRowx", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "QueryRowxContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "NamedExec", Role: RoleExec, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "NamedExecContext", Role: RoleExec, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "NamedQuery", Role: RoleQuery, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "NamedQueryContext", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "MustExec", Role: RoleExec, SQL: 0, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "MustExecContext", Role: RoleExec, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "Rebind", Role: RolePassSQL, SQL: 0, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "Preparex", Role: RolePrepare, SQL: 0, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: pkgSQLX, Recv: recv, Name: "PreparexContext", Role: RolePrepare, SQL: 1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		)
	}
	t = append(t,
		Method{Pkg: pkgSQLX, Recv: "DB", Name: "Beginx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "DB", Name: "MustBegin", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "DB", Name: "BeginTxx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "DB", Name: "MustBeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Conn", Name: "BeginTxx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Row", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Row", Name: "StructScan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Row", Name: "MapScan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Rows", Name: "StructScan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Rows", Name: "MapScan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "Rows", Name: "SliceScan", Role: RoleScan, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "", Name: "Get", Role: RoleGet, SQL: 2, Args: 3, Dest: 1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "", Name: "GetContext", Role: RoleGet, SQL: 3, Args: 4, Dest: 2, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "", Name: "Select", Role: RoleSelect, SQL: 2, Args: 3, Dest: 1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "", Name: "SelectContext", Role: RoleSelect, SQL: 3, Args: 4, Dest: 2, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "", Name: "Rebind", Role: RolePassSQL, SQL: 1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgSQLX, Recv: "", Name: "In", Role: RolePassSQL, SQL: 0, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
	)
	return t
}()
