package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClient is a minimal LSP client: it frames what it sends, reads the
// server's frames with its own parser (not the server's), matches
// responses to requests by id and records notifications.
type testClient struct {
	t *testing.T
	w io.Writer

	mu      sync.Mutex
	cond    *sync.Cond
	nextID  int
	resps   map[string]*message // by id
	notes   []*message
	readErr error
}

func newTestClient(t *testing.T, w io.Writer, r io.Reader) *testClient {
	c := &testClient{t: t, w: w, resps: map[string]*message{}}
	c.cond = sync.NewCond(&c.mu)
	go c.readLoop(bufio.NewReader(r))
	return c
}

func (c *testClient) readLoop(r *bufio.Reader) {
	for {
		body, err := readFrame(r)
		c.mu.Lock()
		if err != nil {
			c.readErr = err
			c.cond.Broadcast()
			c.mu.Unlock()
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.readErr = fmt.Errorf("server sent bad JSON %q: %v", body, err)
		} else if m.Method != "" {
			c.notes = append(c.notes, &m)
		} else {
			c.resps[string(m.ID)] = &m
		}
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// readFrame reads one message, insisting on exactly the framing the
// server is meant to write.
func readFrame(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	v, ok := strings.CutPrefix(line, "Content-Length: ")
	if !ok || !strings.HasSuffix(v, "\r\n") {
		return nil, fmt.Errorf("bad header line %q", line)
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, "\r\n"))
	if err != nil {
		return nil, err
	}
	if blank, err := r.ReadString('\n'); err != nil || blank != "\r\n" {
		return nil, fmt.Errorf("want an empty line after the header, got %q (%v)", blank, err)
	}
	body := make([]byte, n)
	_, err = io.ReadFull(r, body)
	return body, err
}

func (c *testClient) sendRaw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.w, s); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *testClient) send(v any) {
	c.t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendRaw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(data), data))
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// call sends a request and waits for its response.
func (c *testClient) call(method string, params any) *message {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return c.response(strconv.Itoa(id))
}

// response waits for the response with the given JSON id.
func (c *testClient) response(id string) *message {
	c.t.Helper()
	var m *message
	c.wait(func() bool {
		m = c.resps[id]
		return m != nil
	}, "response "+id)
	return m
}

// mark returns a cursor for waitNote: notifications before it are not
// considered.
func (c *testClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

// waitNote waits for a notification after since with the method whose
// params satisfy match, decoded into params.
func (c *testClient) waitNote(since int, method string, params any, match func() bool) {
	c.t.Helper()
	c.wait(func() bool {
		for _, m := range c.notes[since:] {
			if m.Method != method {
				continue
			}
			if err := json.Unmarshal(m.Params, params); err != nil {
				c.t.Errorf("%s: %v", method, err)
				continue
			}
			if match == nil || match() {
				return true
			}
		}
		return false
	}, method)
}

// publishedFor waits for the next publishDiagnostics of uri after since.
func (c *testClient) publishedFor(since int, uri string) PublishDiagnosticsParams {
	c.t.Helper()
	var p PublishDiagnosticsParams
	c.waitNote(since, "textDocument/publishDiagnostics", &p, func() bool { return p.URI == uri })
	return p
}

const waitTimeout = 2 * time.Minute

// wait blocks, with c.mu held while cond runs, until cond holds.
func (c *testClient) wait(cond func() bool, what string) {
	c.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	timer := time.AfterFunc(waitTimeout, func() {
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	})
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for !cond() {
		if c.readErr != nil {
			c.t.Fatalf("waiting for %s: reading from the server: %v\n%s", what, c.readErr, c.logLocked())
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s\n%s", what, c.logLocked())
		}
		c.cond.Wait()
	}
}

// logLocked renders the notifications received, for failure messages.
func (c *testClient) logLocked() string {
	var sb strings.Builder
	for _, m := range c.notes {
		fmt.Fprintf(&sb, "  %s %s\n", m.Method, m.Params)
	}
	return sb.String()
}

func (c *testClient) logs() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.logLocked()
}
