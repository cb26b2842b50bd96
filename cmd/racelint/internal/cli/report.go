package cli

import (
	"cmp"
	"fmt"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// finding is one diagnostic of a root package, with positions resolved
// so that it no longer depends on which package variant reported it.
type finding struct {
	posn, end   token.Position
	category    string
	message     string
	related     []relatedInfo
	fix         []edit // the first suggested fix, if any
	fixMessage  string // its message
	fingerprint string // see baseline.Fingerprint; set by fingerprintAll
	// legacyFingerprint matches baselines written before related
	// positions counted (baseline.FingerprintV1).
	legacyFingerprint string
}

// key identifies a finding across the package variants that report it.
type findingKey struct {
	posn, end         token.Position
	category, message string
}

func (f *finding) key() findingKey { return findingKey{f.posn, f.end, f.category, f.message} }

type relatedInfo struct {
	posn, end token.Position
	message   string
}

// edit is a TextEdit as byte offsets into a named file. size is the file's
// size when it was parsed, to notice files that changed since.
type edit struct {
	file       string
	size       int
	start, end int
	text       string
	// startPos and endPos are start and end as unadjusted positions
	// (line and column), for output formats that want them.
	startPos, endPos token.Position
}

// collect returns the diagnostics of all root actions, de-duplicated and
// sorted. A file of package p is also compiled into the test variant
// "p [p.test]", so the same diagnostic usually arrives twice.
func (d *driver) collect(graph *checker.Graph) []*finding {
	seen := map[findingKey]bool{}
	var out []*finding
	for _, act := range graph.Roots {
		// An action that failed may still have findings: when a function
		// could not be analysed (act.Err says which), the package's other
		// functions were, and their findings stand.
		fset := act.Package.Fset
		for _, diag := range act.Diagnostics {
			f := &finding{
				posn:     fset.Position(diag.Pos),
				end:      fset.Position(cmp.Or(diag.End, diag.Pos)),
				category: diag.Category,
				message:  diag.Message,
			}
			k := f.key()
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, r := range diag.Related {
				f.related = append(f.related, relatedInfo{fset.Position(r.Pos), fset.Position(cmp.Or(r.End, r.Pos)), r.Message})
			}
			if len(diag.SuggestedFixes) > 0 {
				f.fixMessage = diag.SuggestedFixes[0].Message
				for _, e := range diag.SuggestedFixes[0].TextEdits {
					// Unadjusted positions: edits apply to the file on
					// disk, not to whatever a //line directive names.
					start := fset.PositionFor(e.Pos, false)
					end := fset.PositionFor(cmp.Or(e.End, e.Pos), false)
					size := -1
					if tf := fset.File(e.Pos); tf != nil {
						size = tf.Size()
					}
					f.fix = append(f.fix, edit{start.Filename, size, start.Offset, end.Offset, string(e.NewText), start, end})
				}
			}
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if c := cmp.Or(
			cmp.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			cmp.Compare(a.category, b.category),
			cmp.Compare(a.message, b.message),
			cmp.Compare(a.end.Filename, b.end.Filename),
			cmp.Compare(a.end.Line, b.end.Line),
		); c != 0 {
			return c < 0
		}
		return a.end.Column < b.end.Column
	})
	return out
}

func (d *driver) printText(findings []*finding) {
	var sb strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&sb, "%s: %s\n", d.position(f.posn), f.message)
		for _, r := range f.related {
			fmt.Fprintf(&sb, "\t%s: %s\n", d.position(r.posn), r.message)
		}
	}
	fmt.Fprint(d.stdout, sb.String())
}

// position formats p as file:line:col with the file relative to the base
// directory when it is below it.
func (d *driver) position(p token.Position) string {
	if !p.IsValid() {
		return "-"
	}
	s := fmt.Sprintf("%s:%d", d.rel(p.Filename), p.Line)
	if p.Column > 0 {
		s += fmt.Sprintf(":%d", p.Column)
	}
	return s
}

// reportPackageErrors prints one line per package (of the whole import
// graph) that failed to load or type-check, merging the variants of a
// package, and reports whether there was any.
func (d *driver) reportPackageErrors(roots []*packages.Package) bool {
	var all []*packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })
	slices.SortFunc(all, func(a, b *packages.Package) int { return cmp.Compare(a.ID, b.ID) })

	msgs := map[string][]string{} // package path -> distinct errors
	for _, p := range all {
		path := cmp.Or(p.PkgPath, p.ID)
		for _, e := range p.Errors {
			m := d.packageError(e)
			if !slices.Contains(msgs[path], m) {
				msgs[path] = append(msgs[path], m)
			}
		}
	}
	// A package whose own files are fine but which imports a broken one
	// is ill-typed too and will not be analysed: say so, once.
	for _, p := range roots {
		path := cmp.Or(p.PkgPath, p.ID)
		if !p.IllTyped || len(msgs[path]) > 0 || len(p.Errors) > 0 {
			continue
		}
		if p.Name == "main" && strings.HasSuffix(p.ID, ".test") {
			continue // generated test main: the broken package says it all
		}
		var broken []string
		packages.Visit([]*packages.Package{p}, nil, func(dep *packages.Package) {
			if len(dep.Errors) > 0 {
				broken = append(broken, cmp.Or(dep.PkgPath, dep.ID))
			}
		})
		if len(broken) > 0 {
			slices.Sort(broken)
			msgs[path] = append(msgs[path], fmt.Sprintf("not analysed: it imports %s, which has errors", broken[0]))
		}
	}
	paths := make([]string, 0, len(msgs))
	for p := range msgs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		line := fmt.Sprintf("racelint: package %s: %s", p, msgs[p][0])
		if n := len(msgs[p]) - 1; n > 0 {
			line += fmt.Sprintf(" (and %d more)", n)
		}
		fmt.Fprintln(d.stderr, line)
	}
	return len(paths) > 0
}

var posRE = regexp.MustCompile(`^(.*?)(:\d+(?::\d+)?)$`)

// packageError formats e with its file relative to the base directory.
func (d *driver) packageError(e packages.Error) string {
	// cgo and the go command report multi-line errors headed by
	// "# pkg"; the header repeats what the line already says.
	var parts []string
	for _, l := range strings.Split(e.Msg, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "# ") {
			parts = append(parts, l)
		}
	}
	msg := strings.Join(parts, "; ")
	if e.Pos == "" || e.Pos == "-" {
		return msg
	}
	pos := e.Pos
	if m := posRE.FindStringSubmatch(pos); m != nil {
		pos = d.rel(m[1]) + m[2]
	}
	return pos + ": " + msg
}

// reportActionErrors prints each distinct analysis error and reports
// whether there was any.
func (d *driver) reportActionErrors(graph *checker.Graph) bool {
	var lines []string
	for act := range graph.All() {
		if act.Err != nil {
			lines = append(lines, fmt.Sprintf("racelint: %s: %v", cmp.Or(act.Package.PkgPath, act.Package.ID), act.Err))
		}
	}
	sort.Strings(lines)
	lines = slices.Compact(lines)
	for _, l := range lines {
		fmt.Fprintln(d.stderr, l)
	}
	return len(lines) > 0
}
