package sarif

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/racelint/racelint/analyzer"
)

func sampleRun() Run {
	span := func(file string, l1, c1, o1, l2, c2, o2 int) Span {
		return Span{File: file, Start: Position{l1, c1, o1}, End: Position{l2, c2, o2}}
	}
	lines := map[string][]string{
		"svc/emails.go": {"package svc", "", "\tx := \"héllo\"; db.Exec(q)"},
	}
	return Run{
		ToolVersion: "v1.2.3",
		Rules:       analyzer.Rules(),
		BaseDir:     "/work/my module",
		Lines: func(file string, line int) (string, bool) {
			if l, ok := lines[file]; ok && line >= 1 && line <= len(l) {
				return l[line-1], true
			}
			return "", false
		},
		ExecutionSuccessful: true,
		Findings: []Finding{
			{
				RuleID:  "RL001",
				Message: "RL001 check-then-update: db.Exec writes the emails row",
				Span:    span("svc/emails.go", 3, 19, 30, 3, 27, 40),
				Related: []Related{
					{Span: span("svc/emails.go", 1, 1, 0, 1, 8, 7), Message: "emails read here"},
					{Span: span("/elsewhere/other file.go", 2, 5, 20, 2, 5, 20), Message: "checked here"},
				},
				Fixes: []Fix{{
					Description: "make the write conditional",
					Replacements: []Replacement{
						{Span: span("svc/emails.go", 3, 19, 30, 3, 27, 40), Text: "db.Exec(q2)"},
						{Span: span("svc/emails.go", 1, 1, 0, 1, 1, 0), Text: "// fixed\n"},
					},
				}},
				Fingerprint: "abc",
			},
			{RuleID: "RL007", Message: "RL007 serializable-without-retry: no retry", Span: span("svc/tx.go", 4, 2, 50, 4, 9, 57), Fingerprint: "def"},
		},
	}
}

func TestSchemaValid(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleRun()); err != nil {
		t.Fatal(err)
	}
	if errs := validateSARIF(t, buf.Bytes()); len(errs) > 0 {
		t.Fatalf("log violates the SARIF 2.1.0 schema:\n%s\n%s", strings.Join(errs, "\n"), buf.String())
	}
	// An empty run is valid too.
	buf.Reset()
	if err := Write(&buf, Run{Rules: analyzer.Rules()}); err != nil {
		t.Fatal(err)
	}
	if errs := validateSARIF(t, buf.Bytes()); len(errs) > 0 {
		t.Fatalf("empty log violates the schema:\n%s", strings.Join(errs, "\n"))
	}
}

func TestContent(t *testing.T) {
	log, err := Build(sampleRun())
	if err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := analyzer.Rules()
	if len(run.Tool.Driver.Rules) != len(rules) {
		t.Fatalf("%d rule descriptors, want %d", len(run.Tool.Driver.Rules), len(rules))
	}
	for i, d := range run.Tool.Driver.Rules {
		r := rules[i]
		if d.ID != r.ID || d.Name != r.Name || d.ShortDescription.Text != r.Title || d.HelpURI != r.URL() ||
			d.DefaultConfiguration.Level != string(r.Severity) || d.Properties["precision"] != r.Confidence ||
			!strings.HasPrefix(d.FullDescription.Text, r.Title) {
			t.Errorf("descriptor %d: %+v", i, d)
		}
		tags := d.Properties["tags"].([]string)
		if tags[0] != "security" || tags[1] != "concurrency" || tags[2] != "external/cwe/cwe-362" || len(tags) != 2+len(r.CWE) {
			t.Errorf("%s tags %q (CWE %v)", r.ID, tags, r.CWE)
		}
		// GitHub code scanning ranks security results by this string.
		if sev, _ := d.Properties["security-severity"].(string); sev == "" || sev < "4.0" || sev > "9.9" {
			t.Errorf("%s security-severity %q, want a score between 4.0 and 9.9", r.ID, sev)
		}
	}
	if got := run.OriginalURIBaseIDs[SrcRoot].URI; got != "file:///work/my%20module/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	res := run.Results[0]
	if res.RuleID != "RL001" || res.RuleIndex != 0 || res.Level != "error" || res.PartialFingerprints["racelint/v2"] != "abc" {
		t.Errorf("result %+v", res)
	}
	loc := res.Locations[0].PhysicalLocation
	// "\tx := \"héllo\"; " is 18 bytes but 17 UTF-16 units: é is 2 bytes, 1 unit.
	if loc.ArtifactLocation.URI != "svc/emails.go" || loc.ArtifactLocation.URIBaseID != SrcRoot ||
		loc.Region.StartLine != 3 || loc.Region.StartColumn != 18 || loc.Region.EndColumn != 26 {
		t.Errorf("location %+v %+v", loc.ArtifactLocation, *loc.Region)
	}
	// GitHub shows related locations only when the message links them.
	if want := "RL001 check-then-update: db.Exec writes the emails row ([emails read here](1), [checked here](2))"; res.Message.Text != want {
		t.Errorf("message %q, want %q", res.Message.Text, want)
	}
	if got := withLinks("x[0] in []string", nil); got != `x\[0\] in \[\]string` {
		t.Errorf("brackets not escaped: %q", got)
	}
	rel := res.RelatedLocations
	if len(rel) != 2 || rel[0].ID != 1 || rel[1].ID != 2 || rel[0].Message.Text != "emails read here" ||
		rel[1].PhysicalLocation.ArtifactLocation.URI != "file:///elsewhere/other%20file.go" || rel[1].PhysicalLocation.ArtifactLocation.URIBaseID != "" {
		t.Errorf("related %+v", rel)
	}
	fix := res.Fixes[0]
	reps := fix.ArtifactChanges[0].Replacements
	if fix.Description.Text != "make the write conditional" || len(fix.ArtifactChanges) != 1 || len(reps) != 2 ||
		*reps[0].DeletedRegion.ByteOffset != 30 || *reps[0].DeletedRegion.ByteLength != 10 || reps[0].InsertedContent.Text != "db.Exec(q2)" ||
		*reps[1].DeletedRegion.ByteOffset != 0 || *reps[1].DeletedRegion.ByteLength != 0 {
		t.Errorf("fix %+v", fix)
	}
	if r := run.Results[1]; r.RuleIndex != 6 || r.Level != "warning" {
		t.Errorf("RL007 result %+v", r)
	}
	if _, err := Build(Run{Rules: rules, Findings: []Finding{{RuleID: "RL999"}}}); err == nil {
		t.Error("unknown rule: no error")
	}
	// The encoded form keeps & and < readable.
	var buf bytes.Buffer
	r := sampleRun()
	r.Findings[0].Message = "a < b && c"
	Write(&buf, r)
	if !strings.Contains(buf.String(), `"a < b && c (`) {
		t.Error("HTML escaping in messages")
	}
	var generic map[string]any
	if err := json.Unmarshal(buf.Bytes(), &generic); err != nil || generic["version"] != "2.1.0" {
		t.Errorf("round trip: %v", err)
	}
}
