package harness

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
)

// ErrNoMariaDB says the MariaDB server binaries were not found.
var ErrNoMariaDB = errors.New("MariaDB server binaries (mariadb-install-db, mariadbd) not found")

// MariaDB is a throwaway MariaDB server on a loopback port.
type MariaDB struct {
	Dir     string // temp dir: data directory, socket, pid file and log
	Port    int
	DSN     string // go-sql-driver/mysql DSN of the database "proof"
	Version string
	cmd     *exec.Cmd
	log     string
}

func findMariaDB() (installDB, server string, err error) {
	installDB, err1 := exec.LookPath("mariadb-install-db")
	server, err2 := exec.LookPath("mariadbd")
	if err2 != nil && isExec("/usr/sbin/mariadbd") {
		server, err2 = "/usr/sbin/mariadbd", nil
	}
	if err1 != nil || err2 != nil {
		return "", "", ErrNoMariaDB
	}
	return installDB, server, nil
}

// FindMariaDB reports whether the MariaDB server binaries are installed.
func FindMariaDB() error { _, _, err := findMariaDB(); return err }

// InstallMariaDB installs Debian's mariadb-server package (CI only).
func InstallMariaDB() error { return aptInstall("mariadb-server") }

// aptInstall installs a Debian package with apt-get, through sudo -n
// when not root (a CI runner's user usually has passwordless sudo; -n
// makes a password prompt an error instead of a hang).
func aptInstall(pkg string) error {
	var out bytes.Buffer
	var prefix []string
	if os.Geteuid() != 0 {
		prefix = []string{"sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"}
	}
	for _, args := range [][]string{{"update"}, {"install", "-y", "--no-install-recommends", pkg}} {
		argv := append(append(append([]string(nil), prefix...), "apt-get"), args...)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
	return nil
}

// StartMariaDB initialises a data directory in a new temp dir and starts
// mariadbd on a free loopback port (root without password, no binary log,
// innodb_flush_log_at_trx_commit=0). As root it runs as "nobody", like the
// PostgreSQL server.
func StartMariaDB(ctx context.Context) (*MariaDB, error) {
	installDB, server, err := findMariaDB()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "racelint-proof-mariadb-")
	if err != nil {
		return nil, err
	}
	m := &MariaDB{Dir: dir, log: filepath.Join(dir, "mariadb.log")}
	ok := false
	defer func() {
		if !ok {
			m.kill()
			_ = os.RemoveAll(dir)
		}
	}()
	var prefix []string
	if os.Geteuid() == 0 {
		if prefix, err = dropPrivileges(dir); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	argv := append(append([]string(nil), prefix...), installDB, "--no-defaults", "--datadir="+data,
		"--auth-root-authentication-method=normal", "--skip-test-db")
	install := exec.CommandContext(ctx, argv[0], argv[1:]...)
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("mariadb-install-db: %v\n%s", err, out)
	}
	for attempt := 0; ; attempt++ {
		if m.Port, err = freePort(); err != nil {
			return nil, err
		}
		argv := append(append([]string(nil), prefix...), server, "--no-defaults",
			"--datadir="+data, "--socket="+filepath.Join(dir, "mariadb.sock"),
			"--pid-file="+filepath.Join(dir, "mariadb.pid"), "--log-error="+m.log,
			fmt.Sprintf("--port=%d", m.Port), "--bind-address=127.0.0.1", "--skip-name-resolve",
			"--innodb-flush-log-at-trx-commit=0", "--skip-log-bin", "--max-connections=300",
			"--innodb-buffer-pool-size=64M", "--innodb-lock-wait-timeout=30")
		m.cmd = exec.Command(argv[0], argv[1:]...)
		m.cmd.Dir = dir
		m.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := m.cmd.Start(); err != nil {
			return nil, fmt.Errorf("mariadbd: %w", err)
		}
		exited := make(chan error, 1)
		go func(c *exec.Cmd) { exited <- c.Wait() }(m.cmd)
		m.DSN = fmt.Sprintf("root@tcp(127.0.0.1:%d)/?parseTime=true&loc=UTC", m.Port)
		var up bool
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) && !up {
			select {
			case <-exited:
				m.cmd = nil
				deadline = time.Time{}
				continue
			case <-time.After(200 * time.Millisecond):
			}
			db, err := sql.Open("mysql", m.DSN)
			if err == nil {
				err = db.PingContext(ctx)
				if err == nil {
					err = db.QueryRowContext(ctx, `SELECT VERSION()`).Scan(&m.Version)
				}
				if err == nil {
					_, err = db.ExecContext(ctx, `CREATE DATABASE proof`)
				}
				_ = db.Close()
				up = err == nil
			}
		}
		if up {
			break
		}
		logText, _ := os.ReadFile(m.log)
		m.kill()
		if attempt < 3 && bytes.Contains(logText, []byte("bind")) {
			continue
		}
		return nil, fmt.Errorf("mariadbd did not come up\n%s", logText)
	}
	m.DSN = fmt.Sprintf("root@tcp(127.0.0.1:%d)/proof?parseTime=true&loc=UTC", m.Port)
	ok = true
	return m, nil
}

func (m *MariaDB) kill() {
	if m.cmd != nil && m.cmd.Process != nil {
		_ = m.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() {
			for i := 0; i < 300; i++ {
				if m.cmd.Process.Signal(syscall.Signal(0)) != nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			close(done)
		}()
		<-done
		_ = m.cmd.Process.Kill()
		m.cmd = nil
	}
}

// Stop stops mariadbd and removes its directory.
func (m *MariaDB) Stop() error {
	m.kill()
	return os.RemoveAll(m.Dir)
}

// Log returns the server's error log so far.
func (m *MariaDB) Log() string {
	b, _ := os.ReadFile(m.log)
	return string(b)
}

// IsMySQLDeadlock reports MySQL/MariaDB error 1213 (deadlock; SQLSTATE 40001)
// or 1205 (lock wait timeout) in err's chain.
func IsMySQLDeadlock(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1213 || me.Number == 1205)
}

// isMySQL says whether db talks to MySQL/MariaDB (go-sql-driver/mysql).
func isMySQL(db *sql.DB) bool {
	_, ok := db.Driver().(*mysql.MySQLDriver)
	return ok
}

// MySQLSchema is Schema in MariaDB's dialect.
var MySQLSchema = []string{
	`CREATE TABLE emails (id BIGINT AUTO_INCREMENT PRIMARY KEY, tracking_id VARCHAR(191) NOT NULL UNIQUE, opened_at DATETIME(6) NULL)`,
	`CREATE TABLE leads (id BIGINT AUTO_INCREMENT PRIMARY KEY, owner_id BIGINT NULL, claimed_at DATETIME(6) NULL)`,
	`CREATE TABLE jobs (id BIGINT AUTO_INCREMENT PRIMARY KEY, queue VARCHAR(191) NOT NULL, status VARCHAR(32) NOT NULL DEFAULT 'pending', started_at DATETIME(6) NULL, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), KEY jobs_queue_status (queue, status, created_at))`,
	`CREATE TABLE plain_events (id BIGINT AUTO_INCREMENT PRIMARY KEY, dedup_key VARCHAR(191) NOT NULL, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))`,
	`CREATE TABLE events (id BIGINT AUTO_INCREMENT PRIMARY KEY, dedup_key VARCHAR(191) NOT NULL UNIQUE, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))`,
	`CREATE TABLE counters (id BIGINT AUTO_INCREMENT PRIMARY KEY, hits BIGINT NOT NULL DEFAULT 0)`,
	`CREATE TABLE accounts (id BIGINT AUTO_INCREMENT PRIMARY KEY, balance BIGINT NOT NULL)`,
	`CREATE TABLE plain_contacts (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(191) NOT NULL, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))`,
	`CREATE TABLE contacts (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(191) NOT NULL UNIQUE, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))`,
}
