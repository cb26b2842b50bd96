package fixes

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// sqlLiteral is a SQL string literal written directly in a call: the
// only SQL racelint edits. SQL held in a constant, a variable or built by
// concatenation may be shared with other statements, so it is never
// edited.
type sqlLiteral struct {
	lit  *ast.BasicLit
	raw  bool      // `...` rather than "..."
	body string    // the literal's source text between the quotes
	pos  token.Pos // position of body[0]
	sql  string    // the decoded value
}

// literalArg returns the SQL literal at argument index i of call.
func literalArg(call *ast.CallExpr, i int) *sqlLiteral {
	if call == nil || i < 0 || i >= len(call.Args) {
		return nil
	}
	lit, ok := ast.Unparen(call.Args[i]).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || len(lit.Value) < 2 {
		return nil
	}
	sql, err := strconv.Unquote(lit.Value)
	if err != nil {
		return nil
	}
	return &sqlLiteral{
		lit:  lit,
		raw:  lit.Value[0] == '`',
		body: lit.Value[1 : len(lit.Value)-1],
		pos:  lit.ValuePos + 1,
		sql:  sql,
	}
}

// plain reports whether the literal's source text is its value (no
// escape sequences), so that offsets into the SQL are offsets into the
// source.
func (l *sqlLiteral) plain() bool { return l.body == l.sql }

// contentEnd returns the offset in body just after the statement's last
// token: before trailing blanks, escaped blanks (\n, \t) and one
// statement-ending semicolon.
func (l *sqlLiteral) contentEnd() int {
	b := l.body
	semi := false
	for {
		n := len(b)
		b = strings.TrimRight(b, " \t\r\n")
		if !l.raw {
			for _, esc := range []string{`\n`, `\t`, `\r`} {
				if strings.HasSuffix(b, esc) && !strings.HasSuffix(b, `\`+esc) {
					b = b[:len(b)-2]
				}
			}
		}
		if !semi && strings.HasSuffix(b, ";") {
			b = b[:len(b)-1]
			semi = true
		}
		if len(b) == n {
			return len(b)
		}
	}
}

// insert returns an edit inserting text at offset off of the body.
func (l *sqlLiteral) insert(off int, text string) analysis.TextEdit {
	p := l.pos + token.Pos(off)
	return analysis.TextEdit{Pos: p, End: p, NewText: []byte(text)}
}

// statements reports how many statements the SQL holds.
func statements(toks []tok) int {
	n, open := 0, false
	for _, t := range toks {
		if t.punct(";") {
			if open {
				n++
			}
			open = false
			continue
		}
		open = true
	}
	if open {
		n++
	}
	return n
}

// fileOf returns the syntax tree of the file holding pos.
func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// text returns the source text of n.
func text(pass *analysis.Pass, n ast.Node) (string, bool) {
	tf := pass.Fset.File(n.Pos())
	if tf == nil {
		return "", false
	}
	f := fileOf(pass, n.Pos())
	if f == nil {
		return "", false
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if start < 0 || end > len(src) || start > end {
		return "", false
	}
	return string(src[start:end]), true
}

// importName returns the name under which the file holding pos can refer
// to the package path, adding the import when the file lacks it. ok is
// false when the name would clash with another declaration in scope, or
// the file imports the package only for its side effects or with a dot.
func importName(pass *analysis.Pass, pos token.Pos, path, name string) (string, []analysis.TextEdit, bool) {
	f := fileOf(pass, pos)
	if f == nil {
		return "", nil, false
	}
	for _, s := range f.Imports {
		p, err := strconv.Unquote(s.Path.Value)
		if err != nil || p != path {
			continue
		}
		if s.Name == nil {
			return name, nil, usable(pass, pos, name, path)
		}
		if s.Name.Name == "_" || s.Name.Name == "." {
			return "", nil, false
		}
		return s.Name.Name, nil, usable(pass, pos, s.Name.Name, path)
	}
	if !usable(pass, pos, name, path) {
		return "", nil, false
	}
	return name, []analysis.TextEdit{addImport(pass.Fset, f, path)}, true
}

// usable reports whether name, looked up at pos, is free or already the
// package path.
func usable(pass *analysis.Pass, pos token.Pos, name, path string) bool {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		scope = pass.Pkg.Scope()
	}
	_, obj := scope.LookupParent(name, pos)
	if obj == nil {
		// A declaration later in the package would clash with the import.
		return pass.Pkg.Scope().Lookup(name) == nil
	}
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

// addImport returns the edit that adds path to f's imports the way gofmt
// keeps them: sorted inside the parenthesised group of its kind (the
// group holding paths with the same first element, else the last group).
func addImport(fset *token.FileSet, f *ast.File, path string) analysis.TextEdit {
	quoted := strconv.Quote(path)
	var decl *ast.GenDecl
	var last *ast.GenDecl
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		last = g
		if decl == nil && g.Lparen.IsValid() && len(g.Specs) > 0 {
			decl = g
		}
	}
	if decl == nil {
		if last != nil {
			return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte("\nimport " + quoted)}
		}
		return analysis.TextEdit{Pos: f.Name.End(), End: f.Name.End(), NewText: []byte("\n\nimport " + quoted)}
	}
	// Split the specs into blank-line separated groups.
	var groups [][]*ast.ImportSpec
	prevLine := -2
	for _, s := range decl.Specs {
		is := s.(*ast.ImportSpec)
		line := fset.Position(is.Pos()).Line
		if line > prevLine+1 || len(groups) == 0 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], is)
		prevLine = fset.Position(is.End()).Line
	}
	first := strings.SplitN(path, "/", 2)[0]
	group := groups[len(groups)-1]
	for _, g := range groups {
		for _, s := range g {
			if p, _ := strconv.Unquote(s.Path.Value); strings.SplitN(p, "/", 2)[0] == first {
				group = g
			}
		}
	}
	i := sort.Search(len(group), func(i int) bool {
		p, _ := strconv.Unquote(group[i].Path.Value)
		return p > path
	})
	if i < len(group) {
		at := group[i].Pos()
		if group[i].Doc != nil {
			at = group[i].Doc.Pos()
		}
		return analysis.TextEdit{Pos: at, End: at, NewText: []byte(quoted + "\n\t")}
	}
	end := group[len(group)-1].End()
	if c := group[len(group)-1].Comment; c != nil {
		end = c.End()
	}
	return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\t" + quoted)}
}
