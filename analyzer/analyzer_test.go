package analyzer_test

import (
	"flag"
	"fmt"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racelint/racelint/analyzer"
)

// rulePackages are the GOPATH-mode packages under testdata/src that run
// with the default configuration. Every `// want` in them must be
// reported, and nothing else.
var rulePackages = []string{
	"rl001/sql", "rl001/sqlx", "rl001/pgx", "rl001/gorm",
	"rl002/sql", "rl002/sqlx", "rl002/pgx", "rl002/gorm",
	"rl003/sql", "rl003/sqlx", "rl003/pgx", "rl003/gorm",
	"rl004/sql", "rl004/sqlx", "rl004/pgx", "rl004/gorm",
	"rl005/sql", "rl005/sqlx", "rl005/pgx", "rl005/gorm", "rl005/mysql",
	"rl006/gorm",
	"rl007/sql", "rl007/sqlx", "rl007/pgx", "rl007/gorm",
	"suppress",
	"generated",
	"typeparams",
	"badsql",
	"interfaces",
	"kv/redis", "kv/redisrepo", "kv/redisuse", "kv/mongo", "kv/bun",
	"wrappers",
	"regressions",
	"regressions/testcode",
	"layers/gormv1",
	"layers/xorm",
	"layers/beego",
	"layers/goqu",
	"layers/pop",
	"layers/uow/app",
	"layers/values",
	"layers/generic",
}

func newDefault(t *testing.T) *analysis.Analyzer {
	t.Helper()
	a, err := analyzer.New(analyzer.Defaults())
	if err != nil {
		t.Fatalf("analyzer.New(Defaults()): %v", err)
	}
	return a
}

// TestRules runs every rule package with the default configuration, in
// one load: the packages share the library stubs, which a run per package
// would list and type-check again each time (about 20 times slower).
// Failures name the file and line of the `// want` they concern.
//
// Every finding's message and related positions are then compared with
// testdata/messages.golden (go test -run TestRules -update rewrites it),
// so that a change to what a user reads shows in review.
func TestRules(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, analysistest.TestData(), newDefault(t), rulePackages...)
	var b strings.Builder
	src := filepath.Join(analysistest.TestData(), "src") + string(filepath.Separator)
	rel := func(p token.Position) string {
		return fmt.Sprintf("%s:%d:%d", filepath.ToSlash(strings.TrimPrefix(p.Filename, src)), p.Line, p.Column)
	}
	var lines []string
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			var e strings.Builder
			fmt.Fprintf(&e, "%s: %s\n", rel(fset.Position(d.Pos)), d.Message)
			for _, rd := range d.Related {
				fmt.Fprintf(&e, "\t%s: %s\n", rel(fset.Position(rd.Pos)), rd.Message)
			}
			lines = append(lines, e.String())
		}
	}
	slices.Sort(lines)
	// A package with _test.go files is analysed twice, as itself and as
	// its test variant; its findings are one set.
	lines = slices.Compact(lines)
	for _, l := range lines {
		b.WriteString(l)
	}
	golden := filepath.Join(analysistest.TestData(), "messages.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -run TestRules -update writes it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("messages differ from %s (go test -run TestRules -update rewrites it after review):\n%s", golden, lineDiff(string(want), got))
	}
}

var update = flag.Bool("update", false, "rewrite testdata/messages.golden")

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// TestScope runs the migration and skip-paths cases: by default a
// migrations package and goose-registered functions are not reported;
// skip-paths leaves out one file; with Migrations set, all is reported.
func TestScope(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{SkipPaths: []string{"**/scope/skipped/repair.go"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "scope/goosemig", "scope/maragumig", "scope/db/migrations", "scope/skipped")
	all, err := analyzer.New(analyzer.Config{Migrations: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range analysistest.Run(&testing.T{}, analysistest.TestData(), all, "scope/goosemig", "scope/maragumig", "scope/db/migrations", "scope/skipped") {
		for _, d := range r.Diagnostics {
			got[r.Pass.Pkg.Path()]++
			_ = d
		}
	}
	want := map[string]int{"scope/goosemig": 3, "scope/maragumig": 3, "scope/db/migrations": 1, "scope/skipped": 2}
	if !maps.Equal(got, want) {
		t.Errorf("with Migrations (and no skip-paths): findings per package %v, want %v", got, want)
	}
}

// TestConfig runs a package whose wants reflect a non-default
// configuration: RL007 disabled and page_views skipped.
func TestConfig(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{
		Disable:    []string{"RL007"},
		SkipTables: []string{"page_views"},
	})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "config")
}

// TestDiagnosticShape checks the fields of one RL001 diagnostic beyond
// its message: category, rule URL and the related read and check.
func TestDiagnosticShape(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, analysistest.TestData(), newDefault(t), "shape")
	if len(results) != 1 {
		t.Fatalf("got %d results, want 1", len(results))
	}
	res := results[0]
	if res.Action == nil {
		t.Fatal("result has no Action")
	}
	if res.Action.Err != nil {
		t.Fatalf("analysis failed: %v", res.Action.Err)
	}
	fset := res.Action.Package.Fset
	var rl001 []analysis.Diagnostic
	for _, d := range res.Action.Diagnostics {
		if strings.HasPrefix(d.Message, "RL001 ") {
			rl001 = append(rl001, d)
		}
	}
	if len(rl001) != 1 {
		t.Fatalf("got %d RL001 diagnostics, want 1: %v", len(rl001), res.Action.Diagnostics)
	}
	d := rl001[0]
	line := func(p token.Pos) int { return fset.Position(p).Line }

	if d.Category != "RL001" {
		t.Errorf("Category = %q, want RL001", d.Category)
	}
	if !strings.HasSuffix(d.URL, "docs/rules/RL001.md") {
		t.Errorf("URL = %q, want suffix docs/rules/RL001.md", d.URL)
	}
	if !strings.HasPrefix(d.Message, "RL001 check-then-update: ") {
		t.Errorf("Message = %q, want prefix %q", d.Message, "RL001 check-then-update: ")
	}
	if !d.End.IsValid() || d.End <= d.Pos {
		t.Errorf("End = %v, want a range after Pos %v", d.End, d.Pos)
	}
	// Lines of testdata/src/shape/shape.go.
	const readLine, checkLine, writeLine = 20, 24, 27
	if got := line(d.Pos); got != writeLine {
		t.Errorf("diagnostic at line %d, want %d (the write)", got, writeLine)
	}
	if n := len(d.Message); n > 160 {
		t.Errorf("Message is %d characters, want a line of at most 160: %q", n, d.Message)
	}
	var reads, checks, whys int
	for _, r := range d.Related {
		switch {
		case strings.HasPrefix(r.Message, "why: "):
			// The full explanation, at the write.
			whys++
			if got := line(r.Pos); got != writeLine || !strings.Contains(r.Message, "; fix: ") {
				t.Errorf("related %q at line %d, want the explanation and the fix at %d", r.Message, got, writeLine)
			}
		case strings.HasSuffix(r.Message, "read here"):
			reads++
			if got := line(r.Pos); got != readLine {
				t.Errorf("related %q at line %d, want %d", r.Message, got, readLine)
			}
		case r.Message == "checked here":
			checks++
			if got := line(r.Pos); got != checkLine {
				t.Errorf("related %q at line %d, want %d", r.Message, got, checkLine)
			}
		default:
			t.Errorf("unexpected related information %q at line %d", r.Message, line(r.Pos))
		}
	}
	if reads != 1 || checks != 1 || whys != 1 {
		t.Errorf("related: %d read, %d check, %d why entries, want 1 of each: %+v", reads, checks, whys, d.Related)
	}
}

// TestDeterministic runs the analyzer twice over the same packages and
// requires identical diagnostics in identical order.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	pkgs := []string{"rl001/sql", "rl002/gorm", "rl003/pgx", "rl005/sqlx", "suppress"}
	run := func() []string {
		var out []string
		for _, r := range analysistest.Run(t, analysistest.TestData(), newDefault(t), pkgs...) {
			fset := r.Action.Package.Fset
			for _, d := range r.Action.Diagnostics {
				out = append(out, fmt.Sprintf("%s %s %s", fset.Position(d.Pos), d.Category, d.Message))
			}
		}
		return out
	}
	first, second := run(), run()
	if len(first) == 0 {
		t.Fatal("no diagnostics at all; the determinism check is vacuous")
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("diagnostics differ between runs:\nfirst:\n\t%s\nsecond:\n\t%s",
			strings.Join(first, "\n\t"), strings.Join(second, "\n\t"))
	}
}

// TestConfigFunctions declares the methods of an interface whose
// implementation the package cannot see, as .racelint.yml's functions do.
func TestConfigFunctions(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Functions: []analyzer.Function{
		{Func: "configfuncs.Users.Get", Role: "read", Table: "users", Key: 1},
		{Func: "configfuncs.Users.SetStatus", Role: "update", Table: "users", Key: 1, Columns: []string{"status"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "configfuncs")
}

// TestConfigInterfaces declares two repository interfaces, one line each,
// and checks the roles inferred for their methods: reads, updates and a
// whole-record save race; a locking read, a write that returns a verdict
// and a method whose name names no verb get no role.
func TestConfigInterfaces(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Interfaces: []analyzer.Interface{"configifaces/domain.Vouchers=vouchers", "configifaces/domain.Accounts"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "configifaces")
	for _, bad := range []analyzer.Interface{"nodot", "p.(*T)", "p.I.=t"} {
		if _, err := analyzer.New(analyzer.Config{Interfaces: []analyzer.Interface{bad}}); err == nil {
			t.Errorf("New accepted interfaces: [%q]", bad)
		}
	}
}

// TestConfigFunctionsValidate rejects malformed declarations.
func TestConfigFunctionsValidate(t *testing.T) {
	for _, fn := range []analyzer.Function{
		{Func: "nodot", Role: "read", Table: "t"},
		{Func: "p.F", Role: "frobnicate", Table: "t"},
		{Func: "p.F", Role: "read"},
		{Func: "p.(*T).F", Role: "read", Table: "t"},
		{Func: "p.F", Role: "read", Table: "t", Key: -2},
	} {
		if _, err := analyzer.New(analyzer.Config{Functions: []analyzer.Function{fn}}); err == nil {
			t.Errorf("New accepted %+v", fn)
		}
	}
}

// TestInProcessLock enables RL008 (off by default) on a package whose
// races are guarded by a sync.Mutex.
func TestInProcessLock(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Rules: []string{"RL001", "RL002", "RL003", "RL005", "RL008"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "rl008", "rl008callers")
}

// TestStaleWriteBack enables RL009 (off by default) on its cases, and
// checks that the default configuration reports none of them.
func TestStaleWriteBack(t *testing.T) {
	t.Parallel()
	a, err := analyzer.New(analyzer.Config{Rules: []string{"RL001", "RL002", "RL003", "RL004", "RL005", "RL006", "RL007", "RL009"}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "rl009/gorm", "rl009/pop")
	for _, r := range analysistest.Run(&testing.T{}, analysistest.TestData(), newDefault(t), "rl009/gorm", "rl009/pop") {
		for _, d := range r.Diagnostics {
			t.Errorf("default configuration reported %s at %v; RL009 is off by default", d.Category, r.Pass.Fset.Position(d.Pos))
		}
	}
}

// TestInProcessLockDefault checks that RL008 is off by default: the
// mutex-guarded functions are silent and the unguarded one is RL001.
func TestInProcessLockDefault(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(&testing.T{}, analysistest.TestData(), newDefault(t), "rl008")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, d.Category)
		}
	}
	if len(got) != 1 || got[0] != "RL001" {
		t.Errorf("default configuration reported %v, want only the RL001 of ClaimLate", got)
	}
	got = nil
	for _, r := range analysistest.Run(&testing.T{}, analysistest.TestData(), newDefault(t), "rl008callers") {
		for _, d := range r.Diagnostics {
			got = append(got, d.Category)
		}
	}
	if !slices.Equal(got, []string{"RL002", "RL002"}) {
		t.Errorf("default configuration reported %v in rl008callers, want the RL002 of ensureMenu and ensureTag only", got)
	}
}
