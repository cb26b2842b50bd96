package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const src = `package p

func F() {
	x := load()
	if x.ok {
		save(x)
	}
	if x.ok {
		save(x)
	}
}
`

func TestFingerprintSurvivesInsertedLines(t *testing.T) {
	a := SplitLines([]byte(src))
	shifted := strings.Replace(src, "func F() {", "// a comment\n\n// and another\nfunc F() {", 1)
	b := SplitLines([]byte(shifted))
	reindented := strings.ReplaceAll(src, "\t\tsave(x)", "    save( x)")
	c := SplitLines([]byte(reindented))

	first, second := Fingerprint("RL001", "p/p.go", a, 6, 6, nil), Fingerprint("RL001", "p/p.go", a, 9, 9, nil)
	if first == second {
		t.Fatal("identical lines must differ by occurrence index")
	}
	if got := Fingerprint("RL001", "p/p.go", b, 9, 9, nil); got != first {
		t.Errorf("first save(x) moved by 3 lines: fingerprint changed")
	}
	if got := Fingerprint("RL001", "p/p.go", b, 12, 12, nil); got != second {
		t.Errorf("second save(x) moved by 3 lines: fingerprint changed")
	}
	if got := Fingerprint("RL001", "p/p.go", c, 6, 6, nil); got == first {
		t.Errorf("a changed line (save( x)) kept its fingerprint")
	}
	if Fingerprint("RL002", "p/p.go", a, 6, 6, nil) == first || Fingerprint("RL001", "q/p.go", a, 6, 6, nil) == first {
		t.Error("rule and file must be part of the fingerprint")
	}
	// Multi-line spans and unreadable files.
	if Fingerprint("RL001", "p/p.go", a, 5, 7, nil) == Fingerprint("RL001", "p/p.go", a, 8, 10, nil) {
		t.Error("identical multi-line spans must differ by occurrence index")
	}
	if Fingerprint("RL001", "p/p.go", nil, 6, 6, nil) == first {
		t.Error("no source: line numbers stand in")
	}
}

// TestFingerprintCoversRelated checks that editing where a finding read
// or checked the record makes it a new finding, and that only the anchors'
// text counts, not their line numbers.
func TestFingerprintCoversRelated(t *testing.T) {
	a := SplitLines([]byte(src))
	read := []Anchor{{File: "p/p.go", Lines: a, Line: 4}, {File: "p/p.go", Lines: a, Line: 5}}
	first := Fingerprint("RL001", "p/p.go", a, 6, 6, read)
	if first == Fingerprint("RL001", "p/p.go", a, 6, 6, nil) {
		t.Error("related positions must count")
	}
	edited := SplitLines([]byte(strings.Replace(src, "x := load()", "x := loadForUpdate()", 1)))
	if Fingerprint("RL001", "p/p.go", edited, 6, 6, []Anchor{{File: "p/p.go", Lines: edited, Line: 4}, {File: "p/p.go", Lines: edited, Line: 5}}) == first {
		t.Error("an edited read kept the fingerprint")
	}
	shifted := SplitLines([]byte(strings.Replace(src, "func F() {", "// moved\nfunc F() {", 1)))
	if Fingerprint("RL001", "p/p.go", shifted, 7, 7, []Anchor{{File: "p/p.go", Lines: shifted, Line: 5}, {File: "p/p.go", Lines: shifted, Line: 6}}) != first {
		t.Error("lines inserted above changed the fingerprint")
	}
	if FingerprintV1("RL001", "p/p.go", a, 6, 6) == first {
		t.Error("v1 and v2 fingerprints must differ")
	}
}

// TestLegacyBaseline reads a baseline written before related positions
// counted: it still matches, on FingerprintV1.
func TestLegacyBaseline(t *testing.T) {
	name := filepath.Join(t.TempDir(), "baseline.json")
	v1 := FingerprintV1("RL001", "p/p.go", SplitLines([]byte(src)), 6, 6)
	data := `{"version": "racelint/v1", "findings": [{"rule": "RL001", "file": "p/p.go", "fingerprint": "` + v1 + `", "message": "m"}]}`
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(f)
	if !m.Legacy() || !m.Absorb("RL001", "p/p.go", v1) {
		t.Error("a v1 baseline no longer matches its findings")
	}
}

func TestWriteReadMatch(t *testing.T) {
	name := filepath.Join(t.TempDir(), "baseline.json")
	entries := []Entry{
		{Rule: "RL002", File: "b.go", Fingerprint: "f2", Message: "m"},
		{Rule: "RL001", File: "a.go", Fingerprint: "f1", Message: "m"},
		{Rule: "RL001", File: "a.go", Fingerprint: "f1", Message: "m"},
	}
	if err := Write(name, entries); err != nil {
		t.Fatal(err)
	}
	f, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Findings) != 3 || f.Findings[0].File != "a.go" || f.Findings[2].File != "b.go" {
		t.Fatalf("not sorted: %+v", f.Findings)
	}
	m := NewMatcher(f)
	for i, want := range []bool{true, true, false} {
		if got := m.Absorb("RL001", "a.go", "f1"); got != want {
			t.Errorf("Absorb #%d = %v, want %v", i+1, got, want)
		}
	}
	if m.Absorb("RL001", "b.go", "f2") {
		t.Error("rule must match")
	}
	if m.Unused() != 1 {
		t.Errorf("Unused = %d, want 1", m.Unused())
	}
	if _, err := Read(filepath.Join(t.TempDir(), "nope.json")); err == nil {
		t.Error("missing file: no error")
	}
}
