package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

// These tests build the real binary, so they check what users run: the
// dispatch between go vet's protocol and the standalone command, and the
// real analyzer behind both.

func TestMain(m *testing.M) { testfixture.Main(m) }

// runIn runs a command in dir and returns its combined output and exit code.
func runIn(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	return testfixture.Run(t, dir, nil, name, args...)
}

const cleanSource = `package m

func Add(a, b int) int { return a + b }
`

func TestVetToolClean(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir := testfixture.WriteModule(t, map[string]string{"m.go": cleanSource})
	if out, code := runIn(t, dir, "go", "vet", "-vettool="+bin, "./..."); code != 0 {
		t.Errorf("go vet -vettool: exit %d\n%s", code, out)
	}
	if out, code := runIn(t, dir, "go", "vet", "-vettool="+bin, "-racelint.rules=RL001,RL002", "-racelint.skip-tables=logs", "./..."); code != 0 {
		t.Errorf("go vet -vettool -racelint.rules: exit %d\n%s", code, out)
	}
	// A bad rule must fail under vet too: the analyzer validates its flags.
	if out, code := runIn(t, dir, "go", "vet", "-vettool="+bin, "-racelint.rules=RL999", "./..."); code == 0 || !strings.Contains(out, `unknown rule "RL999"`) {
		t.Errorf("go vet -racelint.rules=RL999: exit %d\n%s", code, out)
	}
	// Nothing imports a database library: exit 0, and a line saying that
	// nothing was checked rather than silence that looks like a clean run.
	if out, code := runIn(t, dir, bin, "./..."); code != 0 || !strings.Contains(out, "imports a supported database library, so nothing was checked") {
		t.Errorf("racelint ./...: exit %d\n%s", code, out)
	}
	if out, code := runIn(t, dir, bin, "-rules=RL999"); code != 2 {
		t.Errorf("racelint -rules=RL999: exit %d, want 2\n%s", code, out)
	}
}

func TestExplainEmbedsDocs(t *testing.T) {
	bin := testfixture.Racelint(t)
	out, code := runIn(t, t.TempDir(), bin, "-explain", "rl001")
	if code != 0 || !strings.HasPrefix(out, "RL001") || strings.Contains(out, "```") {
		t.Errorf("-explain rl001: exit %d, want the page as text\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if len(line) > 80 && !strings.HasPrefix(line, "    ") && !strings.Contains(line, "://") {
			t.Errorf("-explain: line wider than 80 columns: %q", line)
			break
		}
	}
	md, code := runIn(t, t.TempDir(), bin, "-explain", "rl001", "-md")
	if code != 0 || !strings.HasPrefix(md, "# RL001") {
		t.Errorf("-explain rl001 -md: exit %d\n%s", code, md)
	}
}

const racySource = `package m

import (
	"context"
	"database/sql"
	"time"
)

func Open(ctx context.Context, db *sql.DB, trackingID string) error {
	var id int64
	var openedAt sql.NullTime
	if err := db.QueryRowContext(ctx, "SELECT id, opened_at FROM emails WHERE tracking_id = $1", trackingID).Scan(&id, &openedAt); err != nil {
		return err
	}
	if openedAt.Valid {
		return nil
	}
	_, err := db.ExecContext(ctx, "UPDATE emails SET opened_at = $1 WHERE id = $2", time.Now(), id)
	return err
}
`

// findingRE matches a finding line of either mode: file:line:col: RLxxx ...
var findingRE = regexp.MustCompile(`^(\S+?\.go):(\d+):\d+: (RL\d{3})\b`)

// findings returns the sorted set of "file:line: RLxxx" in out, with file
// relative to dir (go vet prints "./m.go", the CLI "m.go").
func findings(dir, out string) []string {
	var set []string
	for _, line := range strings.Split(out, "\n") {
		m := findingRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		set = append(set, relTo(dir, m[1])+":"+m[2]+": "+m[3])
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// relTo returns file relative to dir, slash-separated (go vet prints
// "./m.go" or absolute paths, the CLI "m.go").
func relTo(dir, file string) string {
	if filepath.IsAbs(file) {
		if r, err := filepath.Rel(dir, file); err == nil {
			file = r
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}

// relatedRE matches a related-information line: indented with a tab
// under its finding by the standalone command, after "file:line:col: " by
// go vet.
var relatedRE = regexp.MustCompile(`^(?:\t(\S+?):(\d+):(\d+): |(\S+?):(\d+):(\d+): \t)(.*)$`)

// relatedLines returns the related positions of out, "file:line:col:
// message", relative to dir, sorted.
func relatedLines(dir, out string) []string {
	var set []string
	for _, line := range strings.Split(out, "\n") {
		m := relatedRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		file, line, col := m[1], m[2], m[3]
		if file == "" {
			file, line, col = m[4], m[5], m[6]
		}
		set = append(set, relTo(dir, file)+":"+line+":"+col+": "+m[7])
	}
	slices.Sort(set)
	return set
}

// TestStandaloneAndVetAgree runs both modes on a check-then-update race.
// It needs the real engine: until analyzer/internal/checks reports RL001
// here, it fails on purpose (it is not skipped, so that it cannot be
// forgotten).
func TestStandaloneAndVetAgree(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir := testfixture.WriteModule(t, map[string]string{"m.go": racySource})

	standalone, code := runIn(t, dir, bin, "./...")
	if code != 0 && code != 3 {
		t.Fatalf("racelint ./...: exit %d\n%s", code, standalone)
	}
	vet, _ := runIn(t, dir, "go", "vet", "-vettool="+bin, "./...")

	got, want := findings(dir, standalone), findings(dir, vet)
	if !slices.Equal(got, want) {
		t.Errorf("modes disagree\nstandalone: %q\nvet:        %q\nstandalone output:\n%s\nvet output:\n%s", got, want, standalone, vet)
	}
	if len(got) == 0 {
		t.Errorf("no finding on the check-then-update race (expected RL001 at m.go:18); output:\n%s", standalone)
	}
	if !slices.Contains(got, "m.go:18: RL001") {
		t.Errorf("want m.go:18: RL001 among %q", got)
	}
	if len(got) > 0 && code != 3 {
		t.Errorf("findings reported but exit %d, want 3", code)
	}
}

// TestExampleVetAgreesWithCLI runs both drivers over the bundled example
// module, whose layered packages need facts to cross package boundaries:
// go vet compiles packages separately and serialises every fact, the
// standalone CLI keeps them in memory, and the findings must be the same.
func TestExampleVetAgreesWithCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example module against the real libraries")
	}
	bin := testfixture.Racelint(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "example"))
	if err != nil {
		t.Fatal(err)
	}
	standalone, code := runIn(t, dir, bin, "./...")
	if code != 3 {
		t.Fatalf("racelint ./... on the example: exit %d, want 3\n%s", code, standalone)
	}
	vet, _ := runIn(t, dir, "go", "vet", "-vettool="+bin, "./...")
	got, want := findings(dir, standalone), findings(dir, vet)
	if !slices.Equal(got, want) {
		t.Errorf("modes disagree\nstandalone: %q\nvet:        %q\nvet output:\n%s", got, want, vet)
	}
	// Related positions too, those inside other packages' repository
	// methods included: go vet knows those files only from export data.
	if got, want := relatedLines(dir, standalone), relatedLines(dir, vet); len(got) == 0 || !slices.Equal(got, want) {
		t.Errorf("related positions disagree\nstandalone: %q\nvet:        %q", got, want)
	}
	layered := 0
	for _, f := range got {
		if strings.HasPrefix(f, "layered/") {
			layered++
		}
	}
	if layered < 6 {
		t.Errorf("only %d findings in the layered packages; cross-package facts are not flowing:\n%q", layered, got)
	}
}

// TestWholeProgramInterfaces checks the standalone driver's implementation
// order (package implorder): a service that declares its repository
// interface and never imports the implementation (they meet in package
// app) is still followed through the interface, here through the
// repository's stand-in, since the repository imports the service back. go vet sees one package at a time and cannot do this; the
// test pins that difference down so that docs/drivers.md stays true.
func TestWholeProgramInterfaces(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "cleanarch"))
	if err != nil {
		t.Fatal(err)
	}
	standalone, code := runIn(t, dir, bin, "./...")
	if code != 3 {
		t.Fatalf("racelint ./...: exit %d, want 3\n%s", code, standalone)
	}
	// The RL002 needs the repository's translation of sql.ErrNoRows into
	// service.ErrNotFound, the RL005 the unit of work's transaction around
	// the callback; the locked twin (AcceptLocked) is silent.
	want := []string{"service/service.go:50: RL001", "service/service.go:60: RL002", "service/service.go:74: RL005"}
	if got := findings(dir, standalone); !slices.Equal(got, want) {
		t.Errorf("standalone findings = %q, want %q\n%s", got, want, standalone)
	}
	if !strings.Contains(standalone, "repo/repo.go:53:28: MarkUsed writes invites here") {
		t.Errorf("no related position inside the repository:\n%s", standalone)
	}
	vet, _ := runIn(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if got := findings(dir, vet); len(got) != 0 {
		t.Errorf("go vet found %q; it cannot see the implementation, update docs/drivers.md if that changed", got)
	}
	// One line naming the interface recovers the reads and writes behind
	// it under go vet, from the methods' names, and the error variable
	// declared beside it is its not-found error; the unit of work's
	// transaction stays invisible there, so its race is an RL001
	// (docs/configuration.md#interfaces).
	vet, _ = runIn(t, dir, "go", "vet", "-vettool="+bin, "-racelint.interfaces=example.com/cleanarch/service.Invites=invites", "./...")
	if got, want := findings(dir, vet), []string{"service/service.go:50: RL001", "service/service.go:60: RL002", "service/service.go:74: RL001"}; !slices.Equal(got, want) {
		t.Errorf("go vet with interfaces: findings %q, want %q\n%s", got, want, vet)
	}
}

// TestSubsetPatternsSummariseModulePackages runs racelint on one package
// of a module whose database access lives in another package of the same
// module: the store package, outside the pattern, is still summarised
// from source (not read from export data), so the handler's race is
// found, and nothing in the store package is reported.
func TestSubsetPatternsSummariseModulePackages(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir := testfixture.WriteModule(t, map[string]string{
		"store/store.go": `package store

import (
	"context"
	"database/sql"
)

type Store struct{ DB *sql.DB }

func (s *Store) Status(ctx context.Context, id int64) (string, error) {
	var st string
	err := s.DB.QueryRowContext(ctx, "SELECT status FROM jobs WHERE id = $1", id).Scan(&st)
	return st, err
}

func (s *Store) SetStatus(ctx context.Context, id int64, st string) error {
	_, err := s.DB.ExecContext(ctx, "UPDATE jobs SET status = $2 WHERE id = $1", id, st)
	return err
}

// Restart is racy inside the store itself.
func (s *Store) Restart(ctx context.Context, id int64) error {
	st, err := s.Status(ctx, id)
	if err != nil || st != "failed" {
		return err
	}
	return s.SetStatus(ctx, id, "pending")
}
`,
		"handler/handler.go": `package handler

import (
	"context"
	"errors"

	"example.com/m/store"
)

func Start(ctx context.Context, s *store.Store, id int64) error {
	st, err := s.Status(ctx, id)
	if err != nil {
		return err
	}
	if st != "pending" {
		return errors.New("not pending")
	}
	return s.SetStatus(ctx, id, "running")
}
`,
	})
	out, code := runIn(t, dir, bin, "./handler/")
	if got := findings(dir, out); code != 3 || !slices.Equal(got, []string{"handler/handler.go:18: RL001"}) {
		t.Errorf("racelint ./handler/: exit %d, findings %q, want only the handler's RL001\n%s", code, got, out)
	}
	all, _ := runIn(t, dir, bin, "./...")
	if got := findings(dir, all); !slices.Contains(got, "store/store.go:27: RL001") {
		t.Errorf("racelint ./...: findings %q, want the store's own RL001 too\n%s", got, all)
	}
}
