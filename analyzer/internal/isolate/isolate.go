// Package isolate keeps a panic in the analysis of one function or package
// from ending the run: the panic becomes a Failure that names the package,
// the function and the panic value, the unit is left out, and everything
// else is still analysed and reported.
//
// A panic in racelint is always a racelint bug, and real code finds shapes
// no test has (load modes, generated code, odd SQL); one of them must not
// cost a user the findings of every other package.
package isolate

import (
	"fmt"
	"go/token"
	"os"
	"runtime/debug"
	"strings"
)

// Failure is a panic recovered while analysing one unit.
type Failure struct {
	Package string    // import path of the package being analysed
	Func    string    // the function, or "" when the whole package failed
	Pos     token.Pos // the function's declaration, or the package clause
	Stage   Stage     // what was being done
	Value   string    // the panic value
	Stack   string    // the goroutine's stack at the panic
}

// Stage is a step of the analysis that runs under Do.
type Stage string

const (
	BuildSSA  Stage = "ssa"       // building a package's SSA form
	Summarise Stage = "summarise" // finding a function's operations and summary
	Check     Stage = "check"     // deciding the rules for a function
)

func (s Stage) doing() string {
	switch s {
	case BuildSSA:
		return "building SSA for"
	case Summarise:
		return "summarising"
	case Check:
		return "checking"
	}
	return string(s)
}

// ReportLine asks the user to report the failure; every failure message
// ends with it, so that each driver's output carries it.
const ReportLine = "this is a racelint bug: please report it with the stack printed by RACELINT_STACK=1 at https://github.com/racelint/racelint/issues"

func (f *Failure) Error() string {
	var b strings.Builder
	b.WriteString("internal error while ")
	b.WriteString(f.Stage.doing())
	if f.Func != "" {
		fmt.Fprintf(&b, " %s", f.Func)
	} else {
		fmt.Fprintf(&b, " package %s", f.Package)
	}
	fmt.Fprintf(&b, ": panic: %s; ", f.Value)
	if f.Func != "" {
		b.WriteString("the function was not analysed")
	} else {
		b.WriteString("the package was not analysed")
	}
	b.WriteString(" (")
	b.WriteString(ReportLine)
	b.WriteString(")")
	if os.Getenv("RACELINT_STACK") != "" {
		b.WriteString("\n")
		b.WriteString(f.Stack)
	}
	return b.String()
}

// Do runs work and returns the Failure of a panic inside it, or nil. The
// stage, package and function name the unit in the failure's message; pos
// is where a driver that reports failures as diagnostics puts it.
func Do(stage Stage, pkg, fn string, pos token.Pos, work func()) (failure *Failure) {
	defer func() {
		if v := recover(); v != nil {
			failure = &Failure{Package: pkg, Func: fn, Pos: pos, Stage: stage, Value: fmt.Sprint(v), Stack: string(debug.Stack())}
		}
	}()
	Inject(stage, pkg, fn)
	work()
	return nil
}

// InjectEnv names the environment variable of the test hook: when it is
// set to "stage:name", Do panics on entering the unit of that stage whose
// function (or, for package stages, package) is named name. Tests of every
// driver use it to prove that a panic is contained; it costs one lookup of
// the environment per unit otherwise.
const InjectEnv = "RACELINT_TEST_PANIC"

// Inject panics when the InjectEnv hook names this unit.
func Inject(stage Stage, pkg, fn string) {
	hook := os.Getenv(InjectEnv)
	if hook == "" {
		return
	}
	wantStage, name, ok := strings.Cut(hook, ":")
	if !ok || Stage(wantStage) != stage {
		return
	}
	if name == fn || (fn == "" && name == pkg) {
		panic(fmt.Sprintf("injected by %s=%s", InjectEnv, hook))
	}
}

// Join combines the failures of a package into one error, nil when there
// are none. The drivers print one line per failed package.
func Join(failures []*Failure) error {
	switch len(failures) {
	case 0:
		return nil
	case 1:
		return failures[0]
	}
	return &joined{failures}
}

type joined struct{ failures []*Failure }

func (j *joined) Error() string {
	parts := make([]string, len(j.failures))
	for i, f := range j.failures {
		parts[i] = f.Error()
	}
	return fmt.Sprintf("%d internal errors: %s", len(parts), strings.Join(parts, "; "))
}

// Unwrap gives errors.As access to each failure.
func (j *joined) Unwrap() []error {
	out := make([]error, len(j.failures))
	for i, f := range j.failures {
		out[i] = f
	}
	return out
}
