package analyzer_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/racelint/racelint/analyzer/internal/testenv"
	"github.com/racelint/racelint/internal/testfixture"
)

// fixPackages hold findings with suggested fixes; every source file with a
// fix has a .golden file next to it (a txtar archive, one section per fix
// message, when a diagnostic offers alternatives).
var fixPackages = []string{"fixes/sql", "fixes/sqlx", "fixes/pgx", "fixes/gorm", "fixes/beego", "fixes/goqu", "fixes/ent"}

// TestSuggestedFixes compares the fixed sources with the golden files
// (go test -run TestSuggestedFixes -update rewrites them: review the diff).
func TestSuggestedFixes(t *testing.T) {
	t.Parallel()
	if *update {
		writeFixGoldens(t)
		return
	}
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), newDefault(t), fixPackages...)
}

// writeFixGoldens rewrites the golden file of every source file a fix
// edits, in the form analysistest reads: the file with every fix applied,
// or, where the golden is a txtar archive (a diagnostic offers
// alternatives), one section per fix message.
func writeFixGoldens(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), newDefault(t), fixPackages...)
	type edit struct {
		message string
		edit    analysis.TextEdit
	}
	byFile := map[string][]edit{}
	var fset *token.FileSet
	for _, r := range results {
		fset = r.Pass.Fset
		for _, d := range r.Diagnostics {
			for _, f := range d.SuggestedFixes {
				for _, e := range f.TextEdits {
					name := fset.File(e.Pos).Name()
					byFile[name] = append(byFile[name], edit{f.Message, e})
				}
			}
		}
	}
	apply := func(name string, edits []analysis.TextEdit) []byte {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tf := fset.File(edits[0].Pos)
		sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
		var out []byte
		last := 0
		for _, e := range edits {
			start, end := tf.Offset(e.Pos), tf.Offset(e.End)
			if start < last {
				t.Fatalf("%s: overlapping edits at offset %d", name, start)
			}
			out = append(append(out, src[last:start]...), e.NewText...)
			last = end
		}
		out = append(out, src[last:]...)
		formatted, err := format.Source(out)
		if err != nil {
			t.Fatalf("%s: fixed source does not parse: %v\n%s", name, err, out)
		}
		return formatted
	}
	for name, edits := range byFile {
		golden := name + ".golden"
		old, _ := txtar.ParseFile(golden)
		var data []byte
		if old == nil || len(old.Files) == 0 {
			var all []analysis.TextEdit
			for _, e := range edits {
				all = append(all, e.edit)
			}
			data = apply(name, all)
		} else {
			var messages []string
			byMessage := map[string][]analysis.TextEdit{}
			for _, e := range edits {
				if byMessage[e.message] == nil {
					messages = append(messages, e.message)
				}
				byMessage[e.message] = append(byMessage[e.message], e.edit)
			}
			sort.Strings(messages)
			ar := &txtar.Archive{Comment: old.Comment}
			for _, m := range messages {
				ar.Files = append(ar.Files, txtar.File{Name: m, Data: apply(name, byMessage[m])})
			}
			data = txtar.Format(ar)
		}
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", golden)
	}
}

// afterFix lists, for each golden variant ("file" or "file#message
// prefix"), the findings left in the fixed file as "Func:RULE", sorted.
// The finding a fix was for is gone, and no other finding takes its place
// in the fixed function: a fix that moves a check into the WHERE also
// reads the affected-row count, and an atomic write after a Go check also
// re-checks it. What remains is a finding that had no fix (Bounce: the
// write inside the if has no failure branch to repeat) or another
// message's fix.
var afterFix = map[string][]string{
	"fixes/ent/ent.go":                      {"IncrementByID:RL003"},
	"fixes/sql/counter.go":                  {"Double:RL003", "Like:RL003"},
	"fixes/sql/insert.go":                   {"EnsureContactWithID:RL002", "EnsureTag:RL002", "EnsureUser:RL002"},
	"fixes/sql/lockonly.go":                 {"StartConst:RL005"},
	"fixes/sql/recheck.go":                  {"Bounce:RL001", "Publish:RL001"},
	"fixes/sql/lock.go#Compute `qty`":       {"Claim:RL005"},
	"fixes/sql/lock.go#Lock the leads":      {"AddStock:RL005"},
	"fixes/sql/lock.go#Lock the stock":      {"Claim:RL005"},
	"fixes/sql/lock.go#Re-check owner_id":   {"AddStock:RL005"},
	"fixes/sqlx/sqlx.go#Compute balance":    {"Claim:RL005", "EnsureTag:RL002", "Open:RL001"},
	"fixes/sqlx/sqlx.go#Insert":             {"Claim:RL005", "Deposit:RL003", "Open:RL001"},
	"fixes/sqlx/sqlx.go#Lock":               {"Deposit:RL003", "EnsureTag:RL002", "Open:RL001"},
	"fixes/sqlx/sqlx.go#Re-check opened_at": {"Claim:RL005", "Deposit:RL003", "EnsureTag:RL002"},
	"fixes/pgx/pgx.go#Compute balance":      {"Ship:RL005", "Subscribe:RL002", "View:RL003"},
	"fixes/pgx/pgx.go#Compute views":        {"Ship:RL005", "Subscribe:RL002", "Withdraw:RL003"},
	"fixes/pgx/pgx.go#Insert":               {"Ship:RL005", "View:RL003", "Withdraw:RL003"},
	"fixes/pgx/pgx.go#Lock":                 {"Subscribe:RL002", "View:RL003", "Withdraw:RL003"},
	"fixes/pgx/pgx.go#Re-check":             {"Subscribe:RL002", "View:RL003", "Withdraw:RL003"},
	"fixes/gorm/counter.go#Compute value in the database: gorm.Expr(\"value +": {"Bump:RL003", "Take:RL003", "View:RL003"},
	"fixes/gorm/counter.go#Compute value in the database: gorm.Expr(\"value -": {"Add:RL005", "Bump:RL003", "View:RL003"},
	"fixes/gorm/counter.go#Compute views":                                      {"Add:RL005", "Bump:RL003", "Take:RL003"},
	"fixes/gorm/counter.go#Lock":                                               {"Bump:RL003", "Take:RL003", "View:RL003"},
	"fixes/gorm/insert.go":                                                     {"EnsureFOC:RL006", "EnsureGuest:RL002"},
	"fixes/gorm/lock.go":                                                       {},
}

// TestFixedCodeBuildsAndIsSilent writes every golden variant over its
// source in a copy of its package (one copy per variant, all in one
// GOPATH next to the stubs), builds them with the go command in GOPATH
// mode, and runs racelint on them: the findings the fix was for must be
// gone.
func TestFixedCodeBuildsAndIsSilent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	src := filepath.Join(analysistest.TestData(), "src")
	gopath := t.TempDir()
	copyTree(t, src, filepath.Join(gopath, "src"), "github.com", "gorm.io", "entgo.io", "fixes/ent/ent")
	type job struct {
		key, dir, file string
	}
	var jobs []job
	seen := map[string]bool{}
	for _, pkg := range fixPackages {
		goldens, err := filepath.Glob(filepath.Join(src, pkg, "*.go.golden"))
		if err != nil || len(goldens) == 0 {
			t.Fatalf("%s: no golden files (%v)", pkg, err)
		}
		for _, golden := range goldens {
			file := strings.TrimSuffix(golden, ".golden")
			rel := filepath.ToSlash(strings.TrimPrefix(file, src+string(filepath.Separator)))
			for _, v := range goldenVariants(t, golden) {
				key := rel
				if v.message != "" {
					key = matchKey(t, rel, v.message)
				}
				seen[key] = true
				dir := fmt.Sprintf("variants/v%02d", len(jobs))
				copyDir(t, filepath.Join(src, pkg), filepath.Join(gopath, "src", dir))
				if err := os.WriteFile(filepath.Join(gopath, "src", dir, filepath.Base(file)), v.data, 0o644); err != nil {
					t.Fatal(err)
				}
				jobs = append(jobs, job{key, dir, filepath.Base(file)})
			}
		}
	}
	env := append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=", "GOPROXY=off")
	run(t, filepath.Join(gopath, "src"), env, "go", "build", "./variants/...")
	found := findings(t, gopath, env, "./variants/...")
	for _, j := range jobs {
		got := found[j.dir+"/"+j.file]
		if got == nil {
			got = []string{}
		}
		want := afterFix[j.key]
		if !slices.Equal(got, want) {
			t.Errorf("%s (%s): findings after the fix:\n got %q\nwant %q", j.key, j.dir, got, want)
		}
	}
	for key := range afterFix {
		if !seen[key] {
			t.Errorf("afterFix[%q] matches no golden variant", key)
		}
	}
}

type variant struct {
	message string // "" for a plain golden file
	data    []byte
}

func goldenVariants(t *testing.T, golden string) []variant {
	ar, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if len(ar.Files) == 0 {
		return []variant{{data: ar.Comment}}
	}
	var out []variant
	for _, f := range ar.Files {
		out = append(out, variant{f.Name, f.Data})
	}
	return out
}

// matchKey returns the afterFix key "file#prefix" whose prefix starts
// message, so that the table need not repeat whole fix messages.
func matchKey(t *testing.T, file, message string) string {
	best := ""
	for k := range afterFix {
		f, prefix, ok := strings.Cut(k, "#")
		if ok && f == file && strings.HasPrefix(message, prefix) && len(k) > len(best) {
			best = k
		}
	}
	if best == "" {
		t.Fatalf("no afterFix entry for %s, fix %q", file, message)
	}
	return best
}

// copyTree copies the directories dirs of the GOPATH tree src into dst.
func copyTree(t *testing.T, src, dst string, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		root := filepath.Join(src, filepath.FromSlash(dir))
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			if !strings.HasSuffix(path, ".go") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// copyDir copies the Go files of directory from into to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(from, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// findings runs racelint on the packages matching pattern in gopath and
// returns their findings as "Func:RULE", sorted, by file path relative to
// gopath/src.
func findings(t *testing.T, gopath string, env []string, pattern string) map[string][]string {
	t.Helper()
	srcDir := filepath.Join(gopath, "src")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: srcDir, Env: env}
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("fixed packages do not load")
	}
	a := newDefault(t)
	g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for act := range g.All() {
		if !act.IsRoot || act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			rel, err := filepath.Rel(srcDir, posn.Filename)
			if err != nil {
				t.Fatal(err)
			}
			rel = filepath.ToSlash(rel)
			out[rel] = append(out[rel], enclosingFunc(act.Package.Syntax, d.Pos)+":"+d.Category)
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

func enclosingFunc(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd.Name.Name
			}
		}
	}
	return "?"
}

// TestFixExampleModule applies every first fix to a copy of the example
// module with the racelint command (racelint -fix ./...), then requires
// the fixed module to build, to be gofmt-clean, and to report fewer
// findings; the numbers are logged.
func TestFixExampleModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and the real modules")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	bin := testfixture.Racelint(t)

	dir := filepath.Join(work, "example")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "example"))); err != nil {
		t.Fatal(err)
	}
	testenv.DownloadExampleModules(t, dir)
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")

	before := countFindings(t, bin, dir, env)
	fix := exec.Command(bin, "-fix", "./...")
	fix.Dir, fix.Env = dir, env
	var stderr bytes.Buffer
	fix.Stdout, fix.Stderr = &bytes.Buffer{}, &stderr
	if err := fix.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			t.Fatalf("racelint -fix: %v\n%s", err, stderr.String())
		}
	}
	if stderr.Len() > 0 {
		t.Errorf("racelint -fix reported problems:\n%s", stderr.String())
	}
	run(t, dir, env, "go", "build", "./...")
	run(t, dir, env, "go", "vet", "./...")
	if out := run(t, dir, env, "gofmt", "-l", "."); strings.TrimSpace(out) != "" {
		t.Errorf("fixed files are not gofmt-clean:\n%s", out)
	}
	after := countFindings(t, bin, dir, env)

	total := func(m map[string]int) (n int) {
		for _, c := range m {
			n += c
		}
		return n
	}
	var rules []string
	for r := range before {
		rules = append(rules, r)
	}
	for r := range after {
		if _, ok := before[r]; !ok {
			rules = append(rules, r)
		}
	}
	sort.Strings(rules)
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "  %s %3d -> %3d\n", r, before[r], after[r])
	}
	t.Logf("example module: %d findings before -fix, %d after (%d gone)\n%s", total(before), total(after), total(before)-total(after), b.String())
	if total(after) >= total(before) {
		t.Errorf("-fix removed no finding")
	}
	// The rules whose fixes close the race outright must go down.
	for _, r := range []string{"RL002", "RL003", "RL005"} {
		if before[r] > 0 && after[r] >= before[r] {
			t.Errorf("%s: %d findings before -fix, %d after", r, before[r], after[r])
		}
	}
}

// countFindings runs racelint -json in dir and counts the diagnostics by
// category.
func countFindings(t *testing.T, bin, dir string, env []string) map[string]int {
	t.Helper()
	cmd := exec.Command(bin, "-json", "./...")
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			t.Fatalf("racelint -json: %v\n%s", err, stderr.String())
		}
	}
	counts := map[string]int{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if c, ok := x["category"].(string); ok {
				if _, ok := x["posn"]; ok {
					counts[c]++
					return
				}
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	dec := json.NewDecoder(&stdout)
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			break
		}
		walk(v)
	}
	if len(counts) == 0 {
		t.Fatalf("racelint -json reported nothing in %s", dir)
	}
	return counts
}

// TestFixesAreGofmtClean applies each fix as racelint -fix would (raw
// edits, no formatting) and requires gofmt-clean output.
func TestFixesAreGofmtClean(t *testing.T) {
	for _, r := range analysistest.Run(t, analysistest.TestData(), newDefault(t), fixPackages...) {
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				out, name := applyRaw(t, fset, fix)
				if formatted, err := format.Source(out); err != nil || !bytes.Equal(formatted, out) {
					t.Errorf("%s: fix %q: output is not gofmt-clean (%v)", name, fix.Message, err)
				}
			}
		}
	}
}

func applyRaw(t *testing.T, fset *token.FileSet, fix analysis.SuggestedFix) ([]byte, string) {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	name := ""
	for _, e := range fix.TextEdits {
		p := fset.Position(e.Pos)
		if name != "" && p.Filename != name {
			t.Fatalf("fix %q edits two files", fix.Message)
		}
		name = p.Filename
		edits = append(edits, edit{p.Offset, fset.Position(e.End).Offset, string(e.NewText)})
	}
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	for _, e := range edits {
		src = slices.Concat(src[:e.start], []byte(e.text), src[e.end:])
	}
	return src, name
}
