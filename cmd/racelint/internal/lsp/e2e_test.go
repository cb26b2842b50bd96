package lsp

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/racelint/racelint/internal/testfixture"
)

// TestBinary builds the racelint command and speaks to `racelint lsp`
// over its stdin and stdout.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the racelint binary")
	}
	bin := testfixture.Racelint(t)
	root := testfixture.WriteModule(t, map[string]string{"emails.go": emailsGo})

	cmd := exec.Command(bin, "lsp", "--stdio")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	stopped := make(chan struct{})
	go func() {
		exited <- cmd.Wait()
		close(stopped)
	}()
	t.Cleanup(func() {
		stdin.Close()
		select {
		case <-stopped:
		case <-time.After(time.Minute):
			cmd.Process.Kill()
		}
	})
	c := newTestClient(t, stdin, stdout)

	res := initialize(t, c, root, nil)
	if res.ServerInfo.Name != "racelint" || res.Capabilities.PositionEncoding != "utf-16" {
		t.Errorf("initialize: %+v", res)
	}
	file := filepath.Join(root, "emails.go")
	uri := pathToURI(file)
	mark := c.mark()
	open(c, file, emailsGo)
	p := c.publishedFor(mark, uri)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "RL001" ||
		p.Diagnostics[0].Range.Start != position(t, emailsGo, "s.db.ExecContext") {
		t.Errorf("diagnostics: %+v", p.Diagnostics)
	}

	if resp := c.call("shutdown", nil); resp.Error != nil {
		t.Fatalf("shutdown: %v", resp.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("racelint lsp: %v\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("racelint lsp did not exit")
	}
	if s := stderr.String(); strings.TrimSpace(s) != "" {
		t.Errorf("stderr: %s", s)
	}
}

// TestPanicRecovered: a panic in a handler becomes an InternalError and a
// logMessage, and the server goes on.
func TestPanicRecovered(t *testing.T) {
	var out, stderr bytes.Buffer
	s := &server{conn: newConn(strings.NewReader(""), &out), opts: Options{Stderr: &stderr}}
	err := s.protect("textDocument/codeAction", func() error { panic("boom") })
	re, ok := err.(*rpcError)
	if !ok || re.Code != codeInternalError || !strings.Contains(re.Message, "boom") {
		t.Errorf("protect: %v", err)
	}
	if !strings.Contains(stderr.String(), "panic in textDocument/codeAction: boom") {
		t.Errorf("stderr: %s", stderr.String())
	}
	_, body, _ := strings.Cut(out.String(), "\r\n\r\n")
	var m message
	if err := json.Unmarshal([]byte(body), &m); err != nil || m.Method != "window/logMessage" {
		t.Errorf("notification %q: %v", out.String(), err)
	}
}
