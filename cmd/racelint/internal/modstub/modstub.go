// Package modstub lets a module load when some of its dependencies cannot
// be downloaded. When the module proxy refuses a module that the build
// list needs (a retracted pseudo-version, a private fork), the go command
// cannot load any package of the module at all, and a linter would report
// nothing. modstub finds the modules the go command could not get and
// writes a temporary copy of go.mod (used through -modfile, so the user's
// files are never touched) that replaces each with an empty module: the
// packages that import them then fail to type-check and are reported as
// not analysed, and every other package loads.
package modstub

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Module is a dependency the go command could not download.
type Module struct {
	Path, Version string
	Reason        string // the go command's words, first line
}

func (m Module) String() string { return m.Path + "@" + m.Version }

// refusedRE matches the go command's report of a module it could not get:
// "go: example.com/x@v1.2.3: reading https://proxy/.../v1.2.3.mod: 403 Forbidden".
var refusedRE = regexp.MustCompile(`(?m)^go: ([^\s@]+)@(v[^\s:]+): (.+)$`)

// Refused runs the go command's listing of patterns in dir, as go/packages
// does, and returns the modules it reports it could not download, with
// the go command's standard error.
func Refused(dir string, buildFlags, patterns []string) ([]Module, string) {
	args := append([]string{"list", "-e", "-f", "{{.ImportPath}}"}, buildFlags...)
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run() // the error is what we are after; it is in stderr
	return parse(stderr.String()), stderr.String()
}

func parse(stderr string) []Module {
	var out []Module
	for _, m := range refusedRE.FindAllStringSubmatch(stderr, -1) {
		mod := Module{Path: m[1], Version: m[2], Reason: strings.TrimSpace(m[3])}
		if !slices.ContainsFunc(out, func(x Module) bool { return x.Path == mod.Path }) {
			out = append(out, mod)
		}
	}
	return out
}

// Stub writes, in a new temporary directory, a copy of the go.mod (and
// go.sum) of the module that holds dir, with each of mods replaced by an
// empty module, plus those empty modules. It returns the path to pass as
// -modfile and a function that removes the directory. It fails when dir
// is not in a module of its own (a workspace, GOPATH mode) or the module
// is vendored: those cases are left to the go command's own error.
func Stub(dir string, mods []Module) (modfile string, cleanup func(), err error) {
	gomod, err := goEnv(dir, "GOMOD")
	if err != nil {
		return "", nil, err
	}
	if gomod == "" || gomod == os.DevNull {
		return "", nil, fmt.Errorf("%s is not in a module", dir)
	}
	if work, _ := goEnv(dir, "GOWORK"); work != "" && work != "off" {
		return "", nil, fmt.Errorf("workspaces (%s) are not supported", work)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(gomod), "vendor", "modules.txt")); err == nil {
		return "", nil, fmt.Errorf("the module is vendored")
	}
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp("", "racelint-modstub-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	var b strings.Builder
	b.Write(data)
	for i, m := range mods {
		stub := filepath.Join(tmp, fmt.Sprintf("stub%d", i))
		if err := os.MkdirAll(stub, 0o755); err != nil {
			cleanup()
			return "", nil, err
		}
		if err := os.WriteFile(filepath.Join(stub, "go.mod"), fmt.Appendf(nil, "module %s\n", m.Path), 0o644); err != nil {
			cleanup()
			return "", nil, err
		}
		fmt.Fprintf(&b, "\nreplace %s => %s\n", m.Path, stub)
	}
	modfile = filepath.Join(tmp, "go.mod")
	if err := os.WriteFile(modfile, []byte(b.String()), 0o644); err != nil {
		cleanup()
		return "", nil, err
	}
	sumSource := strings.TrimSuffix(gomod, ".mod") + ".sum"
	if sum, err := os.ReadFile(sumSource); err == nil {
		if err := os.WriteFile(filepath.Join(tmp, "go.sum"), sum, 0o644); err != nil {
			cleanup()
			return "", nil, err
		}
	}
	return modfile, cleanup, nil
}

func goEnv(dir, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}
