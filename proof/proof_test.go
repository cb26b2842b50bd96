package proof_test

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/proof/scenarios/bunproof"
	"github.com/racelint/racelint/proof/scenarios/entproof"
	"github.com/racelint/racelint/proof/scenarios/gormmyproof"
	"github.com/racelint/racelint/proof/scenarios/gormproof"
	"github.com/racelint/racelint/proof/scenarios/pgxproof"
	"github.com/racelint/racelint/proof/scenarios/popproof"
	"github.com/racelint/racelint/proof/scenarios/sqlmyproof"
	"github.com/racelint/racelint/proof/scenarios/sqlproof"
	"github.com/racelint/racelint/proof/scenarios/sqlxmyproof"
	"github.com/racelint/racelint/proof/scenarios/sqlxproof"
	"github.com/racelint/racelint/proof/scenarios/sqproof"

	"github.com/racelint/racelint/proof/harness"
)

type ctxT = context.Context

// nilStores holds a nil Store of each SQL scenario package but xorm's
// (its cases are xormCases), by package directory.
var nilStores = map[string]store{
	"sqlproof":    (*sqlproof.Store)(nil),
	"sqlxproof":   (*sqlxproof.Store)(nil),
	"pgxproof":    (*pgxproof.Store)(nil),
	"gormproof":   (*gormproof.Store)(nil),
	"bunproof":    (*bunproof.Store)(nil),
	"sqproof":     (*sqproof.Store)(nil),
	"entproof":    (*entproof.Store)(nil),
	"popproof":    (*popproof.Store)(nil),
	"sqlmyproof":  (*sqlmyproof.Store)(nil),
	"sqlxmyproof": (*sqlxmyproof.Store)(nil),
	"gormmyproof": (*gormmyproof.Store)(nil),
}

const (
	forcedCallers  = 8               // callers of a forced run
	barrierTimeout = 2 * time.Second // a variant that serialises its callers blocks before the barrier
	stressCallers  = 32
	stressIters    = 50
	stressMaxDur   = 20 * time.Second // no call starts later than this into a stress run
)

// key names a case by its scenario package and function, the way
// racelint's findings are grouped.
func key(c proofCase) string { return c.dir + "." + c.fn }

// TestRacelintVerdicts runs racelint (analysistest, module mode) over
// scenarios/...: every `// want` must be reported and nothing else. Then
// it checks the verdicts function by function against the case table:
// each racy function is reported with its rule, each atomic twin is
// silent (the Redis table of redis_test.go too, with its known misses
// logged). The pause hook is in every function, so this also shows that it
// does not change racelint's analysis.
func TestRacelintVerdicts(t *testing.T) {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	downloadModules(t, dir)
	a, err := analyzer.New(analyzer.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	res := analysistest.Run(t, dir, a, "./scenarios/...")

	got := map[string][]string{} // dir.func -> rules reported inside it
	for _, r := range res {
		if r.Action == nil || r.Action.Err != nil {
			t.Errorf("analysis failed: %v", r.Action.Err)
			continue
		}
		pkg := r.Action.Package
		dir := filepath.Base(pkg.PkgPath)
		for _, d := range r.Action.Diagnostics {
			fn := enclosingFunc(pkg.Syntax, d.Pos)
			rule, _, _ := strings.Cut(d.Message, " ")
			got[dir+"."+fn] = append(got[dir+"."+fn], rule)
		}
	}
	results.Lock()
	results.rules = got
	results.verdicts = true
	results.Unlock()
	checkVerdicts(t, got, everyCase())
}

func enclosingFunc(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		if pos < f.Pos() || pos > f.End() {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos <= fd.End() {
				return fd.Name.Name
			}
		}
	}
	return "?"
}

// downloadModules puts the proof module's dependencies in the module
// cache: analysistest loads scenarios/... in module mode.
func downloadModules(t *testing.T, dir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		msg := fmt.Sprintf("`go mod download` in %s: %v\n%s", dir, err, out.String())
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("\n*** SKIPPING racelint's verdicts on the proof scenarios: modules unavailable ***\n" + msg)
	}
}

// TestForcedInterleaving runs every function with 8 callers that all read
// before any writes (a barrier between read and write): each racy variant
// shows at least one anomaly, each atomic twin none.
func TestForcedInterleaving(t *testing.T) {
	e := needDB(t)
	for _, c := range allCases() {
		t.Run(c.dir+"/"+c.fn, func(t *testing.T) {
			ctx := context.Background()
			res, err := harness.Forced(ctx, e.admin, c.sc, forcedCallers, barrierTimeout)
			if err != nil {
				t.Fatal(err)
			}
			record(results.forced, c, res)
			t.Logf("%s, %s %s: %v", c.scenario, c.lib, c.fn, res)
			if len(res.Errors) > 0 {
				t.Fatalf("unexpected errors: %v", res.Errors)
			}
			if fixed()[key(c)] {
				// A copy rewritten by racelint -fix (TestFixesRemoveTheRace).
				if res.Anomalies != 0 {
					t.Errorf("%s (%s), rewritten by its suggested fix, still shows %d anomalies: %v", c.fn, c.rule, res.Anomalies, res)
				}
				return
			}
			if c.racy() && res.Anomalies == 0 {
				t.Errorf("racy %s (%s) showed no anomaly under the forced interleaving: %v", c.fn, c.rule, res)
			}
			if !c.racy() && res.Anomalies != 0 {
				t.Errorf("atomic %s showed %d anomalies under the forced interleaving: %v", c.fn, res.Anomalies, res)
			}
		})
	}
}

// TestHighConcurrency runs every function with 32 goroutines × 50 calls
// and no pause: no atomic twin shows an anomaly. The racy variants' counts
// are recorded for the report only: without the barrier a race is likely,
// not certain.
func TestHighConcurrency(t *testing.T) {
	e := needDB(t)
	for _, c := range allCases() {
		t.Run(c.dir+"/"+c.fn, func(t *testing.T) {
			ctx := context.Background()
			res, err := harness.Stress(ctx, e.admin, c.sc, stressCallers, stressIters, stressMaxDur)
			if err != nil {
				t.Fatal(err)
			}
			record(results.stress, c, res)
			t.Logf("%s, %s %s: %v", c.scenario, c.lib, c.fn, res)
			if len(res.Errors) > 0 {
				t.Fatalf("unexpected errors: %v", res.Errors)
			}
			if !c.racy() && res.Anomalies != 0 {
				t.Errorf("atomic %s showed %d anomalies under %d×%d concurrent calls: %v", c.fn, res.Anomalies, stressCallers, stressIters, res)
			}
		})
	}
}
