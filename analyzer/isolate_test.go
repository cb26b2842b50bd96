package analyzer_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racelint/racelint/analyzer"
)

// errorRecorder stands in for *testing.T in analysistest.Run, so that a
// run whose analyzer reports an error can be inspected rather than fail.
type errorRecorder struct{ errs []string }

func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestPanicIsolated injects a panic into one function at each stage and
// checks that it costs that function only: the package's error names the
// function and the panic, and every other finding is still reported.
func TestPanicIsolated(t *testing.T) {
	const pkg = "rl001/sql"
	baseline := analysistest.Run(t, analysistest.TestData(), newDefault(t), pkg)
	all := len(baseline[0].Diagnostics)
	if all < 3 {
		t.Fatalf("%s: %d findings, want several to tell lost ones from kept ones", pkg, all)
	}
	tests := []struct {
		hook     string
		mentions string
		lost     int // findings that go with the failed unit
	}{
		{"summarise:(*rl001/sql.Service).Publish", "summarising (*rl001/sql.Service).Publish", 1},
		{"check:(*rl001/sql.Service).Publish", "checking (*rl001/sql.Service).Publish", 1},
		{"ssa:rl001/sql", "building SSA for package rl001/sql", all},
		{"summarise:rl001/sql", "summarising package rl001/sql", all},
		{"check:rl001/sql", "checking package rl001/sql", all},
	}
	for _, tt := range tests {
		t.Run(tt.hook, func(t *testing.T) {
			t.Setenv("RACELINT_TEST_PANIC", tt.hook)
			rec := &errorRecorder{}
			results := analysistest.Run(rec, analysistest.TestData(), newDefault(t), pkg)
			res := results[0]
			if res.Err == nil {
				t.Fatalf("no error for an injected panic")
			}
			msg := res.Err.Error()
			for _, want := range []string{tt.mentions, "panic: injected", "not analysed", "please report"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
			if got := len(res.Diagnostics); got != all-tt.lost {
				t.Errorf("%d findings with the panic, want %d (all %d but the failed unit's %d)", got, all-tt.lost, all, tt.lost)
			}
		})
	}
}

// TestPanicAsDiagnostic: with Config.FailuresAsDiagnostics (the
// golangci-lint plugin's setting) the failed function is a diagnostic of
// its own and the package has no error, so golangci-lint keeps every
// linter's results.
func TestPanicAsDiagnostic(t *testing.T) {
	const pkg = "rl001/sql"
	t.Setenv("RACELINT_TEST_PANIC", "check:(*rl001/sql.Service).Publish")
	cfg := analyzer.Defaults()
	cfg.FailuresAsDiagnostics = true
	a, err := analyzer.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rec := &errorRecorder{}
	res := analysistest.Run(rec, analysistest.TestData(), a, pkg)[0]
	if res.Err != nil {
		t.Fatalf("error %v, want the failure as a diagnostic", res.Err)
	}
	var internal []string
	for _, d := range res.Diagnostics {
		if d.Category == analyzer.InternalErrorCategory {
			internal = append(internal, res.Pass.Fset.Position(d.Pos).String()+": "+d.Message)
		}
	}
	if len(internal) != 1 || !strings.Contains(internal[0], "checking (*rl001/sql.Service).Publish: panic: injected") {
		t.Errorf("internal-error diagnostics: %q, want one for Publish", internal)
	}
}

// TestRelatedInMessage: with Config.RelatedInMessage (the golangci-lint
// plugin's setting) a finding carries its read and check in its text and
// reports no related positions, which golangci-lint would turn into
// issues of their own.
func TestRelatedInMessage(t *testing.T) {
	cfg := analyzer.Defaults()
	cfg.RelatedInMessage = true
	a, err := analyzer.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := analysistest.Run(&errorRecorder{}, analysistest.TestData(), a, "shape")[0]
	var found bool
	for _, d := range res.Diagnostics {
		if len(d.Related) != 0 {
			t.Errorf("related positions reported: %+v", d.Related)
		}
		if strings.HasPrefix(d.Message, "RL001 ") {
			found = true
			if !strings.HasSuffix(d.Message, " read here: shape.go:20; checked here: shape.go:24)") {
				t.Errorf("message %q does not end with the read and the check", d.Message)
			}
		}
	}
	if !found {
		t.Fatal("no RL001 finding in testdata/src/shape")
	}
}
