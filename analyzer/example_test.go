package analyzer_test

import (
	"path/filepath"
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
