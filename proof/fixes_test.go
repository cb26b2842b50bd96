package proof_test

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fixedEnv names, in a copy of this module that racelint -fix rewrote, the
// functions whose code a suggested fix changed ("database/sql.WithdrawRacy,
// ..."): TestForcedInterleaving then expects them to show no anomaly.
const fixedEnv = "PROOF_FIXED"

// fixed is the set fixedEnv names.
func fixed() map[string]bool {
	set := map[string]bool{}
	for _, k := range strings.Split(os.Getenv(fixedEnv), ",") {
		if k != "" {
			set[k] = true
		}
	}
	return set
}

// TestFixesRemoveTheRace applies racelint -fix to a copy of the scenarios
// and runs the forced interleaving on the copy: every racy function a
// suggested fix rewrote must show no anomaly any more, against the same
// PostgreSQL. This is the proof that a fix closes the race it was offered
// for, not only that the fixed code is silent.
func TestFixesRemoveTheRace(t *testing.T) {
	if os.Getenv(fixedEnv) != "" {
		t.Skip("this is the fixed copy")
	}
	needDB(t)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "racelint")
	run := func(dir string, env []string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	if out, err := run(root, nil, "go", "build", "-o", bin, "./cmd/racelint"); err != nil {
		t.Fatalf("building racelint: %v\n%s", err, out)
	}
	copyDir := t.TempDir()
	if err := copyModule(".", copyDir, root); err != nil {
		t.Fatal(err)
	}
	if out, err := run(copyDir, nil, bin, "-q", "-fix", "./scenarios/..."); err != nil && !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("racelint -fix: %v\n%s", err, out)
	}
	changed, err := changedFuncs(".", copyDir)
	if err != nil {
		t.Fatal(err)
	}
	var racyFixed []string
	onMariaDB := map[string]bool{}
	for _, c := range everyCase() {
		if c.racy() && changed[key(c)] {
			racyFixed = append(racyFixed, key(c))
			onMariaDB[key(c)] = c.db == mariaDB
		}
	}
	sort.Strings(racyFixed)
	t.Logf("racy functions a fix rewrote: %s", strings.Join(racyFixed, ", "))
	if len(racyFixed) < 8 {
		t.Fatalf("only %d racy scenario functions got a fix; the proof needs the suite's fixes to apply", len(racyFixed))
	}
	// The copy runs the forced interleaving on both SQL databases: a fix
	// that holds on PostgreSQL may not on MariaDB (REPEATABLE READ, gap
	// locks, no RETURNING before 10.5).
	out, err := run(copyDir, []string{fixedEnv + "=" + strings.Join(racyFixed, ","), "PROOF_TABLE="},
		"go", "test", "-count=1", "-v", "-run", "^(TestForcedInterleaving|TestMariaDBForcedInterleaving)$", ".")
	if err != nil {
		t.Fatalf("the forced interleaving on the fixed scenarios failed: %v\n%s", err, out)
	}
	// Not vacuous: each fixed function ran against its database.
	var mariaFixed int
	for _, k := range racyFixed {
		dir, fn, _ := strings.Cut(k, ".")
		name := "TestForcedInterleaving/" + dir + "/" + fn
		if onMariaDB[k] {
			name = "TestMariaDBForcedInterleaving/MariaDB/" + dir + "/" + fn
			mariaFixed++
		}
		if !strings.Contains(out, "--- PASS: "+name+" ") {
			if onMariaDB[k] && strings.Contains(out, "SKIPPING the MariaDB proof") {
				t.Logf("%s: MariaDB is not installed here; its fix was not run", k)
				continue
			}
			t.Errorf("%s did not run in the fixed copy:\n%s", k, out)
		}
	}
	t.Logf("%d of the %d rewritten functions run on MariaDB", mariaFixed, len(racyFixed))
}

// copyModule copies the module in src to dst, pointing its replace of
// racelint at root.
func copyModule(src, dst, root string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, path)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if path == "go.mod" {
			data = bytes.ReplaceAll(data, []byte("=> ../"), []byte("=> "+root))
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// changedFuncs returns "pkgdir.Func" for every function of scenarios/
// whose body differs between the module in a and its copy in b.
func changedFuncs(a, b string) (map[string]bool, error) {
	out := map[string]bool{}
	files, err := filepath.Glob(filepath.Join(a, "scenarios", "*", "*.go"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		before, err := funcBodies(f)
		if err != nil {
			return nil, err
		}
		after, err := funcBodies(filepath.Join(b, f))
		if err != nil {
			return nil, err
		}
		pkg := filepath.Base(filepath.Dir(f))
		for name, body := range before {
			if after[name] != body {
				out[pkg+"."+name] = true
			}
		}
	}
	return out, nil
}

func funcBodies(file string) (map[string]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, fd.Body); err != nil {
			return nil, err
		}
		out[fd.Name.Name] = buf.String()
	}
	return out, nil
}
