package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

// newRaceSource is a second check-then-update race, in a function of its
// own, for the baseline test.
const newRaceSource = `
func Claim(ctx context.Context, db *sql.DB, leadID int64, owner string) error {
	var current sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT owner FROM leads WHERE id = $1", leadID).Scan(&current); err != nil {
		return err
	}
	if current.Valid {
		return nil
	}
	_, err := db.ExecContext(ctx, "UPDATE leads SET owner = $1 WHERE id = $2", owner, leadID)
	return err
}
`

// TestBaselineReportsOnlyNewFindings writes a baseline, moves the
// baselined race down by inserting lines above it and adds a new race:
// only the new one is reported (exit 3). Without the new race nothing is
// reported (exit 0).
func TestBaselineReportsOnlyNewFindings(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir := testfixture.WriteModule(t, map[string]string{"m.go": racySource})
	out, code := runIn(t, dir, bin, "-write-baseline", "racelint-baseline.json", "./...")
	if code != 0 || !strings.Contains(out, "wrote 1 findings to racelint-baseline.json") {
		t.Fatalf("-write-baseline: exit %d\n%s", code, out)
	}
	shifted := strings.Replace(racySource, "func Open(", "// Open records that an email was opened.\n//\n// It is racy, and baselined.\nfunc Open(", 1)
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "m.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(shifted)
	out, code = runIn(t, dir, bin, "-baseline", "racelint-baseline.json", "./...")
	if code != 0 || out != "" {
		t.Errorf("lines inserted above the baselined race: exit %d, want 0\n%s", code, out)
	}
	if all, _ := runIn(t, dir, bin, "./..."); !slices.Equal(findings(dir, all), []string{"m.go:21: RL001"}) {
		t.Fatalf("without the baseline: %q\n%s", findings(dir, all), all)
	}
	write(shifted + newRaceSource)
	out, code = runIn(t, dir, bin, "-baseline", "racelint-baseline.json", "./...")
	if got := findings(dir, out); code != 3 || !slices.Equal(got, []string{"m.go:33: RL001"}) {
		t.Errorf("one new race: exit %d, findings %q, want 3 and [m.go:33: RL001]\n%s", code, got, out)
	}
	// Editing the baselined race's read makes it new (its write line did
	// not change): the fingerprint covers every position.
	if edited := strings.Replace(shifted, "SELECT id, opened_at FROM emails", "SELECT id, opened_at FROM public.emails", 1); edited != shifted {
		write(edited)
		out, code = runIn(t, dir, bin, "-baseline", "racelint-baseline.json", "./...")
		if got := findings(dir, out); code != 3 || !slices.Equal(got, []string{"m.go:21: RL001"}) {
			t.Errorf("read edited: exit %d, findings %q, want 3 and [m.go:21: RL001]\n%s", code, got, out)
		}
		write(shifted + newRaceSource)
	} else {
		t.Error("racySource has no SELECT id, opened_at FROM emails to edit")
	}
	// The SARIF log carries the same filtering and a fingerprint.
	out, code = runIn(t, dir, bin, "-baseline", "racelint-baseline.json", "-format", "sarif", "./...")
	if code != 3 || strings.Count(out, `"ruleId": "RL001"`) != 1 || !strings.Contains(out, `"racelint/v2": "`) {
		t.Errorf("-format sarif with -baseline: exit %d\n%s", code, out)
	}
}

// TestConfigFileReachesWholeProgram checks that settings from a
// configuration file reach the whole-program analyzer (the only one that
// finds the cleanarch race), and that command-line flags override them.
func TestConfigFileReachesWholeProgram(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "cleanarch"))
	if err != nil {
		t.Fatal(err)
	}
	cfgDir := t.TempDir()
	cfg := filepath.Join(cfgDir, "racelint.yml")
	if err := os.WriteFile(cfg, []byte("# only transactions without a lock\nrules: [RL005]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := runIn(t, dir, bin, "-config", cfg, "./..."); code != 3 || !slices.Equal(findings(dir, out), []string{"service/service.go:74: RL005"}) {
		t.Errorf("-config with rules: [RL005]: exit %d, want 3 and the RL005 alone\n%s", code, out)
	}
	out, code := runIn(t, dir, bin, "-config", cfg, "-rules", "RL001", "./...")
	if got := findings(dir, out); code != 3 || !slices.Equal(got, []string{"service/service.go:50: RL001"}) {
		t.Errorf("-rules RL001 over the file: exit %d, findings %q\n%s", code, got, out)
	}
	if err := os.WriteFile(cfg, []byte("rules: [RL005]\ndisabled: [RL001]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := runIn(t, dir, bin, "-config", cfg, "./..."); code != 2 || !strings.Contains(out, `racelint.yml: line 2: unknown key "disabled"`) {
		t.Errorf("unknown key: exit %d, want 2\n%s", code, out)
	}
}
