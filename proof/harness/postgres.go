// Package harness runs racelint's proof scenarios against a real
// PostgreSQL: it starts a throwaway server, forces the interleaving that
// makes a check-then-act race show (a barrier between the read and the
// write of every caller), runs plain high-concurrency loads, and counts the
// anomalies each scenario defines.
package harness

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// ErrNoPostgres says the PostgreSQL server binaries were not found.
var ErrNoPostgres = errors.New("PostgreSQL server binaries (initdb, pg_ctl) not found")

// Server is a throwaway PostgreSQL cluster on a loopback port.
type Server struct {
	Dir    string // temp dir: data directory, socket and log
	Port   int
	DSN    string // URL of the test database
	bin    string // directory of initdb and pg_ctl
	asUser []string
	log    string
}

// pgBinDirs are searched after PATH for initdb and pg_ctl (Debian keeps
// them under /usr/lib/postgresql/<major>/bin, off PATH).
func pgBinDirs() []string {
	var dirs []string
	if p, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// newest major first
	for i := len(matches) - 1; i >= 0; i-- {
		dirs = append(dirs, matches[i])
	}
	return dirs
}

// FindBinaries returns the directory holding initdb and pg_ctl.
func FindBinaries() (string, error) {
	for _, d := range pgBinDirs() {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

// InstallPostgres installs Debian's postgresql package (CI only).
func InstallPostgres() error {
	var out bytes.Buffer
	for _, args := range [][]string{{"update"}, {"install", "-y", "--no-install-recommends", "postgresql"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
	return nil
}

func isExec(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// Start initialises a cluster in a new temp dir and starts it on a free
// loopback port with fsync off. As root, initdb and pg_ctl run as the
// unprivileged user "nobody" (initdb refuses to run as root).
func Start(ctx context.Context) (*Server, error) {
	bin, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "racelint-proof-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, bin: bin, log: filepath.Join(dir, "postgres.log")}
	ok := false
	defer func() {
		if !ok {
			_ = os.RemoveAll(dir)
		}
	}()
	if os.Geteuid() == 0 {
		if s.asUser, err = dropPrivileges(dir); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run(ctx, "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	for attempt := 0; ; attempt++ {
		if s.Port, err = freePort(); err != nil {
			return nil, err
		}
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB", s.Port, dir)
		out, err := s.run(ctx, "pg_ctl", "-D", data, "-o", opts, "-l", s.log, "-w", "-t", "60", "start")
		if err == nil {
			break
		}
		logText, _ := os.ReadFile(s.log)
		if attempt < 3 && bytes.Contains(logText, []byte("could not bind")) {
			continue // the port was taken between freePort and the bind
		}
		return nil, fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, logText)
	}
	admin, err := sql.Open("pgx", s.url("postgres"))
	if err != nil {
		_ = s.Stop()
		return nil, err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE proof`); err != nil {
		_ = s.Stop()
		return nil, fmt.Errorf("create database: %w", err)
	}
	s.DSN = s.url("proof")
	ok = true
	return s, nil
}

func (s *Server) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, db)
}

// Stop stops the server (fast shutdown) and removes its directory.
func (s *Server) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := s.run(ctx, "pg_ctl", "-D", filepath.Join(s.Dir, "data"), "-m", "fast", "-w", "stop")
	if rmErr := os.RemoveAll(s.Dir); err == nil && rmErr != nil {
		return rmErr
	}
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

// Log returns the server log so far (for failure messages).
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

func (s *Server) run(ctx context.Context, tool string, args ...string) (string, error) {
	argv := append(append([]string(nil), s.asUser...), filepath.Join(s.bin, tool))
	argv = append(argv, args...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = s.Dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// dropPrivileges gives dir to an unprivileged user ("nobody", or a
// dedicated system user "racelint" created with useradd where there is no
// "nobody") and returns the command prefix that runs a program as that
// user: runuser, else setpriv (su is not used: it takes one shell string).
func dropPrivileges(dir string) ([]string, error) {
	name := "nobody"
	u, err := user.Lookup(name)
	if err != nil {
		// No "nobody": create a dedicated system user.
		name = "racelint"
		if u, err = user.Lookup(name); err != nil {
			if out, err := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name).CombinedOutput(); err != nil {
				return nil, fmt.Errorf("useradd %s: %v\n%s", name, err, out)
			}
			if u, err = user.Lookup(name); err != nil {
				return nil, err
			}
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	if p, err := exec.LookPath("runuser"); err == nil {
		return []string{p, "-u", name, "--"}, nil
	}
	if p, err := exec.LookPath("setpriv"); err == nil {
		return []string{p, "--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", "--"}, nil
	}
	return nil, fmt.Errorf("running as root and neither runuser nor setpriv is available to run initdb as %s", name)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
