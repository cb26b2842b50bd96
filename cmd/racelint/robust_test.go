package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

// TestLoadShapes runs racelint in every way a user does on a module whose
// packages are loaded in the shapes that made SSA construction panic
// (testdata/loadshapes.txtar): nothing panics and the race is reported
// each time.
func TestLoadShapes(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir := testfixture.WriteTxtarModule(t, "testdata/loadshapes.txtar")
	race := regexp.MustCompile(`(?m)^store/store.go:19:12: RL001 `)
	for _, args := range [][]string{
		{"./..."},
		{"-test=false", "./..."},
		{"./store/...", "./api/..."},
		{"./store/...", "./testutil/..."},
	} {
		out, code := runIn(t, dir, bin, args...)
		if code != 3 || !race.MatchString(out) || strings.Contains(out, "panic") || strings.Contains(out, "internal error") {
			t.Errorf("racelint %s: exit %d, want 3 with the store.Open race and no panic\n%s", strings.Join(args, " "), code, out)
		}
	}
	out, code := runIn(t, dir, "go", "vet", "-vettool="+bin, "./...")
	if code == 0 || !strings.Contains(out, "store.go:19:12: RL001") || strings.Contains(out, "panic") {
		t.Errorf("go vet -vettool: exit %d, want the store.Open race and no panic\n%s", code, out)
	}
}

// TestInjectedPanic injects a panic into one function (the test hook of
// analyzer/internal/isolate) and checks, in the standalone command and
// under go vet, that the run goes on: the error names the package, the
// function and the panic, the other package's finding is printed, and the
// exit code is 1 (some packages were not analysed, docs/drivers.md).
func TestInjectedPanic(t *testing.T) {
	bin := testfixture.Racelint(t)
	dir := testfixture.WriteTxtarModule(t, "testdata/loadshapes.txtar")
	for _, hook := range []string{"summarise:example.com/m/mid.Open", "check:example.com/m/mid.Open", "ssa:example.com/m/mid"} {
		t.Run(hook, func(t *testing.T) {
			t.Setenv("RACELINT_TEST_PANIC", hook)
			// go vet caches a package's result by its inputs, not by the
			// environment: a flag that names the hook makes each run new.
			nonce := "-racelint.skip-tables=" + strings.NewReplacer(":", "_", ".", "_", "/", "_").Replace(hook)
			for _, cmd := range [][]string{{bin, "./..."}, {"go", "vet", "-vettool=" + bin, nonce, "./..."}} {
				out, code := runIn(t, dir, cmd[0], cmd[1:]...)
				for _, want := range []string{"example.com/m/mid: internal error while ", "panic: injected", "please report", "store.go:19:12: RL001"} {
					if !strings.Contains(out, want) {
						t.Errorf("%s: output does not say %q", strings.Join(cmd, " "), want)
					}
				}
				if code != 1 || strings.Contains(out, "goroutine ") {
					t.Errorf("%s: exit %d, want 1 and no crash\n%s", strings.Join(cmd, " "), code, out)
				}
			}
		})
	}
}
