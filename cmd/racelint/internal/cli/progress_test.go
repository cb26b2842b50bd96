package cli

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/racelint/racelint/analyzer"
)

// TestProgressOnTerminal: on a terminal a run shows where it is while it
// loads and analyses, then ends with a summary line; with -q, or when
// stderr is not a terminal (every other test), it prints neither.
func TestProgressOnTerminal(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	runTTY := func(args ...string) (string, int) {
		var stdout, stderr bytes.Buffer
		code := Run(args, Options{
			New: fakeAnalyzer, Rules: analyzer.Rules(), Stdout: &stdout, Stderr: &stderr,
			Terminal: func(io.Writer) bool { return true },
		})
		return stderr.String(), code
	}
	stderr, code := runTTY("-C", dir, "./...")
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"\r\033[Kracelint: loading ./...", "racelint: analysing ", " of "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not show %q:\n%q", want, stderr)
		}
	}
	// The status line is rewritten in place ("\r\033[K"); what is left
	// on the screen after the last rewrite is the summary.
	screen := stderr[strings.LastIndex(stderr, "\r\033[K")+len("\r\033[K"):]
	last := strings.TrimRight(screen, "\n")
	if !regexp.MustCompile(`^racelint: 5 findings \(RL001 5\) in 2 packages, 0 not analysed, \d+\.\d s$`).MatchString(last) {
		t.Errorf("last line %q is not the summary", last)
	}
	if stderr, _ := runTTY("-C", dir, "-q", "./..."); stderr != "" {
		t.Errorf("-q printed %q", stderr)
	}
}
