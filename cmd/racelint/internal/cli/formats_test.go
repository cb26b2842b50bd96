package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/cmd/racelint/internal/baseline"
	"github.com/racelint/racelint/internal/testfixture"
)

func TestFormatFlag(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	alias, format := run(t, "-C", dir, "-json"), run(t, "-C", dir, "-format", "json")
	if alias.code != ExitFindings || alias.stdout != format.stdout || !strings.HasPrefix(alias.stdout, "{") {
		t.Errorf("-json and -format json differ:\n%s\n%s", alias.stdout, format.stdout)
	}
	if r := run(t, "-C", dir, "-format", "text"); r.stdout != racyText {
		t.Errorf("-format text:\n%s", r.stdout)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xml"}, `-format "xml": want text, json, sarif or github`},
		{[]string{"-format", "sarif", "-json"}, "-json and -format sarif cannot be combined"},
		{[]string{"-format", "sarif", "-diff"}, "-diff and -format sarif cannot be combined"},
		{[]string{"-baseline", "a", "-write-baseline", "b"}, "cannot be combined"},
		{[]string{"-write-baseline", "b", "-fix"}, "-write-baseline prints no findings"},
	} {
		if r := run(t, append([]string{"-C", dir}, tc.args...)...); r.code != ExitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %q, want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

func TestSARIFOutput(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	r := run(t, "-C", dir, "-format", "sarif")
	if r.code != ExitFindings || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				RelatedLocations []struct {
					ID      int
					Message struct{ Text string }
				}
				PartialFingerprints map[string]string
				Fixes               []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ ByteOffset, ByteLength int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	res := log.Runs[0].Results
	if log.Version != "2.1.0" || log.Runs[0].Tool.Driver.Name != "racelint" || len(log.Runs[0].Tool.Driver.Rules) != len(analyzer.Rules()) || len(res) != 5 {
		t.Fatalf("log:\n%s", r.stdout)
	}
	var got []string
	for _, x := range res {
		loc := x.Locations[0].PhysicalLocation
		got = append(got, loc.ArtifactLocation.URI)
		if x.RuleID != "RL001" || x.RuleIndex != 0 || x.Level != "error" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
			len(x.RelatedLocations) != 1 || x.RelatedLocations[0].Message.Text != "declared here" ||
			len(x.PartialFingerprints["racelint/v2"]) != 64 ||
			x.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != "safe" ||
			x.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion.ByteLength != 4 {
			t.Errorf("result %+v", x)
		}
	}
	if want := "a/a.go a/a.go a/a_test.go a/z.go b/b.go"; strings.Join(got, " ") != want {
		t.Errorf("result order %q, want %q", got, want)
	}
	first := res[0].Locations[0].PhysicalLocation.Region
	if first.StartLine != 4 || first.StartColumn != 2 || first.EndLine != 4 || first.EndColumn != 8 {
		t.Errorf("region %+v", first)
	}
	// The two racy() calls of a.go:4 have the same rule, file, line text
	// and occurrence index, so they share a fingerprint; the baseline
	// counts them with multiplicity.
	if res[0].PartialFingerprints["racelint/v2"] != res[1].PartialFingerprints["racelint/v2"] {
		t.Error("two findings on one line should share the line's fingerprint")
	}
}

func TestGitHubOutput(t *testing.T) {
	t.Parallel()
	dir := testfixture.WriteModule(t, map[string]string{
		"a/decl.go":   "package a\n\n" + decls,
		"a/a,b:c%.go": "package a\n\nfunc F() {\n\tracy()\n}\n",
	})
	r := run(t, "-C", dir, "-format", "github")
	if r.code != ExitFindings {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := "::error file=a/a%2Cb%3Ac%25.go,line=4,col=2,endLine=4,endColumn=8,title=RL001 check-then-update::RL001 check-then-update: call to racy%0Aa/decl.go:3:6: declared here\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	if got := escapeData("100% done\r\nnext: a,b"); got != "100%25 done%0D%0Anext: a,b" {
		t.Errorf("escapeData = %q", got)
	}
	if got := escapeProperty("a:b,c%\n"); got != "a%3Ab%2Cc%25%0A" {
		t.Errorf("escapeProperty = %q", got)
	}
}

// TestGitHubAnnotationCap checks that past GitHub's 10 annotations per
// level, the findings go to the log and one annotation says how many.
func TestGitHubAnnotationCap(t *testing.T) {
	t.Parallel()
	var body strings.Builder
	body.WriteString("package a\n\nfunc F() {\n")
	for i := 0; i < 12; i++ {
		body.WriteString("\tracy()\n")
	}
	body.WriteString("}\n")
	dir := testfixture.WriteModule(t, map[string]string{"a/decl.go": "package a\n\n" + decls, "a/a.go": body.String()})
	r := run(t, "-C", dir, "-format", "github")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	var annotations, plain []string
	for _, l := range lines {
		if strings.HasPrefix(l, "::") {
			annotations = append(annotations, l)
		} else {
			plain = append(plain, l)
		}
	}
	if len(annotations) != 10 || len(plain) != 3 {
		t.Fatalf("%d annotations and %d log lines, want 10 and 3:\n%s", len(annotations), len(plain), r.stdout)
	}
	if last := annotations[9]; !strings.HasPrefix(last, "::error title=racelint::3 more error findings are not annotated") {
		t.Errorf("summary annotation %q", last)
	}
	if !strings.HasPrefix(plain[0], "a/a.go:13:2: RL001") {
		t.Errorf("log line %q", plain[0])
	}
}

func TestConfigFile(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Found by walking up from -C: disabling RL001 silences everything.
	write(".racelint.yml", "disable: [RL001]\n")
	if r := run(t, "-C", filepath.Join(dir, "a")); r.code != ExitClean || r.stdout != "" {
		t.Errorf("config file not applied: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A flag overrides the file's key.
	if r := run(t, "-C", dir, "-disable", "RL002"); r.code != ExitFindings || r.stdout != racyText {
		t.Errorf("-disable did not override the file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// -config names another file, relative to -C.
	write("other.yaml", "rules: [RL001]\nskip-tables: [x]\n")
	if r := run(t, "-C", dir, "-config", "other.yaml"); r.code != ExitFindings || r.stdout != racyText {
		t.Errorf("-config other.yaml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Unknown keys and rules are usage errors naming the file and key.
	write("bad.yml", "disable: [RL001]\nskip_tables: [x]\n")
	r := run(t, "-C", dir, "-config", "bad.yml")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "bad.yml: line 2: unknown key \"skip_tables\"") {
		t.Errorf("unknown key: exit %d, stderr %q", r.code, r.stderr)
	}
	write(".racelint.yml", "rules: [RL999]\n")
	if r := run(t, "-C", dir); r.code != ExitUsage || !strings.Contains(r.stderr, `.racelint.yml: rules: unknown rule "RL999"`) {
		t.Errorf("unknown rule: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run(t, "-C", dir, "-config", "missing.yml"); r.code != ExitUsage || !strings.Contains(r.stderr, "missing.yml") {
		t.Errorf("missing -config: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestBaseline(t *testing.T) {
	t.Parallel()
	dir := racyModule(t)
	r := run(t, "-C", dir, "-write-baseline", "bl.json")
	if r.code != ExitClean || r.stdout != "" || r.stderr != "racelint: wrote 5 findings to bl.json\n" {
		t.Fatalf("-write-baseline: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	bl, err := baseline.Read(filepath.Join(dir, "bl.json"))
	if err != nil || len(bl.Findings) != 5 || bl.Findings[0].File != "a/a.go" || bl.Findings[0].Rule != "RL001" {
		t.Fatalf("baseline %+v, %v", bl, err)
	}
	if r := run(t, "-C", dir, "-baseline", "bl.json"); r.code != ExitClean || r.stdout != "" || r.stderr != "" {
		t.Errorf("nothing new: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// Shift a.go down and add a third racy() to its line: one new finding.
	if err := os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte("package a\n\n// moved\n\nfunc F() {\n\tracy(); racy(); racy()\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The edited line's text changed, so its fingerprint did too: all
	// three are new, and the two old entries for that line are unused.
	r = run(t, "-C", dir, "-baseline", "bl.json", "-format", "json")
	if r.code != ExitFindings || !strings.Contains(r.stderr, "2 baselined findings no longer occur") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	var tree map[string]map[string][]struct{ Posn string }
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatal(err)
	}
	if n := len(tree["example.com/m/a"]["racelint"]); n != 3 {
		t.Errorf("-format json with -baseline: %d diagnostics in package a, want the 3 new ones:\n%s", n, r.stdout)
	}
	if _, ok := tree["example.com/m/b"]["racelint"]; ok {
		t.Errorf("baselined finding of b printed:\n%s", r.stdout)
	}
	if r := run(t, "-C", dir, "-baseline", "nope.json"); r.code != ExitUsage || !strings.Contains(r.stderr, "-baseline:") {
		t.Errorf("missing baseline: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSeverityOverride checks that configured severities reach SARIF.
func TestSeverityOverride(t *testing.T) {
	t.Parallel()
	d := &driver{settings: analyzer.Config{Severity: map[string]string{"RL007": "note"}}}
	for _, r := range d.rules(nil) {
		if r.ID == "RL007" && r.Severity != "note" {
			t.Errorf("RL007 severity = %q, want note", r.Severity)
		}
		if r.ID == "RL001" && r.Severity != "error" {
			t.Errorf("RL001 severity = %q, want the catalogue's error", r.Severity)
		}
	}
}
