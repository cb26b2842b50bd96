package gclplugin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// golangciVersion is the golangci-lint release the end-to-end test builds
// a custom binary from; keep it equal to the version in .custom-gcl.yml.
const golangciVersion = "v2.15.0"

// TestGolangciLintEndToEnd installs golangci-lint from the module proxy,
// builds a custom binary with racelint as a module plugin from this
// working tree (golangci-lint custom, path: the repository root), runs it
// on the example module and checks that it reports exactly the
// file:line:rule findings of the standalone racelint command. It also
// runs golangci-lint run --fix on a copy of the example module.
//
// It takes minutes (it builds golangci-lint twice), so it runs only when
// CI=true or RACELINT_GOLANGCI_E2E is set, and never with -short.
//
// golangci-lint custom clones https://github.com/golangci/golangci-lint.git
// at the tag of the version. This test reaches only the Go module proxy,
// so it redirects that clone (git's url.<base>.insteadOf, passed through
// GIT_CONFIG_* variables, which golangci-lint keeps) to a local repository
// made from the module proxy's copy of the same version. Everything else
// golangci-lint custom does (plugin import file, go mod edit -replace,
// go mod tidy, go build) runs unchanged.
func TestGolangciLintEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the golangci-lint end-to-end test")
	}
	if os.Getenv("CI") != "true" && os.Getenv("RACELINT_GOLANGCI_E2E") == "" {
		t.Skip("set RACELINT_GOLANGCI_E2E=1 (or CI=true) to build golangci-lint with the racelint plugin")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("golangci-lint custom needs git:", err)
	}
	ctx := context.Background()
	if dl, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-10*time.Second))
		defer cancel()
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	example := filepath.Join(root, "example")
	tmp := t.TempDir()
	start := time.Now()
	step := func(name string, since time.Time) { t.Logf("%-40s %6.1fs", name, time.Since(since).Seconds()) }

	// 1. golangci-lint from the module proxy.
	t0 := time.Now()
	gobin := filepath.Join(tmp, "bin")
	run(t, ctx, tmp, []string{"GOBIN=" + gobin}, "go", "install", "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@"+golangciVersion)
	golangci := filepath.Join(gobin, "golangci-lint")
	step("go install golangci-lint", t0)

	// 2. A local git repository standing in for the GitHub clone.
	t0 = time.Now()
	mirror := localMirror(t, ctx, tmp)
	step("local golangci-lint repository", t0)

	// 3. golangci-lint custom, with the plugin from this working tree.
	t0 = time.Now()
	build := filepath.Join(tmp, "build")
	must(t, os.MkdirAll(build, 0o755))
	must(t, os.WriteFile(filepath.Join(build, ".custom-gcl.yml"), fmt.Appendf(nil, `version: %s
name: custom-gcl
destination: %s
plugins:
  - module: github.com/racelint/racelint
    import: github.com/racelint/racelint/cmd/gclplugin
    path: %s
`, golangciVersion, build, root), 0o644))
	gitEnv := []string{
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=url.file://" + filepath.ToSlash(mirror) + ".insteadOf",
		"GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git",
	}
	run(t, ctx, build, gitEnv, golangci, "custom", "-v")
	custom := filepath.Join(build, "custom-gcl")
	step("golangci-lint custom", t0)

	// 4. The standalone command on the example module.
	t0 = time.Now()
	racelint := filepath.Join(tmp, "racelint")
	run(t, ctx, root, nil, "go", "build", "-o", racelint, "./cmd/racelint")
	out, code := runCode(t, ctx, example, nil, racelint, "./...")
	if code != 3 {
		t.Fatalf("racelint ./... in example: exit %d, want 3\n%s", code, out)
	}
	want := standaloneFindings(out)
	step("racelint ./... (build and run)", t0)

	// 5. The custom golangci-lint on the same module.
	t0 = time.Now()
	cfg := writeGolangciConfig(t, tmp)
	cache := filepath.Join(tmp, "golangci-cache")
	env := []string{"GOLANGCI_LINT_CACHE=" + cache}
	out, code = runCode(t, ctx, example, env, custom, "run", "--config", cfg, "./...")
	if code != 1 {
		t.Fatalf("custom-gcl run: exit %d, want 1 (issues found)\n%s", code, out)
	}
	got, related := golangciFindings(t, out)
	step("custom-gcl run", t0)

	if len(want) == 0 {
		t.Fatal("the standalone command reported nothing on the example module")
	}
	if !slices.Equal(got, want) {
		t.Errorf("golangci-lint and racelint disagree on the example module\nonly golangci-lint:\n\t%s\nonly racelint:\n\t%s",
			strings.Join(minus(got, want), "\n\t"), strings.Join(minus(want, got), "\n\t"))
	}
	// One issue per finding: the read and the check are in its text, not
	// issues of their own that uniq-by-line would partly hide.
	if related != 0 {
		t.Errorf("golangci-lint printed %d issues that are not findings (related positions?), want none", related)
	}
	t.Logf("%d findings agree, one issue each", len(want))

	// 6. --fix on a copy. golangci-lint applies every suggested fix of
	// every issue (racelint -fix applies the first fix of each finding),
	// drops the issues that carry fixes from its report, and skips all of a
	// linter's edits to a file when two of them overlap. With no fixes on
	// offer it must leave the module unchanged and report everything; with
	// fixes it may only touch files that racelint -diff would change.
	t0 = time.Now()
	work := filepath.Join(tmp, "example-fix")
	copyTree(t, example, work)
	diff, _ := runCode(t, ctx, work, nil, racelint, "-diff", "./...")
	before := snapshot(t, work)
	out, code = runCode(t, ctx, work, env, custom, "run", "--config", cfg, "--fix", "./...")
	after := snapshot(t, work)
	changed := changedFiles(before, after)
	step("custom-gcl run --fix", t0)
	if strings.TrimSpace(diff) == "" {
		if len(changed) > 0 {
			t.Errorf("racelint offers no fixes, but golangci-lint --fix changed %v", changed)
		}
		if got, _ := golangciFindings(t, out); code != 1 || !slices.Equal(got, want) {
			t.Errorf("custom-gcl run --fix: exit %d, %d findings; want exit 1 and all %d findings still reported\n%s", code, len(got), len(want), out)
		}
		t.Logf("racelint offers no suggested fixes: golangci-lint --fix changed nothing and still reported every finding (exit %d)", code)
	} else {
		var fixable []string
		for _, line := range strings.Split(diff, "\n") {
			if name, ok := strings.CutPrefix(line, "+++ b/"); ok {
				fixable = append(fixable, filepath.Join(work, filepath.FromSlash(name)))
			}
		}
		for _, name := range changed {
			if !slices.Contains(fixable, name) {
				t.Errorf("golangci-lint --fix changed %s, which racelint has no fix for", name)
			}
		}
		got, _ := golangciFindings(t, out)
		t.Logf("racelint offers fixes in %d files; golangci-lint --fix changed %d of them and still reported %d of %d findings (exit %d)",
			len(fixable), len(changed), len(got), len(want), code)
		// The same files fixed by racelint -fix (first fix of each finding).
		work2 := filepath.Join(tmp, "example-racelint-fix")
		copyTree(t, example, work2)
		runCode(t, ctx, work2, nil, racelint, "-fix", "./...")
		same := 0
		for _, name := range changed {
			rel, _ := filepath.Rel(work, name)
			data, err := os.ReadFile(filepath.Join(work2, rel))
			if err == nil && string(data) == after[name] {
				same++
			} else {
				t.Logf("golangci-lint --fix and racelint -fix differ on %s", rel)
			}
		}
		t.Logf("%d of the %d files golangci-lint fixed are identical to racelint -fix's result", same, len(changed))
	}

	// 7. A panic in one function (the test hook of analyzer/internal/isolate)
	// is one issue of its own; every other finding is still reported, and
	// golangci-lint does not drop the linter's results.
	t0 = time.Now()
	const failing = "(*github.com/racelint/racelint/example/sqlsvc.Service).RecordOpenRacy"
	panicEnv := []string{"GOLANGCI_LINT_CACHE=" + filepath.Join(tmp, "golangci-cache-panic"), "RACELINT_TEST_PANIC=check:" + failing}
	out, code = runCode(t, ctx, example, panicEnv, custom, "run", "--config", cfg, "./...")
	step("custom-gcl run with an injected panic", t0)
	if !strings.Contains(out, "internal error while checking "+failing) || strings.Contains(out, "can't run linter") {
		t.Errorf("custom-gcl run with a panic in %s: exit %d, want an issue naming it and no failed linter\n%s", failing, code, out)
	}
	kept, _ := golangciFindings(t, out)
	for _, lost := range minus(want, kept) {
		if !strings.HasPrefix(lost, "sqlsvc/emails.go:") {
			t.Errorf("with a panic in %s, golangci-lint lost an unrelated finding: %s", failing, lost)
		}
	}
	if len(kept) == 0 || len(minus(kept, want)) > 0 {
		t.Errorf("with a panic in %s: %d findings, %d not in the standalone list", failing, len(kept), len(minus(kept, want)))
	}
	t.Logf("%-40s %6.1fs", "total", time.Since(start).Seconds())
}

// localMirror makes a git repository, tagged golangciVersion, from the
// module proxy's copy of golangci-lint and returns its directory.
func localMirror(t *testing.T, ctx context.Context, tmp string) string {
	out := run(t, ctx, tmp, nil, "go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+golangciVersion)
	var mod struct{ Dir string }
	if err := json.Unmarshal([]byte(out), &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	repo := filepath.Join(tmp, "golangci-lint.git")
	copyTree(t, mod.Dir, repo)
	git := []string{"-c", "user.name=racelint-e2e", "-c", "user.email=e2e@racelint.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"commit", "-q", "-m", "golangci-lint " + golangciVersion + " from the module proxy"},
		{"tag", golangciVersion},
	} {
		run(t, ctx, repo, cleanGitEnv(), "git", append(slices.Clone(git), args...)...)
	}
	return repo
}

// cleanGitEnv neutralises GIT_* variables of an enclosing git invocation.
func cleanGitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "GIT_") {
			env = append(env, k+"=")
		}
	}
	return env
}

// writeGolangciConfig writes a v2 configuration that enables only
// racelint and turns off golangci-lint's issue limits and per-line
// de-duplication, so that every finding is printed, as JSON on stdout.
func writeGolangciConfig(t *testing.T, dir string) string {
	name := filepath.Join(dir, "golangci.yml")
	must(t, os.WriteFile(name, []byte(`version: "2"
run:
  relative-path-mode: gomod
  tests: true
linters:
  default: none
  enable:
    - racelint
  settings:
    custom:
      racelint:
        type: module
        description: check-then-act races between Go code and the database
        original-url: https://github.com/racelint/racelint
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
output:
  formats:
    json:
      path: stdout
`), 0o644))
	return name
}

var standaloneRE = regexp.MustCompile(`(?m)^(\S+?\.go):(\d+):\d+: (RL\d{3})\b`)

// standaloneFindings returns the sorted, distinct "file:line:rule" of the
// CLI's text output.
func standaloneFindings(out string) []string {
	var set []string
	for _, m := range standaloneRE.FindAllStringSubmatch(out, -1) {
		set = append(set, m[1]+":"+m[2]+":"+m[3])
	}
	slices.Sort(set)
	return slices.Compact(set)
}

var ruleRE = regexp.MustCompile(`^(RL\d{3}) `)

// golangciFindings returns the sorted, distinct "file:line:rule" of
// golangci-lint's JSON output, and how many related-information issues
// (which golangci-lint prints as issues of their own) it skipped.
func golangciFindings(t *testing.T, out string) ([]string, int) {
	// The JSON report is the first line that parses; golangci-lint may
	// print warnings around it.
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	found := false
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "{") && json.Unmarshal([]byte(line), &report) == nil {
			found = true
			break
		}
	}
	if !found {
		t.Fatalf("no JSON report in golangci-lint's output:\n%s", out)
	}
	var set []string
	related := 0
	for _, is := range report.Issues {
		if is.FromLinter != Name {
			t.Errorf("issue from linter %q: %s", is.FromLinter, is.Text)
			continue
		}
		m := ruleRE.FindStringSubmatch(is.Text)
		if m == nil {
			related++
			continue
		}
		set = append(set, fmt.Sprintf("%s:%d:%s", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, m[1]))
	}
	slices.Sort(set)
	return slices.Compact(set), related
}

func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

func run(t *testing.T, ctx context.Context, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runCode(t, ctx, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s (in %s): exit %d\n%s", name, strings.Join(args, " "), dir, code, out)
	}
	return out
}

func runCode(t *testing.T, ctx context.Context, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return buf.String(), 0
	case errors.As(err, &exit) && ctx.Err() == nil:
		return buf.String(), exit.ExitCode()
	}
	t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, buf.String())
	return "", -1
}

// copyTree copies the regular files below src to dst, writable.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	must(t, err)
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	must(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	}))
	return files
}

func changedFiles(before, after map[string]string) []string {
	var out []string
	for name, data := range after {
		if old, ok := before[name]; !ok || old != data {
			out = append(out, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
