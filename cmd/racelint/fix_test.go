package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

// TestExampleFixClosesRaces applies -fix to a copy of the bundled example
// and checks the property every suggested fix must have: the fixed module
// builds, and no function a fix edited is reported again for the rule
// that was fixed, nor for the rules a half-done fix hands over to (RL001
// for an atomic write still behind a Go check, RL004 for a re-check
// whose affected-row count nobody reads).
func TestExampleFixClosesRaces(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example module against the real libraries")
	}
	bin := testfixture.Racelint(t)
	src, err := filepath.Abs(filepath.Join("..", "..", "example"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyModule(t, src, dir)

	out, code := runIn(t, dir, bin, "-json", "./...")
	if code != 0 && code != 3 {
		t.Fatalf("racelint -json: exit %d\n%s", code, out)
	}
	// What -fix applies: each finding's first fix.
	type edit struct {
		Filename   string `json:"filename"`
		Start, End int
	}
	var report map[string]map[string][]struct {
		Category string `json:"category"`
		Fixes    []struct {
			Edits []edit `json:"edits"`
		} `json:"suggested_fixes"`
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &report); err != nil {
		t.Fatalf("decoding -json: %v", err)
	}
	fixed := map[string]string{} // "file:Func" -> rule its fix was for
	for _, byAnalyzer := range report {
		for _, diags := range byAnalyzer {
			for _, d := range diags {
				if len(d.Fixes) == 0 {
					continue
				}
				for _, e := range d.Fixes[0].Edits {
					if fn := funcAtOffset(t, e.Filename, e.Start); fn != "" {
						fixed[relTo(dir, e.Filename)+":"+fn] = d.Category
					}
				}
			}
		}
	}
	if len(fixed) < 10 {
		t.Fatalf("only %d functions have a fix; the example should exercise every kind", len(fixed))
	}
	if out, code := runIn(t, dir, bin, "-fix", "./..."); code != 0 && code != 3 {
		t.Fatalf("racelint -fix: exit %d\n%s", code, out)
	}
	if out, code := runIn(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("the fixed example does not build:\n%s", out)
	}
	after, _ := runIn(t, dir, bin, "./...")
	for _, line := range strings.Split(after, "\n") {
		m := findingRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		lineNo, _ := strconv.Atoi(m[2])
		fn := funcAtLine(t, file, lineNo)
		rule, ok := fixed[relTo(dir, file)+":"+fn]
		if !ok {
			continue
		}
		if got := m[3]; got == rule || got == "RL001" || got == "RL004" {
			t.Errorf("%s, fixed for %s, is still reported: %s", fn, rule, line)
		}
	}
}

// funcAtOffset names the function declaration holding byte offset off.
func funcAtOffset(t *testing.T, file string, off int) string {
	return enclosingDecl(t, file, func(fset *token.FileSet, d *ast.FuncDecl) bool {
		f := fset.File(d.Pos())
		return f.Offset(d.Pos()) <= off && off <= f.Offset(d.End())
	})
}

// funcAtLine names the function declaration holding line.
func funcAtLine(t *testing.T, file string, line int) string {
	return enclosingDecl(t, file, func(fset *token.FileSet, d *ast.FuncDecl) bool {
		return fset.Position(d.Pos()).Line <= line && line <= fset.Position(d.End()).Line
	})
}

func enclosingDecl(t *testing.T, file string, holds func(*token.FileSet, *ast.FuncDecl) bool) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && holds(fset, fd) {
			return fd.Name.Name
		}
	}
	return ""
}

// copyModule copies the module tree src into dst.
func copyModule(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
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
