package proof_test

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/racelint/racelint/proof/harness"
)

// results collects what each case showed, for the results table of
// README.md.
var results = struct {
	sync.Mutex
	forced, stress map[string]harness.Result // by key
	rules          map[string][]string       // racelint's findings, by dir.func
	verdicts       bool                      // TestRacelintVerdicts ran
}{forced: map[string]harness.Result{}, stress: map[string]harness.Result{}, rules: map[string][]string{}}

// record keeps the result of case c in m (results.forced or
// results.stress).
func record(m map[string]harness.Result, c proofCase, res harness.Result) {
	results.Lock()
	defer results.Unlock()
	m[key(c)] = res
}

// The README's results table sits between these two lines, written by the
// suite (updateEnv=1) and compared with every complete run.
const (
	tableBegin = "<!-- results: written by the suite (PROOF_UPDATE=1 go test -count=1 .); do not edit by hand -->"
	tableEnd   = "<!-- end of results -->"
	updateEnv  = "PROOF_UPDATE"
	readmePath = "README.md"
)

// row is one line of the results table.
type row struct {
	db, scenario, lib, fn, expected, racelint, forced, unforced string
	// drift is the part of the row that must not change from run to run:
	// the unforced count of a racy variant and the exact forced count
	// are left out (both depend on scheduling), whether each is zero is
	// kept.
	drift string
}

func (r row) String() string {
	return fmt.Sprintf("| %s | %s | %s | `%s` | %s | %s | %s | %s |", r.db, r.scenario, r.lib, r.fn, r.expected, r.racelint, r.forced, r.unforced)
}

// resultRows renders every case of every database and reports how many
// cases did not run in full (no verdict, no forced run, or no unforced
// run where one exists).
func resultRows() (rows []row, missing int) {
	results.Lock()
	defer results.Unlock()
	cs := everyCase()
	sort.SliceStable(cs, func(i, j int) bool {
		if a, b := dbIndex(cs[i].db), dbIndex(cs[j].db); a != b {
			return a < b
		}
		return indexOf(scenarioOrder, cs[i].scenario) < indexOf(scenarioOrder, cs[j].scenario)
	})
	for _, c := range cs {
		r := row{db: c.db, scenario: c.scenario, lib: c.lib, fn: c.fn, expected: "silent", racelint: "silent", forced: "—", unforced: "—"}
		switch {
		case c.racy():
			r.expected = c.rule
		case c.miss != "":
			r.expected = "silent (known miss)"
		}
		if got := results.rules[key(c)]; len(got) > 0 {
			r.racelint = strings.Join(got, ",")
		}
		forcedClass, unforcedClass := "not run", "not run"
		if res, ok := results.forced[key(c)]; ok {
			r.forced = fmt.Sprint(res.Anomalies)
			forcedClass = zeroOrMore(res.Anomalies)
			if res.TimedOut {
				r.forced += " (serialised)"
				forcedClass += " (serialised)"
			}
		} else {
			missing++
		}
		if res, ok := results.stress[key(c)]; ok {
			r.unforced = fmt.Sprintf("%d / %d", res.Anomalies, res.Calls)
			unforcedClass = "ran"
			if !c.races() {
				unforcedClass = zeroOrMore(res.Anomalies)
			}
		} else if hasUnforcedRun(c) {
			missing++
		} else {
			unforcedClass = "—"
		}
		if !results.verdicts {
			missing++
		}
		r.drift = strings.Join([]string{r.db, r.scenario, r.lib, r.fn, r.expected, r.racelint, forcedClass, unforcedClass}, " | ")
		rows = append(rows, r)
	}
	return rows, missing
}

func zeroOrMore(n int) string {
	if n == 0 {
		return "0"
	}
	return "≥1"
}

// resultsTable renders the rows as the README's Markdown table.
func resultsTable(rows []row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| database | scenario | library | function | expected | racelint | anomalies, forced (%d callers) | anomalies / calls, %d×%d unforced |\n", forcedCallers, stressCallers, stressIters)
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		b.WriteString(r.String() + "\n")
	}
	return b.String()
}

// publishResults runs after a passing suite. A run that covered every case
// of every database rewrites the README's table when updateEnv is set and
// otherwise fails if the table differs from what ran (beyond the counts
// that vary from run to run), so the README cannot drift from the suite.
// A partial run (-run, a database skipped) only says so.
func publishResults() error {
	rows, missing := resultRows()
	if path := os.Getenv("PROOF_TABLE"); path != "" {
		if err := os.WriteFile(path, []byte(resultsTable(rows)), 0o644); err != nil {
			return err
		}
	}
	if missing > 0 {
		fmt.Fprintf(os.Stderr, "proof: %d case results missing (a partial run or a database skipped): %s not checked\n", missing, readmePath)
		return nil
	}
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		return err
	}
	head, rest, ok := bytes.Cut(readme, []byte(tableBegin+"\n"))
	if !ok {
		return fmt.Errorf("%s has no line %q", readmePath, tableBegin)
	}
	old, tail, ok := bytes.Cut(rest, []byte(tableEnd))
	if !ok {
		return fmt.Errorf("%s has no line %q after the table", readmePath, tableEnd)
	}
	if os.Getenv(updateEnv) != "" {
		var b bytes.Buffer
		b.Write(head)
		b.WriteString(tableBegin + "\n" + resultsTable(rows) + tableEnd)
		b.Write(tail)
		fmt.Fprintf(os.Stderr, "proof: %s: results table rewritten (%d rows)\n", readmePath, len(rows))
		return os.WriteFile(readmePath, b.Bytes(), 0o644)
	}
	if diff := tableDrift(string(old), rows); diff != "" {
		return fmt.Errorf("%s's results table does not match this run (rerun with %s=1 to rewrite it):\n%s", readmePath, updateEnv, diff)
	}
	return nil
}

// tableDrift compares the README's table with the rows of this run by
// their drift keys and lists the rows that differ.
func tableDrift(table string, rows []row) string {
	var documented []string
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 8 || strings.HasPrefix(cells[0], "---") || cells[0] == "database" {
			continue
		}
		cells[3] = strings.Trim(cells[3], "`")
		documented = append(documented, driftOf(cells))
	}
	var ran []string
	for _, r := range rows {
		ran = append(ran, r.drift)
	}
	var diff strings.Builder
	for _, d := range minus(documented, ran) {
		fmt.Fprintf(&diff, "  in README, not in this run: %s\n", d)
	}
	for _, d := range minus(ran, documented) {
		fmt.Fprintf(&diff, "  in this run, not in README: %s\n", d)
	}
	return diff.String()
}

// driftOf turns the cells of a README row back into its drift key, the
// way resultRows builds it.
func driftOf(cells []string) string {
	forced, unforced := cells[6], cells[7]
	forcedClass := "not run"
	if n, serialised, ok := parseCount(forced); ok {
		forcedClass = zeroOrMore(n)
		if serialised {
			forcedClass += " (serialised)"
		}
	}
	unforcedClass := "—"
	if n, _, ok := parseCount(unforced); ok {
		unforcedClass = "ran"
		if !strings.HasPrefix(cells[4], "RL") && cells[4] != "silent (known miss)" {
			unforcedClass = zeroOrMore(n)
		}
	}
	return strings.Join([]string{cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], forcedClass, unforcedClass}, " | ")
}

// parseCount reads "7", "0 (serialised)" or "3 / 1600" (the anomalies).
func parseCount(s string) (n int, serialised, ok bool) {
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil {
		return 0, false, false
	}
	return n, strings.HasSuffix(s, "(serialised)"), true
}

// minus lists the elements of a not in b, counting repeats.
func minus(a, b []string) []string {
	left := map[string]int{}
	for _, x := range b {
		left[x]++
	}
	var out []string
	for _, x := range a {
		if left[x] > 0 {
			left[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return len(xs)
}
