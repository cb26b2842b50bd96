package harness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrNoRedis says the Redis server binary was not found.
var ErrNoRedis = errors.New("Redis server binary (redis-server) not found")

// Redis is a throwaway redis-server on a loopback port, with no
// persistence: nothing of it outlives Stop.
type Redis struct {
	Dir     string // temp dir: working directory and log
	Port    int
	Addr    string // host:port for redis.Options.Addr
	Version string
	cmd     *exec.Cmd
	exited  chan struct{}
	log     string
}

func findRedis() (string, error) {
	if p, err := exec.LookPath("redis-server"); err == nil {
		return p, nil
	}
	// Debian installs it in /usr/bin, but a PATH without it (a minimal
	// CI environment) must not turn an installed server into a skip.
	for _, p := range []string{"/usr/bin/redis-server", "/usr/local/bin/redis-server"} {
		if isExec(p) {
			return p, nil
		}
	}
	return "", ErrNoRedis
}

// FindRedis reports whether redis-server is installed.
func FindRedis() error { _, err := findRedis(); return err }

// StartRedis starts redis-server in a new temp dir on a free loopback
// port, with RDB snapshots and the append-only file off (--save ""
// --appendonly no): the proof needs a server, not durability, and a
// snapshot would only slow the trials and leave files behind. Redis does
// not refuse to run as root, so unlike PostgreSQL it keeps the caller's
// user.
func StartRedis(ctx context.Context) (*Redis, error) {
	server, err := findRedis()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "racelint-proof-redis-")
	if err != nil {
		return nil, err
	}
	r := &Redis{Dir: dir, log: filepath.Join(dir, "redis.log")}
	ok := false
	defer func() {
		if !ok {
			r.kill()
			_ = os.RemoveAll(dir)
		}
	}()
	for attempt := 0; ; attempt++ {
		if r.Port, err = freePort(); err != nil {
			return nil, err
		}
		r.Addr = fmt.Sprintf("127.0.0.1:%d", r.Port)
		// No config file: the defaults plus these. --daemonize no keeps it
		// our child so Stop can signal it and nothing is left running.
		r.cmd = exec.Command(server,
			"--port", fmt.Sprint(r.Port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no",
			"--dir", dir, "--logfile", r.log, "--daemonize", "no",
			"--databases", "1", "--maxclients", "1000")
		r.cmd.Dir = dir
		r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := r.cmd.Start(); err != nil {
			return nil, fmt.Errorf("redis-server: %w", err)
		}
		r.exited = make(chan struct{})
		go func(c *exec.Cmd, done chan struct{}) { _ = c.Wait(); close(done) }(r.cmd, r.exited)
		up, err := r.waitUp(ctx)
		if up {
			break
		}
		logText, _ := os.ReadFile(r.log)
		r.kill()
		if attempt < 3 && bytes.Contains(logText, []byte("Address already in use")) {
			continue // the port was taken between freePort and the bind
		}
		return nil, fmt.Errorf("redis-server did not come up: %v\n%s", err, logText)
	}
	ok = true
	return r, nil
}

// waitUp pings the server until it answers (and reads its version), it
// exits, or 30 s pass.
func (r *Redis) waitUp(ctx context.Context) (bool, error) {
	c := redis.NewClient(&redis.Options{Addr: r.Addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	var err error
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-r.exited:
			return false, errors.New("redis-server exited")
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		var info string
		if info, err = c.Info(ctx, "server").Result(); err == nil {
			for _, line := range strings.Split(info, "\n") {
				if v, found := strings.CutPrefix(strings.TrimSpace(line), "redis_version:"); found {
					r.Version = v
				}
			}
			return true, nil
		}
	}
	return false, err
}

func (r *Redis) kill() {
	if r.cmd == nil || r.cmd.Process == nil {
		return
	}
	// SIGTERM: with no save points configured the server exits at once
	// without writing a snapshot.
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.exited:
	case <-time.After(10 * time.Second):
		_ = r.cmd.Process.Kill()
		<-r.exited
	}
	r.cmd = nil
}

// Stop stops redis-server and removes its directory.
func (r *Redis) Stop() error {
	r.kill()
	return os.RemoveAll(r.Dir)
}

// Log returns the server's log so far.
func (r *Redis) Log() string {
	b, _ := os.ReadFile(r.log)
	return string(b)
}

// InstallRedis installs Debian's redis-server package (CI only). The
// package's post-install may start a system redis-server on 6379; the
// proof never uses it (it starts its own on a free port).
func InstallRedis() error { return aptInstall("redis-server") }
