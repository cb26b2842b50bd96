// Package testfixture holds what racelint's tests in every package share:
// writing a module to a temporary directory, building the racelint
// command once per test binary, and running a command for its output and
// exit code.
package testfixture

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

// DefaultGoMod is the go.mod WriteModule writes when files has none.
const DefaultGoMod = "module example.com/m\n\ngo 1.22\n"

// WriteModule writes files (slash-separated names relative to the module
// root) into a new temporary directory and returns it. A go.mod is added
// unless files has one.
func WriteModule(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = DefaultGoMod
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteTxtarModule writes the module archived in the txtar file name.
func WriteTxtarModule(t testing.TB, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return WriteModule(t, files)
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// Racelint builds the racelint command from this module once per test
// binary and returns its path. The binary lives in a temporary directory
// that outlives the test that asked; RemoveBinary, called from TestMain,
// removes it.
func Racelint(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "racelint-test-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "racelint")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/racelint/racelint/cmd/racelint")
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = errors.New("go build ./cmd/racelint: " + err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// Main runs the tests of a package that uses Racelint and removes the
// binary afterwards; call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	RemoveBinary()
	os.Exit(code)
}

// RemoveBinary removes the binary Racelint built, if any.
func RemoveBinary() {
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
}

// Run runs name with args in dir and returns its combined output and exit
// code; it fails the test only when the command cannot be started.
func Run(t testing.TB, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	return "", -1
}
