package cli

import (
	"bytes"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/cmd/racelint/internal/baseline"
	"github.com/racelint/racelint/cmd/racelint/internal/sarif"
)

// ruleOf returns the rule ID of a finding: its category, or the first
// word of its message ("RL001 check-then-update: ...").
func ruleOf(f *finding) string {
	if f.category != "" {
		return f.category
	}
	word, _, _ := strings.Cut(f.message, " ")
	return word
}

// slashRel is filename relative to the base directory, slash-separated;
// files outside it stay absolute.
func (d *driver) slashRel(filename string) string { return filepath.ToSlash(d.rel(filename)) }

// sources caches the files that findings point into.
type sources struct {
	files map[string][]byte
	lines map[string]*baseline.Lines
}

func (s *sources) read(filename string) ([]byte, bool) {
	if s.files == nil {
		s.files, s.lines = map[string][]byte{}, map[string]*baseline.Lines{}
	}
	data, ok := s.files[filename]
	if !ok {
		var err error
		if data, err = os.ReadFile(filename); err != nil {
			data = nil
		}
		s.files[filename] = data
	}
	return data, data != nil
}

func (s *sources) split(filename string) *baseline.Lines {
	data, ok := s.read(filename)
	if !ok {
		return nil
	}
	l, ok := s.lines[filename]
	if !ok {
		l = baseline.SplitLines(data)
		s.lines[filename] = l
	}
	return l
}

// line returns line n (1-based) of filename without its newline.
func (s *sources) line(filename string, n int) (string, bool) {
	data, ok := s.read(filename)
	if !ok || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return "", false
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimSuffix(string(data), "\r"), true
}

// fingerprintAll sets every finding's fingerprint (baseline.Fingerprint).
func (d *driver) fingerprintAll(findings []*finding) {
	for _, f := range findings {
		file, lines := d.slashRel(f.posn.Filename), d.src.split(f.posn.Filename)
		var anchors []baseline.Anchor
		for _, r := range f.related {
			anchors = append(anchors, baseline.Anchor{File: d.slashRel(r.posn.Filename), Lines: d.src.split(r.posn.Filename), Line: r.posn.Line})
		}
		f.fingerprint = baseline.Fingerprint(ruleOf(f), file, lines, f.posn.Line, f.end.Line, anchors)
		f.legacyFingerprint = baseline.FingerprintV1(ruleOf(f), file, lines, f.posn.Line, f.end.Line)
	}
}

func (d *driver) baselineEntry(f *finding) baseline.Entry {
	return baseline.Entry{Rule: ruleOf(f), File: d.slashRel(f.posn.Filename), Fingerprint: f.fingerprint, Message: f.message}
}

// writeBaseline records findings in the -write-baseline file.
func (d *driver) writeBaseline(cfg config, findings []*finding, failed bool) int {
	entries := make([]baseline.Entry, 0, len(findings))
	for _, f := range findings {
		entries = append(entries, d.baselineEntry(f))
	}
	name := d.path(cfg.writeBaseline)
	if err := baseline.Write(name, entries); err != nil {
		d.errorf("-write-baseline: %v", err)
		return ExitError
	}
	fmt.Fprintf(d.stderr, "racelint: wrote %d findings to %s\n", len(entries), d.rel(name))
	if failed {
		return ExitError
	}
	return ExitClean
}

// applyBaseline drops the findings the -baseline file holds, from the
// returned slice and from the graph's root actions (for -format json).
func (d *driver) applyBaseline(cfg config, graph *checker.Graph, findings []*finding) ([]*finding, int, bool) {
	bl, err := baseline.Read(d.path(cfg.baseline))
	if err != nil {
		d.errorf("-baseline: %v", err)
		return nil, ExitUsage, false
	}
	m := baseline.NewMatcher(bl)
	absorbed := map[findingKey]bool{}
	var kept []*finding
	for _, f := range findings {
		e := d.baselineEntry(f)
		if m.Legacy() {
			e.Fingerprint = f.legacyFingerprint
		}
		if m.Absorb(e.Rule, e.File, e.Fingerprint) {
			absorbed[f.key()] = true
			continue
		}
		kept = append(kept, f)
	}
	for _, act := range graph.Roots {
		fset := act.Package.Fset
		var diags []analysis.Diagnostic
		for _, diag := range act.Diagnostics {
			k := findingKey{fset.Position(diag.Pos), fset.Position(cmpOrPos(diag.End, diag.Pos)), diag.Category, diag.Message}
			if !absorbed[k] {
				diags = append(diags, diag)
			}
		}
		act.Diagnostics = diags
	}
	if n := m.Unused(); n > 0 {
		fmt.Fprintf(d.stderr, "racelint: %d baselined findings no longer occur; -write-baseline %s drops them\n", n, cfg.baseline)
	}
	return kept, 0, true
}

func cmpOrPos(a, b token.Pos) token.Pos {
	if a.IsValid() {
		return a
	}
	return b
}

// directiveRule describes the findings about //racelint:ignore
// directives, which have no rule of their own in the catalog.
var directiveRule = analyzer.Rule{
	ID:         "directive",
	Name:       "directive",
	Title:      "A //racelint:ignore directive is malformed or silences nothing",
	Fix:        "remove the directive or correct its rule IDs",
	Severity:   "warning",
	Confidence: "high",
}

const suppressingURL = "https://github.com/racelint/racelint/blob/main/docs/suppressing.md"

// rules returns the rules SARIF describes: the catalog's, plus one for
// each other category the findings use.
func (d *driver) rules(findings []*finding) []analyzer.Rule {
	rules := analyzer.RulesFor(d.settings)
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	for _, f := range findings {
		id := ruleOf(f)
		if known[id] {
			continue
		}
		known[id] = true
		r := directiveRule
		if id != directiveRule.ID {
			r = analyzer.Rule{ID: id, Name: id, Title: "racelint " + id, Severity: "warning", Confidence: "medium"}
		}
		rules = append(rules, r)
	}
	return rules
}

func (d *driver) span(p, end token.Position) sarif.Span {
	return sarif.Span{
		File:  d.slashRel(p.Filename),
		Start: sarif.Position{Line: p.Line, Column: p.Column, Offset: p.Offset},
		End:   sarif.Position{Line: end.Line, Column: end.Column, Offset: end.Offset},
	}
}

func (d *driver) printSARIF(findings []*finding, ok bool) error {
	byRel := map[string]string{} // slash-relative name -> file name
	run := sarif.Run{
		ToolVersion:         d.opts.Version,
		Rules:               d.rules(findings),
		BaseDir:             d.base,
		ExecutionSuccessful: ok,
		Lines: func(file string, line int) (string, bool) {
			return d.src.line(byRel[file], line)
		},
		HelpURIs: map[string]string{directiveRule.ID: suppressingURL},
	}
	for _, f := range findings {
		byRel[d.slashRel(f.posn.Filename)] = f.posn.Filename
		sf := sarif.Finding{
			RuleID:      ruleOf(f),
			Message:     f.message,
			Span:        d.span(f.posn, f.end),
			Fingerprint: f.fingerprint,
		}
		for _, r := range f.related {
			byRel[d.slashRel(r.posn.Filename)] = r.posn.Filename
			sf.Related = append(sf.Related, sarif.Related{Span: d.span(r.posn, r.end), Message: r.message})
		}
		if len(f.fix) > 0 {
			fix := sarif.Fix{Description: f.fixMessage}
			for _, e := range f.fix {
				byRel[d.slashRel(e.file)] = e.file
				fix.Replacements = append(fix.Replacements, sarif.Replacement{Span: d.span(e.startPos, e.endPos), Text: e.text})
			}
			sf.Fixes = append(sf.Fixes, fix)
		}
		run.Findings = append(run.Findings, sf)
	}
	return sarif.Write(d.stdout, run)
}

// githubAnnotationsPerLevel is how many annotations of one level (error,
// warning) GitHub Actions shows for a step; it drops the rest silently.
const githubAnnotationsPerLevel = 10

// printGitHub prints one GitHub Actions workflow command per finding,
// which the runner turns into an annotation on the file and line. Related
// positions are appended to the message, one per line. GitHub shows 10
// annotations per level and step: past that, a level's findings are
// printed as plain lines (in the job log) and its tenth annotation says
// how many are not annotated.
func (d *driver) printGitHub(findings []*finding) {
	levels := map[string]string{}
	names := map[string]string{}
	for _, r := range d.rules(findings) {
		levels[r.ID] = "warning"
		if strings.EqualFold(string(r.Severity), "error") {
			levels[r.ID] = "error"
		}
		names[r.ID] = r.Name
	}
	perLevel := map[string]int{}
	for _, f := range findings {
		perLevel[levels[ruleOf(f)]]++
	}
	annotated := map[string]int{}
	var sb strings.Builder
	for _, f := range findings {
		id := ruleOf(f)
		level := levels[id]
		if perLevel[level] > githubAnnotationsPerLevel && annotated[level] == githubAnnotationsPerLevel-1 {
			// The tenth slot is the summary; the rest go to the log.
			fmt.Fprintf(&sb, "%s: %s\n", d.position(f.posn), f.message)
			continue
		}
		annotated[level]++
		msg := f.message
		for _, r := range f.related {
			msg += "\n" + d.position(r.posn) + ": " + r.message
		}
		end := f.end
		if end.Line < f.posn.Line || !end.IsValid() {
			end = f.posn
		}
		title := strings.TrimSpace(id + " " + names[id])
		if names[id] == id {
			title = "racelint " + id
		}
		fmt.Fprintf(&sb, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level, escapeProperty(d.slashRel(f.posn.Filename)), f.posn.Line, f.posn.Column,
			end.Line, end.Column, escapeProperty(title), escapeData(msg))
	}
	for _, level := range []string{"error", "warning"} {
		if n := perLevel[level] - annotated[level]; n > 0 {
			fmt.Fprintf(&sb, "::%s title=racelint::%s\n", level, escapeData(fmt.Sprintf(
				"%d more %s findings are not annotated: GitHub shows %d annotations per level and step. They are listed in this job's log; upload -format sarif to code scanning to see them all on the pull request.",
				n, level, githubAnnotationsPerLevel)))
		}
	}
	fmt.Fprint(d.stdout, sb.String())
}

// escapeData escapes a workflow command's message: %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as
// escapeData, and also : and ,.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
