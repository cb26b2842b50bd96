// Package lsp is racelint's language server, run as `racelint lsp`: it
// speaks the Language Server Protocol (JSON-RPC 2.0 with Content-Length
// framing) on stdin and stdout, and publishes racelint's findings as
// diagnostics, with their suggested fixes as quick fixes.
//
// Supported: initialize, initialized, shutdown, exit;
// textDocument/didOpen, didChange (full), didSave, didClose;
// textDocument/codeAction (quickfix); workspace/didChangeConfiguration.
// Other requests get MethodNotFound; other notifications ($/cancelRequest
// included) are ignored.
//
// When a Go document is opened or saved, and 500 ms after the last edit,
// the package(s) of its directory are loaded with go/packages (tests
// included, the buffers of open documents as overlays) and analysed with
// analyzer.New: per package, as go vet and golangci-lint do, because the
// whole-program analyzer (analyzer.NewForProgram) would have to load and
// summarise every package of the module on each keystroke. Every file of
// the analysed packages gets a publishDiagnostics, empty when it has no
// findings. A package that does not load or type-check is reported with
// window/logMessage and keeps its last diagnostics.
//
// Settings are read from .racelint.yml as the CLI reads it (from the
// workspace folder up), overridden key by key by initializationOptions
// {"rules": [...], "disable": [...], "skip-tables": [...]}, which a
// workspace/didChangeConfiguration {"racelint": {...}} replaces.
package lsp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/racelint/racelint/analyzer"
	configfile "github.com/racelint/racelint/cmd/racelint/internal/config"
)

// Options configures Serve.
type Options struct {
	// Version is reported as serverInfo.version.
	Version string
	// Debounce is how long after the last didChange the document's
	// packages are analysed; 0 means 500 ms.
	Debounce time.Duration
	// Stderr receives the stacks of recovered panics; nil discards them.
	Stderr io.Writer
}

const defaultDebounce = 500 * time.Millisecond

// ErrExitWithoutShutdown is what Serve returns when the client sent exit
// without shutdown first (the LSP asks for exit code 1 then).
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Main runs the language server on the process's stdin and stdout and
// returns the exit code: 0 after shutdown and exit, 1 otherwise, 2 for a
// bad command line. args follow "lsp"; "--stdio", which many clients
// add, is accepted and ignored.
func Main(args []string, version string) int {
	for _, a := range args {
		switch a {
		case "--stdio", "-stdio":
		case "-h", "-help", "--help":
			fmt.Fprint(os.Stdout, usage)
			return 0
		default:
			fmt.Fprintf(os.Stderr, "racelint lsp: unexpected argument %q\n%s", a, usage)
			return 2
		}
	}
	if err := Serve(context.Background(), os.Stdin, os.Stdout, Options{Version: version, Stderr: os.Stderr}); err != nil {
		fmt.Fprintf(os.Stderr, "racelint lsp: %v\n", err)
		return 1
	}
	return 0
}

const usage = `usage: racelint lsp
	a language server (LSP) on stdin and stdout that publishes racelint's
	findings as diagnostics; see docs/drivers.md, "Editors".
`

// Serve runs the server until the client sends exit, r ends or fails, or
// ctx is done. It returns nil after shutdown and exit.
func Serve(ctx context.Context, r io.Reader, w io.Writer, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = defaultDebounce
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	s := &server{
		conn:      newConn(r, w),
		opts:      opts,
		docs:      map[string]*document{},
		results:   map[string]*fileResult{},
		analyzers: map[string]*analysis.Analyzer{},
		rules:     map[*analysis.Analyzer]map[string]analyzer.Rule{},
		timers:    map[string]*time.Timer{},
		queued:    map[string]bool{},
		wake:      make(chan struct{}, 1),
		client:    &settings{},
	}
	return s.run(ctx)
}

const (
	stateNew = iota
	stateRunning
	stateShutdown
)

type server struct {
	conn *conn
	opts Options

	mu        sync.Mutex
	state     int
	folders   []string             // workspace folders, absolute paths
	client    *settings            // initializationOptions or the last didChangeConfiguration
	pending   []LogMessageParams   // to show once initialized
	docs      map[string]*document // open documents by path
	results   map[string]*fileResult
	analyzers map[string]*analysis.Analyzer                   // by configuration; never mutated
	rules     map[*analysis.Analyzer]map[string]analyzer.Rule // each analyzer's rules, with its configured severities
	lastErr   string                                          // last configuration error shown

	// Scheduling: timers debounce didChange; queue holds directories
	// waiting for the worker, which analyses one at a time.
	timers map[string]*time.Timer
	queue  []string
	queued map[string]bool
	wake   chan struct{}
}

type document struct {
	uri  string
	text []byte
}

// fileResult is the last analysis of one file.
type fileResult struct {
	sum   [sha256.Size]byte // of the content analysed
	diags []finding
}

// finding is a published diagnostic with the quick fixes it offers (their
// Diagnostics are filled in on request).
type finding struct {
	diag  Diagnostic
	fixes []CodeAction
}

func (s *server) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.worker(ctx)
	}()
	defer func() {
		s.mu.Lock()
		for _, t := range s.timers {
			t.Stop()
		}
		s.mu.Unlock()
		cancel()
		s.conn.close()
		wg.Wait()
	}()
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		body, err := s.conn.read()
		switch {
		case errors.Is(err, errFraming):
			s.conn.replyError(nil, errorf(codeParseError, "%v", err))
			continue
		case errors.Is(err, io.EOF):
			return errors.New("input closed before exit")
		case err != nil:
			return err
		}
		if exit, err := s.handle(body); exit {
			return err
		}
	}
}

// handle processes one message; exit reports an exit notification.
func (s *server) handle(body []byte) (exit bool, err error) {
	var msg message
	if err := json.Unmarshal(body, &msg); err != nil {
		s.conn.replyError(nil, errorf(codeParseError, "parse error: %v", err))
		return false, nil
	}
	idOK := msg.ID == nil || validID(msg.ID)
	replyID := msg.ID
	if !idOK {
		replyID = nil
	}
	switch {
	case msg.JSONRPC != "2.0":
		s.conn.replyError(replyID, errorf(codeInvalidRequest, `invalid request: jsonrpc must be "2.0"`))
		return false, nil
	case msg.Method == "" && msg.ID != nil && (msg.Result != nil || msg.Error != nil):
		return false, nil // a response; the server sends no requests
	case msg.Method == "" || !idOK:
		s.conn.replyError(replyID, errorf(codeInvalidRequest, "invalid request: want a method and a string or number id"))
		return false, nil
	case msg.isNotification():
		return s.notification(&msg)
	}
	result, err := s.request(&msg)
	if err != nil {
		var re *rpcError
		if !errors.As(err, &re) {
			re = errorf(codeRequestFailed, "%v", err)
		}
		s.conn.replyError(msg.ID, re)
	} else {
		s.conn.reply(msg.ID, result)
	}
	return false, nil
}

// protect runs f, turning a panic into an error (and a log message with
// the stack on Stderr).
func (s *server) protect(what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.opts.Stderr, "racelint lsp: panic in %s: %v\n%s", what, r, debug.Stack())
			err = errorf(codeInternalError, "racelint: internal error in %s: %v", what, r)
			s.log(MessageError, err.Error())
		}
	}()
	return f()
}

func (s *server) getState() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

func (s *server) request(msg *message) (result any, err error) {
	state := s.getState()
	switch {
	case msg.Method == "initialize" && state == stateNew:
	case msg.Method == "initialize":
		return nil, errorf(codeInvalidRequest, "initialize was already sent")
	case state == stateNew:
		return nil, errorf(codeServerNotInitialized, "server not initialized")
	case state == stateShutdown:
		return nil, errorf(codeInvalidRequest, "server is shutting down")
	}
	err = s.protect(msg.Method, func() error {
		var err error
		switch msg.Method {
		case "initialize":
			result, err = s.initialize(msg.Params)
		case "shutdown":
			s.shutdown()
		case "textDocument/codeAction":
			result, err = s.codeAction(msg.Params)
		default:
			err = errorf(codeMethodNotFound, "method not found: %s", msg.Method)
		}
		return err
	})
	return result, err
}

func (s *server) notification(msg *message) (exit bool, err error) {
	state := s.getState()
	if msg.Method == "exit" {
		if state != stateShutdown {
			return true, ErrExitWithoutShutdown
		}
		return true, nil
	}
	if state != stateRunning {
		return false, nil // dropped, as the spec asks
	}
	err = s.protect(msg.Method, func() error {
		switch msg.Method {
		case "initialized":
			s.mu.Lock()
			pending := s.pending
			s.pending = nil
			s.mu.Unlock()
			for _, m := range pending {
				s.conn.notify("window/showMessage", m)
				s.conn.notify("window/logMessage", m)
			}
		case "textDocument/didOpen":
			return s.didOpen(msg.Params)
		case "textDocument/didChange":
			return s.didChange(msg.Params)
		case "textDocument/didSave":
			return s.didSave(msg.Params)
		case "textDocument/didClose":
			return s.didClose(msg.Params)
		case "workspace/didChangeConfiguration":
			return s.didChangeConfiguration(msg.Params)
		}
		return nil // $/cancelRequest, $/setTrace and anything unknown
	})
	if err != nil {
		var re *rpcError
		if !errors.As(err, &re) || re.Code != codeInternalError { // panics are logged already
			s.log(MessageError, fmt.Sprintf("racelint: %s: %v", msg.Method, err))
		}
	}
	return false, nil
}

func (s *server) log(typ int, msg string) {
	s.conn.notify("window/logMessage", LogMessageParams{Type: typ, Message: msg})
}

func decodeParams(raw json.RawMessage, v any) error {
	if len(raw) == 0 || string(raw) == "null" {
		return errorf(codeInvalidParams, "missing params")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return errorf(codeInvalidParams, "invalid params: %v", err)
	}
	return nil
}

func (s *server) initialize(raw json.RawMessage) (any, error) {
	var p InitializeParams
	if err := decodeParams(raw, &p); err != nil {
		return nil, err
	}
	var folders []string
	for _, f := range p.WorkspaceFolders {
		if path, err := uriToPath(f.URI); err == nil {
			folders = append(folders, path)
		}
	}
	if len(folders) == 0 && p.RootURI != nil {
		if path, err := uriToPath(*p.RootURI); err == nil {
			folders = append(folders, path)
		}
	}
	if len(folders) == 0 && p.RootPath != nil && *p.RootPath != "" {
		folders = append(folders, filepath.Clean(*p.RootPath))
	}
	client, err := parseSettings(p.InitializationOptions)
	s.mu.Lock()
	s.folders = folders
	if err != nil {
		s.pending = append(s.pending, LogMessageParams{MessageError, "racelint: initializationOptions: " + err.Error() + "; using .racelint.yml and defaults"})
	} else {
		s.client = client
	}
	s.state = stateRunning
	s.mu.Unlock()
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding: "utf-16",
			TextDocumentSync: TextDocumentSyncOptions{OpenClose: true, Change: SyncFull, Save: SaveOptions{IncludeText: false}},
			CodeActionProvider: CodeActionOptions{
				CodeActionKinds: []string{kindQuickFix},
			},
		},
		ServerInfo: ServerInfo{Name: "racelint", Version: s.opts.Version},
	}, nil
}

func (s *server) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = stateShutdown
	for _, t := range s.timers {
		t.Stop()
	}
	s.queue = nil
	clear(s.queued)
}

// settings are the client's overrides of the configuration file; a nil
// field leaves the file's value.
type settings struct {
	Rules      *[]string `json:"rules"`
	Disable    *[]string `json:"disable"`
	SkipTables *[]string `json:"skip-tables"`
	SkipPaths  *[]string `json:"skip-paths"`
	Migrations *bool     `json:"migrations"`
}

// parseSettings decodes settings strictly (unknown keys are errors) and
// validates them. {"racelint": {...}} is unwrapped.
func parseSettings(raw json.RawMessage) (*settings, error) {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return &settings{}, nil
	}
	var wrapped map[string]json.RawMessage
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped) == 1 && wrapped["racelint"] != nil {
		raw = wrapped["racelint"]
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var st settings
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("%v (known keys: %s)", strings.TrimPrefix(err.Error(), "json: "), strings.Join(configfile.Keys(), ", "))
	}
	if err := st.apply(analyzer.Defaults()).Validate(); err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "racelint: "))
	}
	return &st, nil
}

func (st *settings) apply(cfg analyzer.Config) analyzer.Config {
	if st.Rules != nil {
		cfg.Rules = *st.Rules
	}
	if st.Disable != nil {
		cfg.Disable = *st.Disable
	}
	if st.SkipTables != nil {
		cfg.SkipTables = *st.SkipTables
	}
	if st.SkipPaths != nil {
		cfg.SkipPaths = *st.SkipPaths
	}
	if st.Migrations != nil {
		cfg.Migrations = *st.Migrations
	}
	return cfg
}

func (s *server) didChangeConfiguration(raw json.RawMessage) error {
	var p DidChangeConfigurationParams
	if err := decodeParams(raw, &p); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if json.Unmarshal(p.Settings, &all) != nil || all["racelint"] == nil {
		return nil // not ours (or a pull-model client sending null)
	}
	st, err := parseSettings(all["racelint"])
	if err != nil {
		s.conn.notify("window/showMessage", LogMessageParams{MessageError, "racelint: settings: " + err.Error() + "; keeping the previous settings"})
		return fmt.Errorf("settings: %v; keeping the previous settings", err)
	}
	s.mu.Lock()
	s.client = st
	s.mu.Unlock()
	s.reanalyzeAll()
	return nil
}

// reanalyzeAll schedules every directory that has an open document or
// published results.
func (s *server) reanalyzeAll() {
	s.mu.Lock()
	dirs := map[string]bool{}
	for p := range s.docs {
		dirs[filepath.Dir(p)] = true
	}
	for p := range s.results {
		dirs[filepath.Dir(p)] = true
	}
	s.mu.Unlock()
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		s.schedule(d, 0)
	}
}

// docPath returns the path of a document URI and whether the server
// analyses it (a Go file).
func docPath(uri string) (string, bool, error) {
	path, err := uriToPath(uri)
	if err != nil {
		return "", false, errorf(codeInvalidParams, "%v", err)
	}
	return path, strings.HasSuffix(path, ".go"), nil
}

func isConfigFile(path string) bool {
	return slices.Contains(configfile.Names, filepath.Base(path))
}

func (s *server) didOpen(raw json.RawMessage) error {
	var p DidOpenTextDocumentParams
	if err := decodeParams(raw, &p); err != nil {
		return err
	}
	path, isGo, err := docPath(p.TextDocument.URI)
	if err != nil || !isGo {
		return err
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: p.TextDocument.URI, text: []byte(p.TextDocument.Text)}
	s.mu.Unlock()
	s.schedule(filepath.Dir(path), 0)
	return nil
}

func (s *server) didChange(raw json.RawMessage) error {
	var p DidChangeTextDocumentParams
	if err := decodeParams(raw, &p); err != nil {
		return err
	}
	path, isGo, err := docPath(p.TextDocument.URI)
	if err != nil || !isGo {
		return err
	}
	s.mu.Lock()
	doc := s.docs[path]
	if doc == nil {
		s.mu.Unlock()
		return fmt.Errorf("didChange of %s, which is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			doc.text = []byte(c.Text)
			continue
		}
		// Incremental, although the server asked for full changes.
		t := newText(doc.text)
		start, end := t.offset(c.Range.Start), t.offset(c.Range.End)
		if end < start {
			start, end = end, start
		}
		doc.text = slices.Concat(doc.text[:start:start], []byte(c.Text), doc.text[end:])
	}
	s.mu.Unlock()
	s.schedule(filepath.Dir(path), s.opts.Debounce)
	return nil
}

func (s *server) didSave(raw json.RawMessage) error {
	var p DidSaveTextDocumentParams
	if err := decodeParams(raw, &p); err != nil {
		return err
	}
	path, isGo, err := docPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	if isConfigFile(path) {
		s.reanalyzeAll()
		return nil
	}
	if !isGo {
		return nil
	}
	s.mu.Lock()
	if doc := s.docs[path]; doc != nil && p.Text != nil {
		doc.text = []byte(*p.Text)
	}
	s.mu.Unlock()
	s.schedule(filepath.Dir(path), 0)
	return nil
}

func (s *server) didClose(raw json.RawMessage) error {
	var p DidCloseTextDocumentParams
	if err := decodeParams(raw, &p); err != nil {
		return err
	}
	path, isGo, err := docPath(p.TextDocument.URI)
	if err != nil || !isGo {
		return err
	}
	s.mu.Lock()
	doc := s.docs[path]
	delete(s.docs, path)
	s.mu.Unlock()
	if doc == nil {
		return nil
	}
	// Unsaved edits are dropped: analyse the file on disk again.
	if disk, err := os.ReadFile(path); err != nil || !bytes.Equal(disk, doc.text) {
		s.schedule(filepath.Dir(path), 0)
	}
	return nil
}

// schedule queues dir for analysis after delay, replacing a pending
// debounce timer for it.
func (s *server) schedule(dir string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateRunning {
		return
	}
	if t := s.timers[dir]; t != nil {
		t.Stop()
		delete(s.timers, dir)
	}
	if delay <= 0 {
		s.enqueueLocked(dir)
		return
	}
	var t *time.Timer
	t = time.AfterFunc(delay, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.timers[dir] == t {
			delete(s.timers, dir)
			if s.state == stateRunning {
				s.enqueueLocked(dir)
			}
		}
	})
	s.timers[dir] = t
}

func (s *server) enqueueLocked(dir string) {
	if !s.queued[dir] {
		s.queued[dir] = true
		s.queue = append(s.queue, dir)
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *server) worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		for ctx.Err() == nil {
			s.mu.Lock()
			if len(s.queue) == 0 {
				s.mu.Unlock()
				break
			}
			dir := s.queue[0]
			s.queue = s.queue[1:]
			delete(s.queued, dir)
			s.mu.Unlock()
			s.protect("analysis of "+dir, func() error {
				s.analyzeDir(ctx, dir)
				return nil
			})
		}
	}
}

// codeAction returns a quick fix for every suggested fix of the last
// analysis's diagnostics that overlap the range. It offers nothing for a
// document whose content changed since that analysis: the edits would
// land in the wrong place.
func (s *server) codeAction(raw json.RawMessage) (any, error) {
	var p CodeActionParams
	if err := decodeParams(raw, &p); err != nil {
		return nil, err
	}
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool {
		return k == kindQuickFix || strings.HasPrefix(kindQuickFix, k+".")
	}) {
		return actions, nil
	}
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return nil, errorf(codeInvalidParams, "%v", err)
	}
	s.mu.Lock()
	res := s.results[path]
	var current []byte
	if doc := s.docs[path]; doc != nil {
		current = doc.text
	}
	s.mu.Unlock()
	if res == nil {
		return actions, nil
	}
	if current == nil {
		if current, err = os.ReadFile(path); err != nil {
			return actions, nil
		}
	}
	if sha256.Sum256(current) != res.sum {
		return actions, nil
	}
	for _, f := range res.diags {
		if !f.diag.Range.overlaps(p.Range) {
			continue
		}
		for _, a := range f.fixes {
			a.Diagnostics = []Diagnostic{f.diag}
			actions = append(actions, a)
		}
	}
	return actions, nil
}
