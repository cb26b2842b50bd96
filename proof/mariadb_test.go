package proof_test

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // database/sql driver "mysql"

	"github.com/jmoiron/sqlx"
	"github.com/racelint/racelint/proof/harness"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"xorm.io/xorm"

	"github.com/racelint/racelint/proof/scenarios/gormmyproof"
	"github.com/racelint/racelint/proof/scenarios/sqlmyproof"
	"github.com/racelint/racelint/proof/scenarios/sqlxmyproof"
	"github.com/racelint/racelint/proof/scenarios/xormmyproof"
)

// TestMariaDBForcedInterleaving starts a throwaway MariaDB (Debian's
// mariadb-server; CI=true installs it when missing) and runs the forced
// interleaving over the database/sql + go-sql-driver/mysql scenarios:
// every racy variant shows at least one anomaly, every atomic twin none.
func TestMariaDBForcedInterleaving(t *testing.T) {
	ci := os.Getenv("CI") == "true"
	if err := harness.FindMariaDB(); err != nil {
		if !ci {
			t.Skip("\n*** SKIPPING the MariaDB proof: mariadb-install-db/mariadbd not found; no race was reproduced on MariaDB. apt-get install mariadb-server or set CI=true ***")
		}
		t.Log("MariaDB not found; CI=true: installing Debian's mariadb-server package")
		if err := harness.InstallMariaDB(); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv, err := harness.StartMariaDB(ctx)
	if err != nil {
		t.Fatalf("starting MariaDB: %v", err)
	}
	defer func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("stopping MariaDB: %v", err)
		}
	}()
	t.Logf("MariaDB %s on 127.0.0.1:%d", srv.Version, srv.Port)
	admin, err := sql.Open("mysql", srv.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	admin.SetMaxOpenConns(8)
	for _, stmt := range harness.MySQLSchema {
		if _, err := admin.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("schema: %v\n%s", err, srv.Log())
		}
	}
	db, err := sql.Open("mysql", srv.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(poolSize)
	db.SetMaxIdleConns(poolSize)
	xdb := sqlx.NewDb(db, "mysql")
	cases := append(casesFor(mariaDB, "database/sql", sqlmyproof.New(db)), casesFor(mariaDB, "sqlx", sqlxmyproof.New(xdb))...)
	gdb, err := gorm.Open(mysql.Open(srv.DSN), &gorm.Config{Logger: logger.Default.LogMode(logger.Silent)})
	if err != nil {
		t.Fatal(err)
	}
	gsql, err := gdb.DB()
	if err != nil {
		t.Fatal(err)
	}
	defer gsql.Close()
	gsql.SetMaxOpenConns(poolSize)
	gplain, err := gorm.Open(mysql.New(mysql.Config{DSN: srv.DSN, DisableWithReturning: true}), &gorm.Config{Logger: logger.Default.LogMode(logger.Silent)})
	if err != nil {
		t.Fatal(err)
	}
	gplainSQL, err := gplain.DB()
	if err != nil {
		t.Fatal(err)
	}
	defer gplainSQL.Close()
	gplainSQL.SetMaxOpenConns(poolSize)
	gs, err := gormmyproof.New(gdb, gplain)
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, casesFor(mariaDB, "GORM", gs)...)
	engine, err := xorm.NewEngine("mysql", srv.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	engine.SetMaxOpenConns(poolSize)
	cases = append(cases, xormCases(xormmyproof.New(engine))...)
	for _, c := range cases {
		t.Run("MariaDB/"+c.dir+"/"+c.fn, func(t *testing.T) {
			res, err := harness.Forced(context.Background(), admin, c.sc, forcedCallers, barrierTimeout)
			if err != nil {
				t.Fatal(err)
			}
			record(results.forced, c, res)
			t.Logf("MariaDB, %s, %s %s: %v", c.scenario, c.lib, c.fn, res)
			if len(res.Errors) > 0 {
				t.Fatalf("unexpected errors: %v", res.Errors)
			}
			if fixed()[key(c)] {
				// A copy rewritten by racelint -fix (TestFixesRemoveTheRace).
				if res.Anomalies != 0 {
					t.Errorf("%s (%s), rewritten by its suggested fix, still shows %d anomalies on MariaDB: %v", c.fn, c.rule, res.Anomalies, res)
				}
				return
			}
			if c.races() && res.Anomalies == 0 {
				t.Errorf("racy %s (%s) showed no anomaly on MariaDB under the forced interleaving: %v", c.fn, c.rule, res)
			}
			if !c.races() && res.Anomalies != 0 {
				t.Errorf("atomic %s showed %d anomalies on MariaDB under the forced interleaving: %v", c.fn, res.Anomalies, res)
			}
		})
	}
	// The same cases unforced: no atomic twin may show an anomaly; the
	// racy counts are recorded for the table. The copy racelint -fix
	// rewrote needs only the forced run.
	if os.Getenv(fixedEnv) != "" {
		return
	}
	for _, c := range cases {
		if !hasUnforcedRun(c) {
			continue
		}
		t.Run("MariaDB-unforced/"+c.dir+"/"+c.fn, func(t *testing.T) {
			res, err := harness.Stress(context.Background(), admin, c.sc, stressCallers, stressIters, stressMaxDur)
			if err != nil {
				t.Fatal(err)
			}
			record(results.stress, c, res)
			t.Logf("MariaDB, %s, %s %s: %v", c.scenario, c.lib, c.fn, res)
			if len(res.Errors) > 0 {
				t.Fatalf("unexpected errors: %v", res.Errors)
			}
			if !c.races() && res.Anomalies != 0 {
				t.Errorf("atomic %s showed %d anomalies on MariaDB under %d×%d concurrent calls: %v", c.fn, res.Anomalies, stressCallers, stressIters, res)
			}
		})
	}
}

// hasUnforcedRun says whether case c runs unforced. On MariaDB the
// Serializable twins do not: 32 callers under InnoDB's SERIALIZABLE
// deadlock so often that a loaded machine exhausts their retry budget
// (an error, not an anomaly), so the unforced run would prove nothing.
func hasUnforcedRun(c proofCase) bool {
	if c.db == redisDB {
		return !forcedOnly[c.scenario]
	}
	return !(c.db == mariaDB && strings.HasPrefix(c.fn, "WithdrawSerializable"))
}
