package isolate

import (
	"errors"
	"strings"
	"testing"
)

func TestDo(t *testing.T) {
	if f := Do(Check, "p", "p.F", 0, func() {}); f != nil {
		t.Errorf("Do without a panic: %v", f)
	}
	f := Do(Summarise, "example.com/p", "(*example.com/p.T).M", 7, func() {
		var m map[string]int
		m["x"] = 1 // a runtime panic, as real bugs are
	})
	if f == nil {
		t.Fatal("Do did not recover the panic")
	}
	if f.Pos != 7 || f.Func != "(*example.com/p.T).M" || !strings.Contains(f.Stack, "isolate_test.go") {
		t.Errorf("failure %+v", f)
	}
	want := "internal error while summarising (*example.com/p.T).M: panic: assignment to entry in nil map; the function was not analysed (" + ReportLine + ")"
	if got := f.Error(); got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
	pkg := Do(BuildSSA, "example.com/p", "", 1, func() { panic("boom") })
	if got := pkg.Error(); !strings.HasPrefix(got, "internal error while building SSA for package example.com/p: panic: boom; the package was not analysed") {
		t.Errorf("package failure: %q", got)
	}
}

func TestInject(t *testing.T) {
	t.Setenv(InjectEnv, "check:p.F")
	if f := Do(Check, "p", "p.G", 0, func() {}); f != nil {
		t.Errorf("another function panicked: %v", f)
	}
	if f := Do(Summarise, "p", "p.F", 0, func() {}); f != nil {
		t.Errorf("another stage panicked: %v", f)
	}
	if f := Do(Check, "p", "p.F", 0, func() {}); f == nil || !strings.Contains(f.Value, "injected by "+InjectEnv) {
		t.Errorf("the named unit did not panic: %v", f)
	}
	t.Setenv(InjectEnv, "ssa:p")
	if f := Do(BuildSSA, "p", "", 0, func() {}); f == nil {
		t.Error("the named package did not panic")
	}
}

func TestJoin(t *testing.T) {
	if Join(nil) != nil {
		t.Error("Join(nil) != nil")
	}
	a := &Failure{Package: "p", Func: "p.F", Stage: Check, Value: "x"}
	b := &Failure{Package: "p", Func: "p.G", Stage: Check, Value: "y"}
	if Join([]*Failure{a}) != error(a) {
		t.Error("one failure is not returned as is")
	}
	err := Join([]*Failure{a, b})
	var f *Failure
	if !errors.As(err, &f) || !strings.HasPrefix(err.Error(), "2 internal errors: internal error while checking p.F") || !strings.Contains(err.Error(), "checking p.G") {
		t.Errorf("joined: %v", err)
	}
}
