package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

// TestNewFromRev commits a module with one finding, then shifts it down
// and adds a second one in the work tree and a third in an untracked
// file: only the two new ones are reported.
func TestNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Parallel()
	dir := testfixture.WriteModule(t, map[string]string{
		"a/a.go": "package a\n\nfunc racy() {}\n\nfunc F() { racy() }\n",
	})
	commitAll(t, dir)
	// Shift the old finding down two lines and add a new one.
	if err := os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte("package a\n\n// moved\n// down\nfunc racy() {}\n\nfunc F() { racy() }\n\nfunc G() { racy() }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "b.go"), []byte("package a\n\nfunc H() { racy() }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "-C", dir, "-new-from-rev", "HEAD")
	if r.code != ExitFindings {
		t.Fatalf("exit %d, want %d\nstderr: %s", r.code, ExitFindings, r.stderr)
	}
	var got []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, "RL001") {
			got = append(got, strings.SplitN(l, ": ", 2)[0])
		}
	}
	want := []string{"a/a.go:9:12", "a/b.go:3:12"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("findings %q, want %q (the moved finding at a/a.go:7 is old)\n%s", got, want, r.stdout)
	}
	if r := run(t, "-C", dir, "-new-from-rev", "no-such-rev"); r.code != ExitUsage {
		t.Errorf("a bad revision: exit %d, want %d", r.code, ExitUsage)
	}
}

// TestNewFromRevRelatedPositions: a finding whose write did not change is
// new when a line of its read or check changed (dropping FOR UPDATE from
// the read is how a pull request usually creates a race), or when lines
// next to one of them were deleted. The fake analyzer's related position
// is the declaration of racy.
func TestNewFromRevRelatedPositions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Parallel()
	for _, tc := range []struct{ name, base, edited string }{
		{"edited", "package a\n\nfunc racy() {}\n\nfunc F() { racy() }\n", "package a\n\nfunc racy() { _ = 0 }\n\nfunc F() { racy() }\n"},
		{"deleted next to it", "package a\n\n// locked\nfunc racy() {}\n\nfunc F() { racy() }\n", "package a\n\nfunc racy() {}\n\nfunc F() { racy() }\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testfixture.WriteModule(t, map[string]string{"a/a.go": tc.base})
			commitAll(t, dir)
			if err := os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte(tc.edited), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, "-C", dir, "-new-from-rev", "HEAD")
			if r.code != ExitFindings || !strings.Contains(r.stdout, "a/a.go:5:12: RL001") {
				t.Errorf("exit %d, want the finding at a/a.go:5 reported as new\n%s%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// commitAll makes dir a git repository with everything in it committed.
func commitAll(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "base"}} {
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}
