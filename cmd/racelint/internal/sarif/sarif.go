// Package sarif writes racelint's findings as a SARIF 2.1.0 log (OASIS
// Static Analysis Results Interchange Format), the format GitHub code
// scanning and most CI dashboards ingest.
//
// The log has one run. Its tool.driver.rules has one descriptor per
// racelint rule, in catalog order; results are sorted by file, line,
// column, rule and message. Locations are relative to the run directory
// (uriBaseId %SRCROOT%). Columns are UTF-16 code units, SARIF's default
// columnKind, converted from Go's byte columns when the line's text is
// known. Each result carries partialFingerprints["racelint/v2"], the
// fingerprint the baseline uses, so that code scanning keeps tracking an
// alert when lines are inserted above it.
package sarif

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/racelint/racelint/analyzer"
)

const (
	// Version and Schema identify the SARIF version written.
	Version = "2.1.0"
	Schema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// SrcRoot is the uriBaseId of every relative location.
	SrcRoot = "%SRCROOT%"
	// InformationURI is the tool's home page.
	InformationURI = "https://github.com/racelint/racelint"
)

// Position is a point in a file: 1-based line, 1-based byte column, and
// the 0-based byte offset.
type Position struct {
	Line, Column, Offset int
}

// Span is a range of a file. File is a slash path relative to the run
// directory, or absolute when the file lies outside it.
type Span struct {
	File       string
	Start, End Position
}

// Related is a secondary location of a finding.
type Related struct {
	Span
	Message string
}

// Replacement replaces the bytes of Span with Text.
type Replacement struct {
	Span
	Text string
}

// Fix is one suggested fix.
type Fix struct {
	Description  string
	Replacements []Replacement
}

// Finding is one result.
type Finding struct {
	RuleID      string
	Message     string
	Span        Span
	Related     []Related
	Fixes       []Fix
	Fingerprint string
}

// Run is what one log describes.
type Run struct {
	ToolVersion string
	Rules       []analyzer.Rule
	Findings    []Finding
	// BaseDir is the absolute run directory that %SRCROOT% stands for.
	BaseDir string
	// Lines returns the text of a line (file as in Span, 1-based line) to
	// convert byte columns to UTF-16 ones; nil or ok=false keeps bytes.
	Lines func(file string, line int) (text string, ok bool)
	// HelpURIs overrides Rule.URL() for some rule IDs.
	HelpURIs map[string]string
	// ExecutionSuccessful is false when a package failed to load or an
	// analysis failed: the results may be incomplete.
	ExecutionSuccessful bool
}

// Write writes r as a SARIF log. Findings must already be sorted.
func Write(w io.Writer, r Run) error {
	log, err := Build(r)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// Build returns the SARIF log of r as JSON-encodable values.
func Build(r Run) (*Log, error) {
	driver := Driver{
		Name:           "racelint",
		InformationURI: InformationURI,
		Version:        r.ToolVersion,
		Rules:          []ReportingDescriptor{},
	}
	index := map[string]int{}
	for i, rule := range r.Rules {
		index[rule.ID] = i
		d := descriptor(rule)
		if u, ok := r.HelpURIs[rule.ID]; ok {
			d.HelpURI = u
			d.Help = &Message{Text: "Fix: " + rule.Fix + ". See " + u}
		}
		driver.Rules = append(driver.Rules, d)
	}
	run := RunObject{
		Tool:       Tool{Driver: driver},
		ColumnKind: "utf16CodeUnits",
		Results:    []Result{},
		Invocations: []Invocation{{
			ExecutionSuccessful: r.ExecutionSuccessful,
		}},
	}
	if r.BaseDir != "" {
		run.OriginalURIBaseIDs = map[string]ArtifactLocation{SrcRoot: {URI: dirURI(r.BaseDir)}}
	}
	for _, f := range r.Findings {
		i, ok := index[f.RuleID]
		if !ok {
			return nil, fmt.Errorf("sarif: finding of unknown rule %q", f.RuleID)
		}
		res := Result{
			RuleID:    f.RuleID,
			RuleIndex: i,
			Level:     level(r.Rules[i]),
			Message:   Message{Text: withLinks(f.Message, f.Related)},
			Locations: []Location{{PhysicalLocation: r.physical(f.Span, false)}},
		}
		if f.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{"racelint/v2": f.Fingerprint}
		}
		for j, rel := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, Location{
				ID:               j + 1,
				PhysicalLocation: r.physical(rel.Span, false),
				Message:          &Message{Text: rel.Message},
			})
		}
		for _, fix := range f.Fixes {
			res.Fixes = append(res.Fixes, r.fix(fix))
		}
		run.Results = append(run.Results, res)
	}
	return &Log{Schema: Schema, Version: Version, Runs: []RunObject{run}}, nil
}

// withLinks returns a result's message with each related location linked
// from it, "([read here](1), [checked here](2))": GitHub code scanning
// shows related locations only when the message links them. SARIF reads
// [text](id) in a message as such a link, so literal brackets are
// escaped.
func withLinks(msg string, related []Related) string {
	text := strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(msg)
	if len(related) == 0 {
		return text
	}
	var links []string
	for j, rel := range related {
		label := strings.NewReplacer("[", "", "]", "").Replace(rel.Message)
		links = append(links, fmt.Sprintf("[%s](%d)", label, j+1))
	}
	return text + " (" + strings.Join(links, ", ") + ")"
}

func descriptor(rule analyzer.Rule) ReportingDescriptor {
	// Race rules are security findings (CWE-362); others, such as the
	// problems of //racelint:ignore directives, are not.
	tags := []string{"maintainability"}
	var cwes []int
	if len(rule.CWE) > 0 {
		tags = []string{"security", "concurrency"}
		cwes = append([]int{362}, rule.CWE...)
	}
	seen := map[string]bool{}
	for _, c := range cwes {
		t := fmt.Sprintf("external/cwe/cwe-%d", c)
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	full := rule.Title + "."
	if rule.Fix != "" {
		full += " Fix: " + rule.Fix + "."
	}
	return ReportingDescriptor{
		ID:                   rule.ID,
		Name:                 rule.Name,
		ShortDescription:     &Message{Text: rule.Title},
		FullDescription:      &Message{Text: full},
		Help:                 &Message{Text: "Fix: " + rule.Fix + ". See " + rule.URL()},
		HelpURI:              rule.URL(),
		DefaultConfiguration: &Configuration{Level: level(rule)},
		Properties:           properties(rule, tags),
	}
}

// properties are a rule's SARIF properties. security-severity is what
// GitHub code scanning ranks security results by; without it every
// finding shows without a severity.
func properties(rule analyzer.Rule, tags []string) map[string]any {
	p := map[string]any{
		"tags":      tags,
		"precision": precision(rule.Confidence),
	}
	if len(rule.CWE) > 0 && rule.SecuritySeverity > 0 {
		p["security-severity"] = strconv.FormatFloat(rule.SecuritySeverity, 'f', 1, 64)
	}
	return p
}

// level maps a rule's severity to a SARIF level.
func level(r analyzer.Rule) string {
	switch strings.ToLower(string(r.Severity)) {
	case "error":
		return "error"
	case "note":
		return "note"
	}
	return "warning"
}

// precision maps a rule's confidence to SARIF's precision property.
func precision(confidence string) string {
	switch c := strings.ToLower(confidence); c {
	case "very-high", "high", "medium", "low":
		return c
	}
	return "medium"
}

func (r Run) physical(s Span, withBytes bool) PhysicalLocation {
	reg := &Region{
		StartLine:   s.Start.Line,
		StartColumn: r.column(s.File, s.Start),
		EndLine:     s.End.Line,
		EndColumn:   r.column(s.File, s.End),
	}
	if reg.EndLine < reg.StartLine || reg.EndLine == 0 {
		reg.EndLine, reg.EndColumn = reg.StartLine, reg.StartColumn
	}
	if withBytes {
		off, length := s.Start.Offset, s.End.Offset-s.Start.Offset
		reg.ByteOffset, reg.ByteLength = &off, &length
	}
	return PhysicalLocation{ArtifactLocation: artifact(s.File), Region: reg}
}

// column converts a byte column to UTF-16 code units, 1-based.
func (r Run) column(file string, p Position) int {
	col := max(p.Column, 1)
	if r.Lines == nil || col == 1 {
		return col
	}
	text, ok := r.Lines(file, p.Line)
	if !ok || col-1 > len(text) {
		return col
	}
	return len(utf16.Encode([]rune(text[:col-1]))) + 1
}

func (r Run) fix(f Fix) FixObject {
	var changes []ArtifactChange
	byFile := map[string]int{}
	for _, rep := range f.Replacements {
		i, ok := byFile[rep.File]
		if !ok {
			i = len(changes)
			byFile[rep.File] = i
			changes = append(changes, ArtifactChange{ArtifactLocation: artifact(rep.File)})
		}
		pl := r.physical(rep.Span, true)
		changes[i].Replacements = append(changes[i].Replacements, ReplacementObject{
			DeletedRegion:   *pl.Region,
			InsertedContent: &ArtifactContent{Text: rep.Text},
		})
	}
	return FixObject{Description: &Message{Text: f.Description}, ArtifactChanges: changes}
}

// artifact returns the location of file: relative to %SRCROOT%, or an
// absolute file URI.
func artifact(file string) ArtifactLocation {
	if filepath.IsAbs(file) || strings.HasPrefix(file, "/") {
		return ArtifactLocation{URI: fileURI(file)}
	}
	return ArtifactLocation{URI: (&url.URL{Path: file}).EscapedPath(), URIBaseID: SrcRoot}
}

func fileURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}
