package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/internal/testfixture"
)

// fakeAnalyzer stands in for racelint's engine, whose output the CLI must
// not depend on. It reports:
//
//   - each call racy(): RL001, related "declared here", fix racy -> safe;
//   - each call clash(): two RL002 findings whose fixes overlap;
//   - each call broken(): RL003 with a fix that does not parse;
//
// and fails on a package named "failing". It is built, as the real one is,
// from the settings the CLI merged from its flags and the configuration
// file, and honours -rules and -disable.
func fakeAnalyzer(cfg analyzer.Config, pkgs []*packages.Package) (*analyzer.Program, error) {
	a := &analysis.Analyzer{
		Name: "racelint",
		Doc:  "fake racelint for the CLI tests",
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.Pkg.Name() == "failing" {
				return nil, errors.New("boom")
			}
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					id, ok := call.Fun.(*ast.Ident)
					if !ok {
						return true
					}
					rename := func(to string) []analysis.SuggestedFix {
						return []analysis.SuggestedFix{{Message: "call " + to, TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte(to)}}}}
					}
					if !fakeEnabled(cfg, id.Name) {
						return true
					}
					switch id.Name {
					case "racy":
						pass.Report(analysis.Diagnostic{
							Pos: call.Pos(), End: call.End(), Category: "RL001",
							Message:        "RL001 check-then-update: call to racy",
							Related:        []analysis.RelatedInformation{{Pos: pass.TypesInfo.Uses[id].Pos(), Message: "declared here"}},
							SuggestedFixes: rename("safe"),
						})
					case "clash":
						pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "RL002", Message: "RL002 a", SuggestedFixes: rename("safe")})
						pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "RL002", Message: "RL002 b",
							SuggestedFixes: []analysis.SuggestedFix{{Message: "whole call", TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte("safe()")}}}}})
					case "broken":
						pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "RL003", Message: "RL003 broken", SuggestedFixes: rename("((")})
					}
					return true
				})
			}
			return nil, nil
		},
	}
	return &analyzer.Program{Analyzer: a, Packages: pkgs}, nil
}

// fakeEnabled applies the -rules and -disable settings to the fake's
// findings, so that tests can see which configuration reached it.
func fakeEnabled(cfg analyzer.Config, call string) bool {
	rule := map[string]string{"racy": "RL001", "clash": "RL002", "broken": "RL003"}[call]
	for _, d := range cfg.Disable {
		if strings.EqualFold(d, rule) {
			return false
		}
	}
	if len(cfg.Rules) == 0 {
		return true
	}
	for _, r := range cfg.Rules {
		if strings.EqualFold(r, rule) {
			return true
		}
	}
	return false
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(args, Options{
		New:   fakeAnalyzer,
		Rules: analyzer.Rules(),
		RulePage: func(id string) ([]byte, error) {
			if strings.EqualFold(id, "RL001") {
				return []byte("# RL001 check-then-update\n"), nil
			}
			return nil, fmt.Errorf("no page for rule %q", id)
		},
		Version: "v9.9.9",
		Stdout:  &stdout,
		Stderr:  &stderr,
	})
	return result{stdout.String(), stderr.String(), code}
}

const decls = "func racy()  {}\nfunc safe()  {}\nfunc clash() {}\nfunc broken() {}\n"

// racyModule has findings in two files of package a, in its test file
// (so that "a" and "a [a.test]" both report the shared ones) and in b.
func racyModule(t *testing.T) string {
	return testfixture.WriteModule(t, map[string]string{
		"a/decl.go":   "package a\n\n" + decls,
		"a/a.go":      "package a\n\nfunc F() {\n\tracy(); racy()\n}\n",
		"a/z.go":      "package a\n\nfunc G() { racy() }\n",
		"a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { racy() }\n",
		"b/b.go":      "package b\n\nfunc racy() {}\nfunc safe() {}\n\nfunc H() {\n\tracy()\n}\n",
	})
}

const racyText = `a/a.go:4:2: RL001 check-then-update: call to racy
	a/decl.go:3:6: declared here
a/a.go:4:10: RL001 check-then-update: call to racy
	a/decl.go:3:6: declared here
a/a_test.go:5:28: RL001 check-then-update: call to racy
	a/decl.go:3:6: declared here
a/z.go:3:12: RL001 check-then-update: call to racy
	a/decl.go:3:6: declared here
b/b.go:7:2: RL001 check-then-update: call to racy
	b/b.go:3:6: declared here
`

func TestTextOutput(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	r := run(t, "-C", dir)
	if r.code != ExitFindings || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q; want %d and no stderr", r.code, r.stderr, ExitFindings)
	}
	if r.stdout != racyText {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, racyText)
	}
	// Same input, same bytes.
	if again := run(t, "-C", dir); again.stdout != r.stdout {
		t.Errorf("second run differs:\n%s\nfirst:\n%s", again.stdout, r.stdout)
	}
	// Without test files the finding of a_test.go disappears.
	noTests := run(t, "-C", dir, "-test=false")
	if want := strings.Replace(racyText, "a/a_test.go:5:28: RL001 check-then-update: call to racy\n\ta/decl.go:3:6: declared here\n", "", 1); noTests.stdout != want {
		t.Errorf("-test=false stdout:\n%s\nwant:\n%s", noTests.stdout, want)
	}
}

// TestPathsOutsideBase checks that files below the -C directory are
// printed relative to it and others absolute.
func TestPathsOutsideBase(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	r := run(t, "-C", filepath.Join(dir, "a"), ".", "../b")
	if r.code != ExitFindings {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	b := filepath.Join(dir, "b", "b.go")
	want := "a.go:4:2: RL001 check-then-update: call to racy\n\tdecl.go:3:6: declared here\n"
	if !strings.HasPrefix(r.stdout, want) {
		t.Errorf("stdout does not start with %q:\n%s", want, r.stdout)
	}
	if wantB := b + ":7:2: RL001 check-then-update: call to racy\n\t" + b + ":3:6: declared here\n"; !strings.HasSuffix(r.stdout, wantB) {
		t.Errorf("stdout does not end with %q:\n%s", wantB, r.stdout)
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	r := run(t, "-C", dir, "-json")
	if r.code != ExitFindings {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	type jsonDiag struct {
		Posn, End, Message, Category string
		Related                      []struct{ Posn, End, Message string }
		SuggestedFixes               []struct {
			Message string
			Edits   []struct {
				Filename   string
				Start, End int
				New        string
			}
		} `json:"suggested_fixes"`
	}
	var tree map[string]map[string][]jsonDiag
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("-json output does not parse as the checker's tree: %v\n%s", err, r.stdout)
	}
	var ids []string
	for id := range tree {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	wantIDs := []string{"example.com/m/a", "example.com/m/a [example.com/m/a.test]", "example.com/m/b"}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Fatalf("package IDs %q, want %q", ids, wantIDs)
	}
	diags := tree["example.com/m/a [example.com/m/a.test]"]["racelint"]
	if len(diags) != 4 {
		t.Fatalf("test variant has %d diagnostics, want 4: %+v", len(diags), diags)
	}
	for _, d := range diags {
		if d.Category != "RL001" || !strings.HasPrefix(d.Message, "RL001 ") || len(d.Related) != 1 ||
			len(d.SuggestedFixes) != 1 || d.SuggestedFixes[0].Edits[0].New != "safe" {
			t.Errorf("unexpected diagnostic %+v", d)
		}
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	clean := testfixture.WriteModule(t, map[string]string{"c/c.go": "package c\n\nfunc C() {}\n"})
	empty := testfixture.WriteModule(t, map[string]string{})
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"clean", []string{"-C", clean}, ExitClean, ""},
		{"bad flag", []string{"-nosuchflag"}, ExitUsage, "flag provided but not defined"},
		{"unknown rule", []string{"-C", clean, "-rules", "RL001,RL999"}, ExitUsage, `racelint: rules: unknown rule "RL999"`},
		{"unknown disabled rule", []string{"-C", clean, "-disable=XX1"}, ExitUsage, `unknown rule "XX1"`},
		{"no packages", []string{"-C", empty}, ExitUsage, "racelint: no packages matched ./..."},
		{"missing dir", []string{"-C", clean, "./nosuchdir"}, ExitUsage, "racelint: no packages matched ./nosuchdir"},
		{"bad -C", []string{"-C", filepath.Join(clean, "nope")}, ExitUsage, "racelint: -C:"},
		{"diff and json", []string{"-C", clean, "-diff", "-json"}, ExitUsage, "cannot be combined"},
		{"help", []string{"-h"}, ExitClean, "Exit codes:"},
		{"version", []string{"-version"}, ExitClean, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.stderr)
			}
		})
	}
}

// TestBrokenPackage checks that a package that does not type-check costs
// exit 1 and one stderr line, while the others are still analysed.
func TestBrokenPackage(t *testing.T) {
	t.Parallel()
	dir := testfixture.WriteModule(t, map[string]string{
		"a/a.go":      "package a\n\nfunc racy() {}\n\nfunc F() { racy() }\n",
		"b/b.go":      "package b\n\nvar X int = \"s\"\nvar Y = undefined\n",
		"b/b_test.go": "package b\n",
		"d/d.go":      "package d\n\nimport \"example.com/m/b\"\n\nvar Z = b.X\n",
		"e/e.go":      "package e\n\nimport \"C\"\n\nfunc racy() {}\n\nfunc E() { racy() }\n",
	})
	r := run(t, "-C", dir)
	if r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	if want := "a/a.go:5:12: RL001 check-then-update: call to racy\n\ta/a.go:3:6: declared here\n"; !strings.HasPrefix(r.stdout, want) {
		t.Errorf("stdout:\n%s\nwant it to start with:\n%s", r.stdout, want)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	var bLines []string
	for _, l := range lines {
		if strings.HasPrefix(l, "racelint: package example.com/m/b:") {
			bLines = append(bLines, l)
		}
	}
	// The count depends on how go list reports the errors (with
	// dependencies from export data it may repeat them); one line with
	// the first error and a count is the contract.
	if len(bLines) != 1 || !strings.Contains(bLines[0], ": b/b.go:3:13: ") || !strings.Contains(bLines[0], " more)") {
		t.Errorf("want exactly one line for package b with its first error and a count, got stderr:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "racelint: package example.com/m/d: not analysed: it imports example.com/m/b, which has errors\n") {
		t.Errorf("importer of a broken package not reported:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "analysis skipped") {
		t.Errorf("ill-typed packages should not be analysed:\n%s", r.stderr)
	}
}

func TestAnalyzerError(t *testing.T) {
	t.Parallel()
	dir := testfixture.WriteModule(t, map[string]string{
		"failing/f.go": "package failing\n",
		"a/a.go":       "package a\n\nfunc racy() {}\n\nfunc F() { racy() }\n",
	})
	r := run(t, "-C", dir)
	if r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	if r.stderr != "racelint: example.com/m/failing: boom\n" {
		t.Errorf("stderr %q", r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "a/a.go:5:12: ") {
		t.Errorf("stdout %q: other packages' findings missing", r.stdout)
	}
}

func TestFix(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	if err := os.Chmod(filepath.Join(dir, "a", "z.go"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := run(t, "-C", dir, "-fix")
	if r.code != ExitFindings || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r.stdout != racyText {
		t.Errorf("-fix should still print the findings; got:\n%s", r.stdout)
	}
	for name, want := range map[string]string{
		"a/a.go":      "package a\n\nfunc F() {\n\tsafe(); safe()\n}\n",
		"a/z.go":      "package a\n\nfunc G() { safe() }\n",
		"a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { safe() }\n",
		"b/b.go":      "package b\n\nfunc racy() {}\nfunc safe() {}\n\nfunc H() {\n\tsafe()\n}\n",
	} {
		if got := readFile(t, filepath.Join(dir, name)); got != want {
			t.Errorf("%s after -fix:\n%s\nwant:\n%s", name, got, want)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "a", "z.go")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode not preserved: %v %v", fi.Mode(), err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "a", ".*racelint*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("fixed module does not build: %v\n%s", err, out)
	}
	if again := run(t, "-C", dir); again.code != ExitClean || again.stdout != "" {
		t.Errorf("after -fix: exit %d, stdout %q", again.code, again.stdout)
	}
}

func TestDiff(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	before := snapshot(t, dir)
	r := run(t, "-C", dir, "-fix", "-diff", "./b", "./a")
	if r.code != ExitFindings || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := `--- a/a/a.go
+++ b/a/a.go
@@ -1,5 +1,5 @@
 package a
 
 func F() {
-	racy(); racy()
+	safe(); safe()
 }
--- a/a/a_test.go
+++ b/a/a_test.go
@@ -2,4 +2,4 @@
 
 import "testing"
 
-func TestF(t *testing.T) { racy() }
+func TestF(t *testing.T) { safe() }
--- a/a/z.go
+++ b/a/z.go
@@ -1,3 +1,3 @@
 package a
 
-func G() { racy() }
+func G() { safe() }
--- a/b/b.go
+++ b/b/b.go
@@ -4,5 +4,5 @@
 func safe() {}
 
 func H() {
-	racy()
+	safe()
 }
`
	if r.stdout != want {
		t.Errorf("-diff output:\n%s\nwant:\n%s", r.stdout, want)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Errorf("-diff modified files")
	}
	// -diff alone implies -fix.
	if alone := run(t, "-C", dir, "-diff", "./b", "./a"); alone.stdout != want {
		t.Errorf("-diff without -fix:\n%s", alone.stdout)
	}
}

// TestFixConflictsAndParseErrors checks that a file with overlapping fixes,
// or whose fixed text would not parse, is left byte-identical while other
// files are fixed.
func TestFixConflictsAndParseErrors(t *testing.T) {
	t.Parallel()
	dir := testfixture.WriteModule(t, map[string]string{
		"a/decl.go":   "package a\n\n" + decls,
		"a/clash.go":  "package a\n\nfunc F() {\n\tracy()\n\tclash()\n}\n",
		"a/broken.go": "package a\n\nfunc G() { racy(); broken() }\n",
		"a/ok.go":     "package a\n\nfunc H() { racy() }\n",
	})
	before := snapshot(t, dir)
	r := run(t, "-C", dir, "-fix")
	if r.code != ExitFindings {
		t.Errorf("exit %d, want %d", r.code, ExitFindings)
	}
	wantErr := "racelint: a/broken.go: fixed file would not parse ("
	if !strings.Contains(r.stderr, "racelint: a/clash.go: conflicting fixes, file left unchanged\n") || !strings.Contains(r.stderr, wantErr) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	after := snapshot(t, dir)
	for _, name := range []string{"a/clash.go", "a/broken.go", "a/decl.go"} {
		if !bytes.Equal(before[name], after[name]) {
			t.Errorf("%s changed:\n%s", name, after[name])
		}
	}
	if got := string(after["a/ok.go"]); got != "package a\n\nfunc H() { safe() }\n" {
		t.Errorf("a/ok.go not fixed:\n%s", got)
	}
}

func TestNormalize(t *testing.T) {
	e := func(s, end int, text string) edit { return edit{start: s, end: end, text: text} }
	for _, tc := range []struct {
		name     string
		edits    []edit
		conflict bool
		n        int
	}{
		{"disjoint", []edit{e(5, 6, "x"), e(0, 1, "y")}, false, 2},
		{"touching", []edit{e(0, 5, "x"), e(5, 6, "y")}, false, 2},
		{"identical", []edit{e(0, 5, "x"), e(0, 5, "x")}, false, 1},
		{"overlap", []edit{e(0, 5, "x"), e(4, 6, "y")}, true, 0},
		{"same range, different text", []edit{e(0, 5, "x"), e(0, 5, "y")}, true, 0},
		{"insert inside", []edit{e(0, 5, "x"), e(3, 3, "y")}, true, 0},
		{"insert at start", []edit{e(3, 5, "x"), e(3, 3, "y")}, false, 2},
		{"two inserts", []edit{e(3, 3, "x"), e(3, 3, "y")}, true, 0},
	} {
		got, conflict := normalize(tc.edits)
		if conflict != tc.conflict || len(got) != tc.n {
			t.Errorf("%s: got %v conflict=%v, want %d edits conflict=%v", tc.name, got, conflict, tc.n, tc.conflict)
		}
	}
	out, err := apply([]byte("0123456789"), []edit{e(0, 1, "A"), e(3, 3, "+"), e(3, 5, "B"), e(9, 10, "")})
	if err != nil || string(out) != "A12+B5678" {
		t.Errorf("apply = %q, %v", out, err)
	}
}

func TestExplainAndListRules(t *testing.T) {
	t.Parallel()
	if r := run(t, "-explain", "rl001"); r.code != ExitClean || r.stdout != "RL001 CHECK-THEN-UPDATE\n=======================\n" {
		t.Errorf("-explain rl001: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "-explain", "rl001", "-md"); r.code != ExitClean || r.stdout != "# RL001 check-then-update\n" {
		t.Errorf("-explain rl001 -md: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "-explain", "RL999"); r.code != ExitUsage || !strings.Contains(r.stderr, `racelint: -explain: no page for rule "RL999"`) {
		t.Errorf("-explain RL999: exit %d, stderr %q", r.code, r.stderr)
	}
	r := run(t, "-list-rules")
	if r.code != ExitClean {
		t.Fatalf("exit %d", r.code)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(analyzer.Rules()) || lines[0] != "RL001\tcheck-then-update\t"+analyzer.Rules()[0].Title {
		t.Errorf("-list-rules:\n%s", r.stdout)
	}
	if r := run(t, "-version"); r.stdout != "racelint version v9.9.9\n" {
		t.Errorf("-version: %q", r.stdout)
	}
}

func TestRulesFlagReachesAnalyzer(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	var got analyzer.Config
	capture := func(cfg analyzer.Config, pkgs []*packages.Package) (*analyzer.Program, error) {
		got = cfg
		return fakeAnalyzer(cfg, pkgs)
	}
	var out bytes.Buffer
	Run([]string{"-C", dir, "-rules", "RL002, rl003", "./..."}, Options{New: capture, Stdout: &out, Stderr: &out})
	if !slices.Equal(got.Rules, []string{"RL002", "rl003"}) {
		t.Errorf("the analyzer was built with rules %q\n%s", got.Rules, out.String())
	}
}

func TestIsVetInvocation(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"-V=full"}, true},
		{[]string{"-V"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/x/vet.cfg"}, true},
		{[]string{"-racelint.rules=RL001", "-json", "/tmp/x/vet.cfg"}, true},
		{[]string{"./a", "vet.cfg"}, false},
		{[]string{"-json", "./..."}, false},
	} {
		if got := IsVetInvocation(tc.args); got != tc.want {
			t.Errorf("IsVetInvocation(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// snapshot returns every file of the tree below dir by slash path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// A run that looked at nothing says so; a clean run on database code and a
// run whose findings a baseline hid do not.
func TestNothingCheckedHint(t *testing.T) {
	t.Parallel()
	const hint = "imports a supported database library, so nothing was checked"
	plain := testfixture.WriteModule(t, map[string]string{"a/a.go": "package a\n\nfunc F() int { return 1 }\n"})
	if r := run(t, "-C", plain, "./..."); r.code != ExitClean || !strings.Contains(r.stderr, hint) || r.stdout != "" {
		t.Errorf("no database import: exit %d, stdout %q, stderr %q; want exit 0 and the hint", r.code, r.stdout, r.stderr)
	}
	db := testfixture.WriteModule(t, map[string]string{"a/a.go": "package a\n\nimport \"database/sql\"\n\nfunc F(db *sql.DB) error { return db.Ping() }\n"})
	if r := run(t, "-C", db, "./..."); r.code != ExitClean || r.stderr != "" {
		t.Errorf("database/sql, no findings: exit %d, stderr %q; want exit 0 and no hint", r.code, r.stderr)
	}
	if r := run(t, "-C", plain, "-format", "json", "./..."); strings.Contains(r.stderr, hint) {
		t.Errorf("-format json printed the hint: %q", r.stderr)
	}
}

// TestUnanalysedDataLayer: packages that use a database library but do not
// type-check (here: one imports a broken package, as when the proxy
// refuses a module; one uses cgo without the C library) are named in a
// last line on stderr, so that a run that skipped the data layer does not
// read as clean.
func TestUnanalysedDataLayer(t *testing.T) {
	t.Parallel()
	dir := testfixture.WriteModule(t, map[string]string{
		"a/a.go":         "package a\n\nfunc racy() {}\n\nfunc F() { racy() }\n",
		"vendorish/v.go": "package vendorish\n\nvar X int = \"s\"\n",
		"store/store.go": "package store\n\nimport (\n\t\"database/sql\"\n\n\t\"example.com/m/vendorish\"\n)\n\nvar DB *sql.DB\nvar _ = vendorish.X\n",
		"img/img.go":     "package img\n\n// #include <no_such_library_racelint.h>\nimport \"C\"\n\nimport \"database/sql\"\n\nvar DB *sql.DB\n",
	})
	r := run(t, "-C", dir)
	if r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	want := "racelint: NOT ANALYSED: 2 packages that use a database library, because they do not load or type-check (errors above): example.com/m/img, example.com/m/store; races in them are not reported"
	if last != want {
		t.Errorf("last line of stderr:\n%s\nwant:\n%s\nstderr:\n%s", last, want, r.stderr)
	}
	if !strings.Contains(r.stdout, "a/a.go:5:12: RL001") {
		t.Errorf("the package that loads was not analysed:\n%s", r.stdout)
	}
}

// TestRefusedModule: a dependency whose go.mod the proxy cannot serve
// makes the go command fail for the whole module (here the main module is
// unpruned, go 1.16, so every go.mod of the graph is read). racelint names
// the module and why, and analyses every package that does not import it.
func TestRefusedModule(t *testing.T) {
	proxy := t.TempDir()
	if err := os.MkdirAll(filepath.Join(proxy, "example.invalid", "gone", "@v"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(proxy, "example.invalid", "gone", "@v", "list"), []byte("v1.0.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOPROXY", "file://"+filepath.ToSlash(proxy))
	t.Setenv("GONOSUMDB", "example.invalid")
	t.Setenv("GOFLAGS", "-mod=mod")
	dir := testfixture.WriteModule(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.16\n\nrequire example.invalid/gone v1.0.0\n",
		"a/a.go": "package a\n\nimport _ \"example.invalid/gone\"\n",
		"b/b.go": "package b\n\nfunc racy() {}\n\nfunc F() { racy() }\n",
	})
	before, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	r := run(t, "-C", dir, "./...")
	if r.code != ExitError {
		t.Errorf("exit %d, want %d", r.code, ExitError)
	}
	if !strings.Contains(r.stderr, "racelint: module example.invalid/gone@v1.0.0 cannot be loaded (reading file://") {
		t.Errorf("the refused module is not named:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "racelint: package example.com/m/a: ") {
		t.Errorf("the importer of the refused module is not reported:\n%s", r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "b/b.go:5:12: RL001") {
		t.Errorf("the package that loads was not analysed:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "go.mod")); string(after) != string(before) {
		t.Errorf("go.mod was changed:\n%s", after)
	}
}
