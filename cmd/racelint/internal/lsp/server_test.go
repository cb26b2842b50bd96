package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/racelint/racelint/internal/testfixture"
)

// emailsGo is a check-then-update race (RL001). The comments with
// multi-byte characters before the calls make UTF-16 columns differ from
// byte columns.
const emailsGo = `package m

import (
	"context"
	"database/sql"
	"time"
)

type Service struct{ db *sql.DB }

// RecordOpen marks an email opened: «première» ouverture.
func (s *Service) RecordOpen(ctx context.Context, trackingID string) error {
	var id int64
	var openedAt sql.NullTime
	err := /* ü */ s.db.QueryRowContext(ctx, ` + "`SELECT id, opened_at FROM emails WHERE tracking_id = $1`" + `, trackingID).Scan(&id, &openedAt)
	if err != nil {
		return err
	}
	if openedAt.Valid {
		return nil
	}
	_, err = /* été → 𝄞 */ s.db.ExecContext(ctx, ` + "`UPDATE emails SET opened_at = $1 WHERE id = $2`" + `, time.Now(), id)
	return err
}
`

// jobsGo is an RL005 (a status checked inside a READ COMMITTED
// transaction), whose fix adds FOR UPDATE to the read.
const jobsGo = `package jobs

import (
	"context"
	"database/sql"
	"errors"
)

var errTaken = errors.New("taken")

type Service struct{ db *sql.DB }

func (s *Service) Start(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, "SELECT status FROM jobs WHERE id = $1", jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, ` + "`UPDATE jobs SET status = 'running' WHERE id = $1`" + `, jobID); err != nil {
		return err
	}
	return tx.Commit()
}
`

const cleanGo = `package clean

func Add(a, b int) int { return a + b }
`

// startServer runs Serve in-process over pipes.
func startServer(t *testing.T, opts Options) (*testClient, <-chan error) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	stopped := make(chan struct{})
	go func() {
		err := Serve(context.Background(), inR, outW, opts)
		outW.Close()
		done <- err
		close(stopped)
	}()
	t.Cleanup(func() {
		inW.Close() // EOF ends a server that was not told to exit
		select {
		case <-stopped:
		case <-time.After(time.Minute):
			t.Error("server did not stop")
		}
	})
	return newTestClient(t, inW, outR), done
}

// position is the LSP position of the first occurrence of sub in content,
// computed with unicode/utf16 rather than the server's code.
func position(t *testing.T, content, sub string) Position {
	t.Helper()
	i := strings.Index(content, sub)
	if i < 0 {
		t.Fatalf("%q not in content", sub)
	}
	before := content[:i]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndex(before, "\n")+1:]
	return Position{Line: line, Character: len(utf16.Encode([]rune(col)))}
}

func initialize(t *testing.T, c *testClient, root string, options any) InitializeResult {
	t.Helper()
	resp := c.call("initialize", map[string]any{
		"processId":             nil,
		"rootUri":               pathToURI(root),
		"capabilities":          map[string]any{},
		"initializationOptions": options,
	})
	if resp.Error != nil {
		t.Fatalf("initialize: %v", resp.Error)
	}
	var res InitializeResult
	if err := json.Unmarshal(resp.Result, &res); err != nil {
		t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return res
}

func open(c *testClient, path, content string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": pathToURI(path), "languageId": "go", "version": 1, "text": content,
	}})
}

func shutdown(t *testing.T, c *testClient, done <-chan error) {
	t.Helper()
	if resp := c.call("shutdown", nil); resp.Error != nil || string(resp.Result) != "null" {
		t.Fatalf("shutdown: result %s, error %v", resp.Result, resp.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("server did not exit")
	}
}

func TestDiagnostics(t *testing.T) {
	root := testfixture.WriteModule(t, map[string]string{"emails.go": emailsGo, "clean/clean.go": cleanGo})
	c, done := startServer(t, Options{Version: "test"})
	res := initialize(t, c, root, nil)
	if res.Capabilities.PositionEncoding != "utf-16" || res.Capabilities.TextDocumentSync.Change != SyncFull ||
		!res.Capabilities.TextDocumentSync.OpenClose || res.ServerInfo.Name != "racelint" ||
		len(res.Capabilities.CodeActionProvider.CodeActionKinds) != 1 || res.Capabilities.CodeActionProvider.CodeActionKinds[0] != "quickfix" {
		t.Errorf("capabilities: %+v", res)
	}

	file := filepath.Join(root, "emails.go")
	uri := pathToURI(file)
	mark := c.mark()
	open(c, file, emailsGo)
	p := c.publishedFor(mark, uri)
	if len(p.Diagnostics) != 1 {
		t.Fatalf("want 1 diagnostic, got %+v", p.Diagnostics)
	}
	d := p.Diagnostics[0]
	if d.Code != "RL001" || d.Source != "racelint" || d.Severity != SeverityError {
		t.Errorf("code %q source %q severity %d", d.Code, d.Source, d.Severity)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "docs/rules/RL001.md") {
		t.Errorf("codeDescription: %+v", d.CodeDescription)
	}
	if !strings.HasPrefix(d.Message, "RL001 check-then-update: s.db.ExecContext writes emails after") {
		t.Errorf("message: %s", d.Message)
	}
	// 25 UTF-16 units, 31 bytes: the byte column would be wrong.
	want := position(t, emailsGo, "s.db.ExecContext")
	if want != (Position{Line: 21, Character: 25}) {
		t.Fatalf("test is wrong: s.db.ExecContext at %+v", want)
	}
	if d.Range.Start != want {
		t.Errorf("range start %+v, want %+v", d.Range.Start, want)
	}
	if d.Range.End.Line != want.Line || d.Range.End.Character <= want.Character {
		t.Errorf("range end %+v", d.Range.End)
	}
	related := map[string]Location{}
	for _, r := range d.RelatedInformation {
		related[r.Message] = r.Location
	}
	for msg, sub := range map[string]string{"emails read here": "s.db.QueryRowContext", "checked here": "openedAt.Valid"} {
		loc, ok := related[msg]
		if !ok {
			t.Errorf("no related %q in %+v", msg, d.RelatedInformation)
			continue
		}
		if loc.URI != uri || loc.Range.Start != position(t, emailsGo, sub) {
			t.Errorf("related %q at %s %+v, want %+v", msg, loc.URI, loc.Range.Start, position(t, emailsGo, sub))
		}
	}

	// Another directory without findings: an empty list, not nothing.
	cleanFile := filepath.Join(root, "clean", "clean.go")
	mark = c.mark()
	open(c, cleanFile, cleanGo)
	if p := c.publishedFor(mark, pathToURI(cleanFile)); p.Diagnostics == nil || len(p.Diagnostics) != 0 {
		t.Errorf("clean file: %+v", p.Diagnostics)
	}

	// An unsaved edit that removes the race: analysed from the buffer
	// (overlay) after the debounce, and the diagnostic goes away.
	mark = c.mark()
	fixed := strings.Replace(emailsGo, "WHERE id = $2`, time.Now(), id)\n\treturn err",
		"WHERE id = $2 AND opened_at IS NULL`, time.Now(), id)\n\t_ = res\n\treturn err", 1)
	fixed = strings.Replace(fixed, "_, err = /*", "res, err := /*", 1)
	fixed = strings.Replace(fixed, "\terr := /* ü */", "\tvar err error\n\terr = /* ü */", 1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": fixed}},
	})
	p = c.publishedFor(mark, uri)
	for _, d := range p.Diagnostics {
		if d.Code == "RL001" {
			t.Errorf("after the edit: %+v", p.Diagnostics)
		}
	}

	shutdown(t, c, done)
}

func TestCodeAction(t *testing.T) {
	root := testfixture.WriteModule(t, map[string]string{"jobs/jobs.go": jobsGo})
	c, done := startServer(t, Options{})
	initialize(t, c, root, nil)
	file := filepath.Join(root, "jobs", "jobs.go")
	uri := pathToURI(file)
	mark := c.mark()
	open(c, file, jobsGo)
	p := c.publishedFor(mark, uri)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "RL005" {
		t.Fatalf("diagnostics: %+v", p.Diagnostics)
	}
	d := p.Diagnostics[0]

	codeAction := func(r Range, only ...string) []CodeAction {
		t.Helper()
		ctx := map[string]any{"diagnostics": []Diagnostic{}}
		if only != nil {
			ctx["only"] = only
		}
		resp := c.call("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx,
		})
		if resp.Error != nil {
			t.Fatalf("codeAction: %v", resp.Error)
		}
		var actions []CodeAction
		if err := json.Unmarshal(resp.Result, &actions); err != nil {
			t.Fatal(err)
		}
		return actions
	}

	// A cursor inside the diagnostic.
	cursor := Position{Line: d.Range.Start.Line, Character: d.Range.Start.Character + 3}
	actions := codeAction(Range{cursor, cursor})
	var lock *CodeAction
	for i, a := range actions {
		if a.Kind != "quickfix" || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "RL005" || a.Edit == nil {
			t.Errorf("action %+v", a)
		}
		if strings.Contains(a.Title, "FOR UPDATE") {
			lock = &actions[i]
		}
	}
	if lock == nil {
		t.Fatalf("no FOR UPDATE fix among %+v", actions)
	}
	edits := lock.Edit.Changes[uri]
	if len(lock.Edit.Changes) != 1 || len(edits) != 1 {
		t.Fatalf("edit: %+v", lock.Edit)
	}
	// The edit inserts " FOR UPDATE" after "$1" in the read's query.
	at := position(t, jobsGo, `$1", jobID).Scan`)
	at.Character += 2
	if e := edits[0]; e.Range.Start != at || e.Range.End != at || e.NewText != " FOR UPDATE" {
		t.Errorf("edit %+v, want an insertion of %q at %+v", e, " FOR UPDATE", at)
	}

	// Elsewhere, or for other kinds: nothing.
	if a := codeAction(Range{Position{0, 0}, Position{1, 0}}); len(a) != 0 {
		t.Errorf("line 0: %+v", a)
	}
	if a := codeAction(Range{cursor, cursor}, "refactor"); len(a) != 0 {
		t.Errorf("only refactor: %+v", a)
	}
	if a := codeAction(Range{cursor, cursor}, "quickfix"); len(a) != len(actions) {
		t.Errorf("only quickfix: %+v", a)
	}
	// A buffer that changed since the analysis gets no fixes until it is
	// analysed again (the debounce is long enough not to interfere).
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": "\n" + jobsGo}},
	})
	if a := codeAction(Range{cursor, cursor}); len(a) != 0 {
		t.Errorf("stale buffer: %+v", a)
	}
	shutdown(t, c, done)
}

func TestProtocolErrors(t *testing.T) {
	c, done := startServer(t, Options{})

	// Before initialize.
	if resp := c.call("textDocument/codeAction", map[string]any{}); resp.Error == nil || resp.Error.Code != codeServerNotInitialized {
		t.Errorf("before initialize: %+v", resp)
	}
	initialize(t, c, t.TempDir(), nil)

	// Malformed JSON: a parse error with a null id, and the server goes on.
	c.sendRaw("Content-Length: 9\r\n\r\n{not json")
	if resp := c.response("null"); resp.Error == nil || resp.Error.Code != codeParseError {
		t.Errorf("malformed JSON: %+v", resp)
	}
	// A header without Content-Length.
	c.mu.Lock()
	delete(c.resps, "null")
	c.mu.Unlock()
	c.sendRaw("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
	if resp := c.response("null"); resp.Error == nil || resp.Error.Code != codeParseError {
		t.Errorf("no Content-Length: %+v", resp)
	}
	// Not JSON-RPC 2.0.
	c.send(map[string]any{"jsonrpc": "1.0", "id": "x", "method": "shutdown"})
	if resp := c.response(`"x"`); resp.Error == nil || resp.Error.Code != codeInvalidRequest {
		t.Errorf("jsonrpc 1.0: %+v", resp)
	}
	// Unknown request, unknown notification, cancellation.
	if resp := c.call("textDocument/hover", map[string]any{}); resp.Error == nil || resp.Error.Code != codeMethodNotFound {
		t.Errorf("hover: %+v", resp)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{}})
	c.notify("textDocument/didOpen", "not an object") // bad params: logged
	// Bad params of a request.
	if resp := c.call("textDocument/codeAction", []int{1}); resp.Error == nil || resp.Error.Code != codeInvalidParams {
		t.Errorf("bad codeAction params: %+v", resp)
	}
	if resp := c.call("initialize", map[string]any{}); resp.Error == nil {
		t.Errorf("second initialize: %+v", resp)
	}
	// Invalid settings are reported and ignored.
	mark := c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"racelint": map[string]any{"skip_tables": []string{"x"}}}})
	var lm LogMessageParams
	c.waitNote(mark, "window/showMessage", &lm, func() bool { return strings.Contains(lm.Message, `unknown field "skip_tables"`) })

	// Still alive.
	shutdown(t, c, done)
}

func TestExitWithoutShutdown(t *testing.T) {
	c, done := startServer(t, Options{})
	initialize(t, c, t.TempDir(), nil)
	c.notify("exit", nil)
	if err := <-done; !errors.Is(err, ErrExitWithoutShutdown) {
		t.Errorf("Serve: %v", err)
	}
}

func TestAfterShutdown(t *testing.T) {
	c, done := startServer(t, Options{})
	initialize(t, c, t.TempDir(), nil)
	if resp := c.call("shutdown", nil); resp.Error != nil {
		t.Fatal(resp.Error)
	}
	if resp := c.call("textDocument/codeAction", map[string]any{}); resp.Error == nil || resp.Error.Code != codeInvalidRequest {
		t.Errorf("after shutdown: %+v", resp)
	}
	c.notify("exit", nil)
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// TestConfiguration: .racelint.yml disables RL001, initializationOptions
// override it, and didChangeConfiguration replaces the options.
func TestConfiguration(t *testing.T) {
	root := testfixture.WriteModule(t, map[string]string{"emails.go": emailsGo, ".racelint.yml": "disable: [RL001]\n"})
	file := filepath.Join(root, "emails.go")
	uri := pathToURI(file)
	count := func(p PublishDiagnosticsParams) int { return len(p.Diagnostics) }

	c, done := startServer(t, Options{})
	initialize(t, c, root, nil)
	mark := c.mark()
	open(c, file, emailsGo)
	if n := count(c.publishedFor(mark, uri)); n != 0 {
		t.Errorf("RL001 disabled by .racelint.yml: %d diagnostics", n)
	}
	mark = c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"racelint": map[string]any{"disable": []string{}}}})
	if n := count(c.publishedFor(mark, uri)); n != 1 {
		t.Errorf("disable overridden by settings: %d diagnostics", n)
	}
	mark = c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"racelint": map[string]any{"skip-tables": []string{"emails"}}}})
	if n := count(c.publishedFor(mark, uri)); n != 0 {
		t.Errorf("skip-tables emails, disable back from the file: %d diagnostics", n)
	}
	shutdown(t, c, done)

	c, done = startServer(t, Options{})
	initialize(t, c, root, map[string]any{"rules": []string{"RL001"}, "disable": []string{}})
	mark = c.mark()
	open(c, file, emailsGo)
	if n := count(c.publishedFor(mark, uri)); n != 1 {
		t.Errorf("initializationOptions: %d diagnostics", n)
	}
	shutdown(t, c, done)
}

// TestTypeErrors: a package that does not type-check keeps its last
// diagnostics and is reported with logMessage.
func TestTypeErrors(t *testing.T) {
	root := testfixture.WriteModule(t, map[string]string{"emails.go": emailsGo})
	file := filepath.Join(root, "emails.go")
	uri := pathToURI(file)
	c, done := startServer(t, Options{Debounce: 10 * time.Millisecond})
	initialize(t, c, root, nil)
	mark := c.mark()
	open(c, file, emailsGo)
	if p := c.publishedFor(mark, uri); len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics: %+v", p.Diagnostics)
	}
	mark = c.mark()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": emailsGo + "\nfunc broken() { undefinedThing() }\n"}},
	})
	var lm LogMessageParams
	c.waitNote(mark, "window/logMessage", &lm, func() bool {
		return lm.Type == MessageWarning && strings.Contains(lm.Message, "undefined: undefinedThing")
	})
	c.waitNote(mark, "window/logMessage", &lm, func() bool { return strings.HasPrefix(lm.Message, "racelint: analysed") })
	var p PublishDiagnosticsParams
	c.mu.Lock()
	for _, m := range c.notes[mark:] {
		if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == uri {
			t.Errorf("published for a file that does not type-check: %s", m.Params)
		}
	}
	c.mu.Unlock()
	shutdown(t, c, done)
}

func TestPositions(t *testing.T) {
	src := "a\n\tx := \"é𝄞\" + y\nlast"
	tx := newText([]byte(src))
	for _, tc := range []struct {
		sub  string
		want Position
	}{
		{"a", Position{0, 0}},
		{"x", Position{1, 1}},
		{"+", Position{1, 12}}, // é is 1 unit, 𝄞 is 2
		{"y", Position{1, 14}}, // 18 bytes into the line
		{"last", Position{2, 0}},
	} {
		off := strings.Index(src, tc.sub)
		if got := tx.position(off); got != tc.want {
			t.Errorf("%q: %+v, want %+v", tc.sub, got, tc.want)
		}
		if got := tx.offset(tc.want); got != off {
			t.Errorf("offset(%+v) = %d, want %d", tc.want, got, off)
		}
	}
	if got := tx.position(len(src) + 10); got != (Position{2, 4}) {
		t.Errorf("past the end: %+v", got)
	}
	if got := tx.offset(Position{0, 99}); got != 1 {
		t.Errorf("past the end of line 0: %d", got)
	}
	for _, p := range []string{"/tmp/a b/c.go", "/x/ü.go"} {
		if got, err := uriToPath(pathToURI(p)); err != nil || got != filepath.Clean(p) {
			t.Errorf("%s: %s %v", p, got, err)
		}
	}
	if u := pathToURI("/tmp/a b/c.go"); u != "file:///tmp/a%20b/c.go" {
		t.Errorf("uri %s", u)
	}
}

// TestInjectedPanic injects a panic into the checking of one function
// (the test hook of analyzer/internal/isolate): the server logs an error
// naming it, still publishes the package's other finding, and keeps
// serving.
func TestInjectedPanic(t *testing.T) {
	t.Setenv("RACELINT_TEST_PANIC", "check:(*example.com/m.Service).RecordOpen")
	jobs := strings.NewReplacer("package jobs", "package m", "Service", "JobService", "errTaken", "errJobTaken").Replace(jobsGo)
	root := testfixture.WriteModule(t, map[string]string{"emails.go": emailsGo, "jobs.go": jobs})
	c, done := startServer(t, Options{Version: "test"})
	initialize(t, c, root, nil)

	file := filepath.Join(root, "jobs.go")
	mark := c.mark()
	open(c, file, jobs)
	p := c.publishedFor(mark, pathToURI(file))
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "RL005" {
		t.Errorf("jobs.go: want the RL005 finding of the function that did not fail, got %+v", p.Diagnostics)
	}
	logs := c.logs()
	for _, want := range []string{"internal error while checking (*example.com/m.Service).RecordOpen", "panic: injected", "please report"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs do not say %q:\n%s", want, logs)
		}
	}
	shutdown(t, c, done)
}
