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
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/proof/scenarios/bunproof"
	"github.com/racelint/racelint/proof/scenarios/gormproof"
	"github.com/racelint/racelint/proof/scenarios/pgxproof"
	"github.com/racelint/racelint/proof/scenarios/sqlproof"
	"github.com/racelint/racelint/proof/scenarios/sqlxproof"
	"github.com/racelint/racelint/proof/scenarios/sqproof"

	"github.com/racelint/racelint/proof/harness"
)

type ctxT = context.Context

var nilStores = map[string]store{
	"database/sql": (*sqlproof.Store)(nil),
	"sqlx":         (*sqlxproof.Store)(nil),
	"pgx":          (*pgxproof.Store)(nil),
	"GORM":         (*gormproof.Store)(nil),
	"bun":          (*bunproof.Store)(nil),
	"squirrel":     (*sqproof.Store)(nil),
}

const (
	forcedCallers  = 8               // callers of a forced run
	barrierTimeout = 2 * time.Second // a variant that serialises its callers blocks before the barrier
	stressCallers  = 32
	stressIters    = 50
	stressMaxDur   = 20 * time.Second // no call starts later than this into a stress run
)

// results collects what each case showed, for the README table.
var results = struct {
	sync.Mutex
	forced, stress map[string]harness.Result
	rules          map[string][]string
}{forced: map[string]harness.Result{}, stress: map[string]harness.Result{}, rules: map[string][]string{}}

func key(c proofCase) string { return c.lib + "." + c.fn }

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

	got := map[string][]string{} // lib.func -> rules reported inside it
	for _, r := range res {
		if r.Action == nil || r.Action.Err != nil {
			t.Errorf("analysis failed: %v", r.Action.Err)
			continue
		}
		pkg := r.Action.Package
		lib := ""
		for l, d := range pkgDir {
			if strings.HasSuffix(pkg.PkgPath, "/"+d) {
				lib = l
			}
		}
		for _, d := range r.Action.Diagnostics {
			fn := enclosingFunc(pkg.Syntax, d.Pos)
			rule, _, _ := strings.Cut(d.Message, " ")
			got[lib+"."+fn] = append(got[lib+"."+fn], rule)
		}
	}
	results.Lock()
	results.rules = got
	results.Unlock()
	for _, c := range allCases() {
		rules := got[key(c)]
		switch {
		case c.racy() && (len(rules) != 1 || rules[0] != c.rule):
			t.Errorf("%s %s (%s): racelint reported %v, want [%s]", c.lib, c.fn, c.scenario, rules, c.rule)
		case !c.racy() && len(rules) > 0:
			t.Errorf("%s %s (%s): racelint reported %v on the atomic twin, want nothing", c.lib, c.fn, c.scenario, rules)
		}
	}
	checkRedisVerdicts(t, got)
	checkVerdicts(t, got, xormCases(nil)) // xorm_test.go
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
		t.Run(short(c.lib)+"/"+c.fn, func(t *testing.T) {
			ctx := context.Background()
			res, err := harness.Forced(ctx, e.admin, c.sc, forcedCallers, barrierTimeout)
			if err != nil {
				t.Fatal(err)
			}
			results.Lock()
			results.forced[key(c)] = res
			results.Unlock()
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
		t.Run(short(c.lib)+"/"+c.fn, func(t *testing.T) {
			ctx := context.Background()
			res, err := harness.Stress(ctx, e.admin, c.sc, stressCallers, stressIters, stressMaxDur)
			if err != nil {
				t.Fatal(err)
			}
			results.Lock()
			results.stress[key(c)] = res
			results.Unlock()
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

// resultsTable renders the README's table from this run.
func resultsTable() string {
	results.Lock()
	defer results.Unlock()
	cs := allCases()
	sort.SliceStable(cs, func(i, j int) bool {
		return indexOf(scenarioOrder, cs[i].scenario) < indexOf(scenarioOrder, cs[j].scenario)
	})
	var b strings.Builder
	fmt.Fprintf(&b, "| scenario | library | function | expected | racelint | anomalies, forced (%d callers) | anomalies / calls, %d×%d unforced |\n", forcedCallers, stressCallers, stressIters)
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, c := range cs {
		want := "silent"
		if c.racy() {
			want = c.rule
		}
		got := strings.Join(results.rules[key(c)], ",")
		if got == "" {
			got = "silent"
		}
		forced, stress := "—", "—"
		if r, ok := results.forced[key(c)]; ok {
			forced = fmt.Sprintf("%d", r.Anomalies)
			if r.TimedOut {
				forced += " (serialised)"
			}
		}
		if r, ok := results.stress[key(c)]; ok {
			stress = fmt.Sprintf("%d / %d", r.Anomalies, r.Calls)
		}
		fmt.Fprintf(&b, "| %s | %s | `%s` | %s | %s | %s | %s |\n", c.scenario, c.lib, c.fn, want, got, forced, stress)
	}
	return b.String()
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return len(xs)
}
