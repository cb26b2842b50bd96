package proof_test

import (
	"strings"
	"testing"
)

// TestTableDrift checks the drift check itself, without a database: a
// table read back from its own rendering matches, counts that vary from
// run to run do not count, a changed verdict or a twin's anomaly does.
func TestTableDrift(t *testing.T) {
	r := func(expected, racelint, forced, unforced, drift string) row {
		return row{db: "PostgreSQL", scenario: "counter increment", lib: "sqlx", fn: "IncrementRacy",
			expected: expected, racelint: racelint, forced: forced, unforced: unforced,
			drift: strings.Join([]string{"PostgreSQL", "counter increment", "sqlx", "IncrementRacy", expected, racelint, drift}, " | ")}
	}
	ran := []row{r("RL003", "RL003", "7", "1510 / 1600", "≥1 | ran")}
	if d := tableDrift(resultsTable(ran), ran); d != "" {
		t.Errorf("a table read back from its own rendering drifts:\n%s", d)
	}
	other := []row{r("RL003", "RL003", "5", "12 / 1400", "≥1 | ran")}
	if d := tableDrift(resultsTable(other), ran); d != "" {
		t.Errorf("run-to-run counts count as drift:\n%s", d)
	}
	for name, doc := range map[string]row{
		"verdict":          r("RL003", "silent", "7", "1510 / 1600", ""),
		"forced zero":      r("RL003", "RL003", "0", "1510 / 1600", ""),
		"unforced not run": r("RL003", "RL003", "7", "—", ""),
	} {
		if d := tableDrift(resultsTable([]row{doc}), ran); d == "" {
			t.Errorf("%s: a changed row is not reported as drift", name)
		}
	}
	twin := []row{{db: "MariaDB", scenario: "counter increment", lib: "GORM", fn: "Increment", expected: "silent", racelint: "silent",
		forced: "0", unforced: "0 / 1600", drift: "MariaDB | counter increment | GORM | Increment | silent | silent | 0 | 0"}}
	doc := twin[0]
	doc.unforced = "3 / 1600"
	if d := tableDrift(resultsTable([]row{doc}), twin); d == "" {
		t.Error("an atomic twin's unforced anomalies in the README are not reported as drift")
	}
}
