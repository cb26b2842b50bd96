package apimodel

const (
	pkgPGX  = "github.com/jackc/pgx/v5"
	pkgPool = "github.com/jackc/pgx/v5/pgxpool"
	pkgConn = "github.com/jackc/pgx/v5/pgconn"
)

// pgx v4 has the same API as v5 for everything racelint reads, with two
// differences the table covers: its CommandTag lives in the separate
// github.com/jackc/pgconn module, and BeginFunc and BeginTxFunc are
// methods of Conn, Pool and Tx rather than package functions (the Collect
// helpers are v5 only and never match v4 code).
var pgxV4Forks = map[string]string{
	"github.com/jackc/pgx/v4":         pkgPGX,
	"github.com/jackc/pgx/v4/pgxpool": pkgPool,
	"github.com/jackc/pgconn":         pkgConn,
}

var libraryPGX = Library{
	ID: LibPGX, Name: "pgx", Imports: []string{pkgPGX, pkgPool}, Forks: pgxV4Forks, Opaque: []string{"github.com/jackc/"},
	Store: StoreSQL, Builder: BuilderSQL, Dialect: DialectPostgres, Methods: pgx,
	TxTypes:   []string{"Tx", pkgPool + ".Tx"},
	PoolTypes: []string{pkgPool + ".Pool"},
	Sentinels: []SentinelVar{{pkgPGX, "ErrNoRows", NotFound}},
	Shape:     &Shape{Results: []string{pkgPGX, pkgConn}, Pkg: pkgPGX, Recv: "Conn"},
}

// pgx is the table for pgx v5 and pgxpool (and v4, read as v5). pgx.Tx, pgx.Row and pgx.Rows are
// interfaces, so their methods are matched on the interface type.
var pgx = func() []Method {
	var t []Method
	for _, r := range [][2]string{{pkgPGX, "Conn"}, {pkgPGX, "Tx"}, {pkgPool, "Pool"}, {pkgPool, "Conn"}, {pkgPool, "Tx"}} {
		t = append(t,
			Method{Pkg: r[0], Recv: r[1], Name: "Query", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: r[0], Recv: r[1], Name: "QueryRow", Role: RoleQuery, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: r[0], Recv: r[1], Name: "Exec", Role: RoleExec, SQL: 1, Args: 2, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: r[0], Recv: r[1], Name: "Begin", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: r[0], Recv: r[1], Name: "Commit", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
			Method{Pkg: r[0], Recv: r[1], Name: "Rollback", Role: RoleCommit, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		)
	}
	for _, r := range [][2]string{{pkgPGX, "Conn"}, {pkgPool, "Pool"}, {pkgPool, "Conn"}} {
		t = append(t, Method{Pkg: r[0], Recv: r[1], Name: "BeginTx", Role: RoleBegin, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: -1, Key: -1, Field: -1, Value: -1})
		// pgx v4 only: pool.BeginTxFunc(ctx, opts, func(tx pgx.Tx) error).
		t = append(t, Method{Pkg: r[0], Recv: r[1], Name: "BeginTxFunc", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: 1, Func: 2, Key: -1, Field: -1, Value: -1})
	}
	for _, r := range [][2]string{{pkgPGX, "Conn"}, {pkgPGX, "Tx"}, {pkgPool, "Pool"}, {pkgPool, "Conn"}, {pkgPool, "Tx"}} {
		// pgx v4 only: pool.BeginFunc(ctx, func(tx pgx.Tx) error).
		t = append(t, Method{Pkg: r[0], Recv: r[1], Name: "BeginFunc", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: 1, Key: -1, Field: -1, Value: -1})
	}
	t = append(t,
		Method{Pkg: pkgPGX, Recv: "Row", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Recv: "Rows", Name: "Scan", Role: RoleScan, SQL: -1, Args: 0, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Recv: "Rows", Name: "Values", Role: RoleScan, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Recv: "Rows", Name: "Next", Role: RoleNext, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgConn, Recv: "CommandTag", Name: "RowsAffected", Role: RoleAffected, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		// Collect helpers observe the rows passed as their first argument.
		Method{Pkg: pkgPGX, Name: "CollectOneRow", Role: RoleScan, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Name: "CollectExactlyOneRow", Role: RoleScan, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Name: "CollectRows", Role: RoleScan, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Name: "AppendRows", Role: RoleScan, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Name: "ForEachRow", Role: RoleScan, SQL: -1, Args: 1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Name: "BeginFunc", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: 2, Key: -1, Field: -1, Value: -1},
		Method{Pkg: pkgPGX, Name: "BeginTxFunc", Role: RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: 2, Func: 3, Key: -1, Field: -1, Value: -1},
	)
	return t
}()
