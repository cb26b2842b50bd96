// Package baseline records a set of accepted findings and filters them
// out of later runs, so that a CI gate can fail on new races only.
//
// A finding is identified by its rule, its file (slash-separated,
// relative to the module root or -C directory) and a fingerprint of the
// source text of all its positions: the reported write, and where it read
// and checked the record (see Fingerprint), not by line numbers: lines
// inserted above a finding do not make it new, but editing its read or
// its check does. The same fingerprint is SARIF's
// partialFingerprints["racelint/v2"].
package baseline

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// FingerprintKey is the partialFingerprints key of SARIF results and the
// version of baseline files.
const FingerprintKey = "racelint/v2"

// legacyKey is the version of baselines fingerprinted on the reported
// lines alone; they are still read, and matched with FingerprintV1.
const legacyKey = "racelint/v1"

// Lines is a file's content split for fingerprinting.
type Lines struct {
	norm []string // normalised text of each line, index 0 = line 1
}

// SplitLines prepares src for Fingerprint.
func SplitLines(src []byte) *Lines {
	raw := bytes.Split(src, []byte("\n"))
	l := &Lines{norm: make([]string, len(raw))}
	for i, line := range raw {
		l.norm[i] = normalize(string(line))
	}
	return l
}

// normalize collapses every run of white space to one space and trims.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// span returns the normalised text of lines start..end (1-based,
// inclusive), joined by single spaces, and whether they exist.
func (l *Lines) span(start, end int) (string, bool) {
	if start < 1 || end < start || end > len(l.norm) {
		return "", false
	}
	return normalize(strings.Join(l.norm[start-1:end], " ")), true
}

// Anchor is a related position of a finding (where it read the record,
// where it checked it): its file, slash-separated and relative like the
// finding's, the file's lines, and the line.
type Anchor struct {
	File  string
	Lines *Lines
	Line  int
}

// Fingerprint identifies a finding of rule in file (slash path relative
// to the run directory) reported on lines startLine..endLine of src, with
// its related positions anchors: the SHA-256 of FingerprintV1's parts and
// of each anchor's file and line text, white space collapsed. Editing the
// read or the check of a finding changes it (a dropped FOR UPDATE is a new
// finding); lines inserted elsewhere and re-indentation do not.
func Fingerprint(rule, file string, lines *Lines, startLine, endLine int, anchors []Anchor) string {
	h := sha256.New()
	for _, part := range fingerprintParts(rule, file, lines, startLine, endLine) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	for _, a := range anchors {
		text, ok := "", false
		if a.Lines != nil {
			text, ok = a.Lines.span(a.Line, a.Line)
		}
		if !ok {
			text = fmt.Sprintf("@%d", a.Line)
		}
		for _, part := range []string{"anchor", a.File, text} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FingerprintV1 is the fingerprint of baselines written before related
// positions counted: the SHA-256 of the rule, the file, the reported
// lines' text with white space collapsed, and the occurrence index of that
// text among the equally long spans of the file that precede it (0 for
// the first). With lines == nil (the file is unreadable) the line numbers
// stand in for the text.
func FingerprintV1(rule, file string, lines *Lines, startLine, endLine int) string {
	h := sha256.New()
	for _, part := range fingerprintParts(rule, file, lines, startLine, endLine) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func fingerprintParts(rule, file string, lines *Lines, startLine, endLine int) []string {
	endLine = max(endLine, startLine)
	text, ok := "", false
	occurrence := 0
	if lines != nil {
		text, ok = lines.span(startLine, endLine)
	}
	if ok {
		n := endLine - startLine
		for s := 1; s < startLine; s++ {
			if t, _ := lines.span(s, s+n); t == text {
				occurrence++
			}
		}
	} else {
		text = fmt.Sprintf("@%d-%d", startLine, endLine)
	}
	return []string{legacyKey, rule, file, text, strconv.Itoa(occurrence)}
}

// Entry is one baselined finding.
type Entry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
	Message     string `json:"message"` // for people reading the file; not matched
}

// File is the baseline file's content.
type File struct {
	// Version is the fingerprint algorithm: FingerprintKey.
	Version  string  `json:"version"`
	Findings []Entry `json:"findings"`
}

// Sort orders entries by file, rule, fingerprint and message.
func Sort(entries []Entry) {
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Fingerprint, b.Fingerprint), cmp.Compare(a.Message, b.Message))
	})
}

// Write writes entries, sorted, to name as indented JSON.
func Write(name string, entries []Entry) error {
	entries = slices.Clone(entries)
	Sort(entries)
	if entries == nil {
		entries = []Entry{}
	}
	data, err := json.MarshalIndent(File{Version: FingerprintKey, Findings: entries}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644)
}

// Read reads a baseline file written by Write.
func Read(name string) (*File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a racelint baseline: %v", name, err)
	}
	if f.Version != FingerprintKey && f.Version != legacyKey {
		return nil, fmt.Errorf("%s: baseline version %q, want %q (rewrite it with -write-baseline)", name, f.Version, FingerprintKey)
	}
	return &f, nil
}

type key struct{ rule, file, fingerprint string }

// Matcher absorbs findings that the baseline holds, each entry at most
// once: two identical baselined findings absorb two, not three.
type Matcher struct {
	left   map[key]int
	legacy bool // the file has FingerprintV1 fingerprints
}

// NewMatcher returns a Matcher for f's entries.
func NewMatcher(f *File) *Matcher {
	m := &Matcher{left: map[key]int{}, legacy: f.Version == legacyKey}
	for _, e := range f.Findings {
		m.left[key{e.Rule, e.File, e.Fingerprint}]++
	}
	return m
}

// Legacy reports whether the baseline holds FingerprintV1 fingerprints,
// which Absorb must then be given (rewrite the file to upgrade it).
func (m *Matcher) Legacy() bool { return m.legacy }

// Absorb reports whether the finding is baselined, consuming one entry.
func (m *Matcher) Absorb(rule, file, fingerprint string) bool {
	k := key{rule, file, fingerprint}
	if m.left[k] == 0 {
		return false
	}
	m.left[k]--
	return true
}

// Unused returns how many baseline entries absorbed nothing: findings
// that were fixed since the baseline was written.
func (m *Matcher) Unused() int {
	n := 0
	for _, c := range m.left {
		n += c
	}
	return n
}
