// Package suppress reads racelint's silencing directives:
//
//	//racelint:ignore RL001[,RL002] <reason>
//	//nolint:racelint
//
// A directive on a line silences findings on that line; a directive alone
// on its line also silences the next line; one in a function's doc comment
// silences the whole function. racelint reads its own directive inside the
// analyzer, so it works the same under go vet, golangci-lint and editors.
package suppress

import (
	"go/ast"
	"go/token"
	"regexp"
	"strings"
)

// Directive is one parsed //racelint:ignore or //nolint comment.
type Directive struct {
	Pos    token.Pos
	End    token.Pos
	Rules  []string // nil means every rule (//nolint)
	Reason string
	NoLint bool

	from, to int    // lines it covers
	file     string // file name
	used     bool
}

// Set holds the directives of a package.
type Set struct {
	fset       *token.FileSet
	directives []*Directive
}

var (
	ignoreRE = regexp.MustCompile(`^//\s*racelint:ignore(?:\s+(\S+))?\s*(.*)$`)
	nolintRE = regexp.MustCompile(`^//\s*nolint(?::([\w,-]+))?\b`)
	ruleRE   = regexp.MustCompile(`^RL\d{3}$`)
)

// Parse collects the directives of files.
func Parse(fset *token.FileSet, files []*ast.File) *Set {
	s := &Set{fset: fset}
	for _, f := range files {
		funcDocs := map[*ast.CommentGroup]*ast.FuncDecl{}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
				funcDocs[fd.Doc] = fd
			}
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				d := parse(c)
				if d == nil {
					continue
				}
				pos := fset.Position(c.Pos())
				d.file = pos.Filename
				if fd := funcDocs[cg]; fd != nil {
					d.from, d.to = fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line
				} else {
					d.from, d.to = pos.Line, pos.Line
					if aloneOnLine(fset, f, c) {
						d.to = pos.Line + 1
					}
				}
				s.directives = append(s.directives, d)
			}
		}
	}
	return s
}

func parse(c *ast.Comment) *Directive {
	text := c.Text
	if m := ignoreRE.FindStringSubmatch(text); m != nil {
		d := &Directive{Pos: c.Pos(), End: c.End(), Reason: strings.TrimSpace(m[2])}
		for _, id := range strings.Split(m[1], ",") {
			if id = strings.ToUpper(strings.TrimSpace(id)); id != "" {
				d.Rules = append(d.Rules, id)
			}
		}
		return d
	}
	if m := nolintRE.FindStringSubmatch(text); m != nil {
		if m[1] != "" && !containsFold(strings.Split(m[1], ","), "racelint") {
			return nil
		}
		return &Directive{Pos: c.Pos(), End: c.End(), NoLint: true}
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), s) {
			return true
		}
	}
	return false
}

// aloneOnLine reports whether no code shares the comment's line.
func aloneOnLine(fset *token.FileSet, f *ast.File, c *ast.Comment) bool {
	tf := fset.File(c.Pos())
	if tf == nil {
		return false
	}
	line := tf.Line(c.Pos())
	alone := true
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || !alone {
			return false
		}
		switch n.(type) {
		case *ast.File, *ast.CommentGroup, *ast.Comment:
			return true
		}
		start, end := tf.Line(n.Pos()), tf.Line(n.End())
		if start > line || end < line {
			return false // this subtree does not touch the line
		}
		if start == line || end == line {
			if _, isBlock := n.(*ast.BlockStmt); !isBlock && n.Pos() < c.Pos() && tf.Line(n.End()) == line {
				alone = false
				return false
			}
			if n.Pos() > c.Pos() && start == line {
				alone = false
				return false
			}
		}
		return true
	})
	return alone
}

// Suppressed reports whether a finding of rule at pos is silenced, and
// marks the directive used. Directives without a reason do not silence.
func (s *Set) Suppressed(pos token.Pos, rule string) bool {
	p := s.fset.Position(pos)
	hit := false
	for _, d := range s.directives {
		if d.file != p.Filename || p.Line < d.from || p.Line > d.to {
			continue
		}
		if !d.NoLint && (d.Reason == "" || !d.covers(rule)) {
			continue
		}
		if d.NoLint || d.covers(rule) {
			d.used = true
			hit = true
		}
	}
	return hit
}

func (d *Directive) covers(rule string) bool {
	for _, r := range d.Rules {
		if r == rule {
			return true
		}
	}
	return false
}

// Problem is a directive that needs the user's attention.
type Problem struct {
	Pos, End token.Pos
	Message  string
}

// Problems returns malformed directives and //racelint:ignore directives
// that silenced nothing, for rules that are enabled. Call it after every
// finding has been passed to Suppressed.
func (s *Set) Problems(enabled func(string) bool) []Problem {
	var out []Problem
	for _, d := range s.directives {
		if d.NoLint {
			continue
		}
		var bad []string
		for _, r := range d.Rules {
			if !ruleRE.MatchString(r) {
				bad = append(bad, r)
			}
		}
		switch {
		case len(d.Rules) == 0:
			out = append(out, Problem{d.Pos, d.End, "racelint:ignore needs rule IDs and a reason: //racelint:ignore RL001 <reason>"})
		case len(bad) > 0:
			out = append(out, Problem{d.Pos, d.End, "racelint:ignore names unknown rule " + strings.Join(bad, ",")})
		case d.Reason == "":
			out = append(out, Problem{d.Pos, d.End, "racelint:ignore " + strings.Join(d.Rules, ",") + " needs a reason: say why the race is acceptable"})
		case !d.used && anyEnabled(d.Rules, enabled):
			out = append(out, Problem{d.Pos, d.End, "racelint:ignore " + strings.Join(d.Rules, ",") + " silences nothing; remove it"})
		}
	}
	return out
}

func anyEnabled(rules []string, enabled func(string) bool) bool {
	for _, r := range rules {
		if enabled(r) {
			return true
		}
	}
	return false
}
