package proof_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/gobuffalo/pop/v6"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/racelint/racelint/proof/harness"
	"github.com/racelint/racelint/proof/scenarios/bunproof"
	"github.com/racelint/racelint/proof/scenarios/entproof"
	"github.com/racelint/racelint/proof/scenarios/entproof/ent"
	"github.com/racelint/racelint/proof/scenarios/gormproof"
	"github.com/racelint/racelint/proof/scenarios/pgxproof"
	"github.com/racelint/racelint/proof/scenarios/popproof"
	"github.com/racelint/racelint/proof/scenarios/sqlproof"
	"github.com/racelint/racelint/proof/scenarios/sqlxproof"
	"github.com/racelint/racelint/proof/scenarios/sqproof"
)

// env is the PostgreSQL server and the clients of every library, shared by
// the tests; nil (with skipReason set) when there is no PostgreSQL.
var env *testEnv

var skipReason string

type testEnv struct {
	server *harness.Server
	admin  *sql.DB
	stores map[string]store // by library name
}

// poolSize covers the stress runs' 32 concurrent callers (a transaction
// holds one connection) with room to spare; six libraries plus the admin
// pool stay under the server's max_connections.
const poolSize = 48

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ci := os.Getenv("CI") == "true"
	if _, err := harness.FindBinaries(); err != nil && ci {
		fmt.Fprintln(os.Stderr, "proof: PostgreSQL not found; CI=true: installing Debian's postgresql package")
		if err := harness.InstallPostgres(); err != nil {
			fmt.Fprintf(os.Stderr, "proof: %v\n", err)
			return 1
		}
	}
	if _, err := harness.FindBinaries(); err != nil {
		if ci {
			fmt.Fprintf(os.Stderr, "proof: %v (CI=true: the proof suite must run in CI)\n", err)
			return 1
		}
		skipReason = "\n" +
			"********************************************************************\n" +
			"* SKIPPING the PostgreSQL proof: initdb/pg_ctl were not found.      *\n" +
			"* No race was reproduced and no fix was shown to remove one.       *\n" +
			"* Install PostgreSQL (apt-get install postgresql) or set CI=true.  *\n" +
			"********************************************************************"
		fmt.Fprintln(os.Stderr, skipReason)
		return m.Run()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := harness.Start(ctx)
	if err != nil {
		fmt.Fprintf(os.Stderr, "proof: starting PostgreSQL: %v\n", err)
		return 1
	}
	defer func() {
		if err := srv.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "proof: stopping PostgreSQL: %v\n", err)
		}
	}()
	e, err := connect(ctx, srv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "proof: %v\n%s\n", err, srv.Log())
		return 1
	}
	env = e
	code := m.Run()
	e.close()
	if code == 0 && os.Getenv(fixedEnv) == "" {
		if err := publishResults(); err != nil {
			fmt.Fprintf(os.Stderr, "proof: %v\n", err)
			code = 1
		}
	}
	return code
}

func connect(ctx context.Context, srv *harness.Server) (*testEnv, error) {
	admin, err := sql.Open("pgx", srv.DSN)
	if err != nil {
		return nil, err
	}
	admin.SetMaxOpenConns(8)
	if _, err := admin.ExecContext(ctx, harness.Schema); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	e := &testEnv{server: srv, admin: admin, stores: map[string]store{}}

	sqlDB, err := sql.Open("pgx", srv.DSN)
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(poolSize)
	sqlDB.SetMaxIdleConns(poolSize)
	e.stores["database/sql"] = sqlproof.New(sqlDB)

	sqlxDB, err := sqlx.Open("pgx", srv.DSN)
	if err != nil {
		return nil, err
	}
	sqlxDB.SetMaxOpenConns(poolSize)
	sqlxDB.SetMaxIdleConns(poolSize)
	e.stores["sqlx"] = sqlxproof.New(sqlxDB)

	cfg, err := pgxpool.ParseConfig(srv.DSN)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = poolSize
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	e.stores["pgx"] = pgxproof.New(pool)

	gdb, err := gorm.Open(postgres.Open(srv.DSN), &gorm.Config{Logger: logger.Default.LogMode(logger.Silent)})
	if err != nil {
		return nil, err
	}
	gsql, err := gdb.DB()
	if err != nil {
		return nil, err
	}
	gsql.SetMaxOpenConns(poolSize)
	gsql.SetMaxIdleConns(poolSize)
	gs, err := gormproof.New(gdb)
	if err != nil {
		return nil, err
	}
	e.stores["GORM"] = gs

	// bun over database/sql with pgx's stdlib driver: its driver errors
	// are *pgconn.PgError, as for the other libraries.
	bunSQL, err := sql.Open("pgx", srv.DSN)
	if err != nil {
		return nil, err
	}
	bunSQL.SetMaxOpenConns(poolSize)
	bunSQL.SetMaxIdleConns(poolSize)
	e.stores["bun"] = bunproof.New(bun.NewDB(bunSQL, pgdialect.New()))

	sqDB, err := sql.Open("pgx", srv.DSN)
	if err != nil {
		return nil, err
	}
	sqDB.SetMaxOpenConns(poolSize)
	sqDB.SetMaxIdleConns(poolSize)
	e.stores["squirrel"] = sqproof.New(sqDB)

	entSQL, err := sql.Open("pgx", srv.DSN)
	if err != nil {
		return nil, err
	}
	entSQL.SetMaxOpenConns(poolSize)
	entSQL.SetMaxIdleConns(poolSize)
	e.stores["ent"] = entproof.New(ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, entSQL))))

	popDB, err := pop.NewConnection(&pop.ConnectionDetails{Dialect: "postgres", URL: srv.DSN, Pool: poolSize, IdlePool: poolSize})
	if err != nil {
		return nil, err
	}
	if err := popDB.Open(); err != nil {
		return nil, err
	}
	e.stores["pop"] = popproof.New(popDB)
	return e, nil
}

func (e *testEnv) close() {
	_ = e.admin.Close()
	// The library pools close with the process; the server is stopped next.
}

func needDB(t *testing.T) *testEnv {
	t.Helper()
	if env == nil {
		if skipReason == "" {
			t.Fatal("PostgreSQL environment not set up")
		}
		t.Skip(skipReason)
	}
	return env
}
