package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/analyzer/internal/testenv"
)

// TestExampleModule runs racelint over the bundled example module, which
// compiles against the real pgx, sqlx and GORM modules: every table entry
// is exercised against the real types, and every `// want` in the example
// must be reported, and nothing else.
func TestExampleModule(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real modules; skipped in -short mode")
	}
	dir, err := filepath.Abs(filepath.Join("..", "example"))
	if err != nil {
		t.Fatal(err)
	}
	testenv.DownloadExampleModules(t, dir)
	analysistest.Run(t, dir, analyzer.Analyzer, "./...")
}

// TestXormForkMirrorsXorm keeps example/xormforksvc a copy of
// example/xormsvc that differs only in the import path, package name and
// package comment: the fork must be held to every xorm case, including the
// ones added later.
func TestXormForkMirrorsXorm(t *testing.T) {
	body := func(pkg string) string {
		data, err := os.ReadFile(filepath.Join("..", "example", pkg, "service.go"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		s = s[strings.Index(s, "\nimport"):] // drop the package comment and clause
		return strings.ReplaceAll(s, `"github.com/xorm-io/xorm"`, `"xorm.io/xorm"`)
	}
	if body("xormsvc") != body("xormforksvc") {
		t.Error("example/xormforksvc/service.go has drifted from example/xormsvc/service.go: copy it again, changing only the import path, package clause and comment")
	}
}
