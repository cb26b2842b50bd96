package fixes

import (
	"strings"

	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// tok is one lexical token of SQL text, with its byte range in the text
// it was lexed from.
type tok struct {
	kind       tokKind
	text       string
	start, end int
}

type tokKind uint8

const (
	tWord   tokKind = iota + 1 // identifier or keyword
	tQuoted                    // "ident" or `ident`
	tString                    // 'text'
	tNumber
	tParam // $1, ?, :name, @name
	tPunct // any other single character
)

// lexSQL splits s into tokens with the classifier's lexer
// (sqltext.Tokens), so that a fix edits the statement as the finding read
// it. Operators count as punctuation here: the edits look for "=" and
// the placeholders and words around it.
func lexSQL(s string) []tok {
	toks := sqltext.Tokens(s)
	out := make([]tok, len(toks))
	for i, t := range toks {
		out[i] = tok{kind: kinds[t.Kind], text: t.Text, start: t.Start, end: t.End}
	}
	return out
}

var kinds = map[sqltext.TokenKind]tokKind{
	sqltext.Word: tWord, sqltext.Quoted: tQuoted, sqltext.String: tString, sqltext.Number: tNumber,
	sqltext.Param: tParam, sqltext.Operator: tPunct, sqltext.Punct: tPunct,
}

// is reports whether t is the keyword k (case-insensitive).
func (t tok) is(k string) bool { return t.kind == tWord && strings.EqualFold(t.text, k) }

// punct reports whether t is the punctuation character p.
func (t tok) punct(p string) bool { return t.kind == tPunct && t.text == p }

// ident returns the identifier t names, without quotes, and whether t is
// an identifier at all.
func (t tok) ident() (string, bool) {
	switch t.kind {
	case tWord:
		return t.text, true
	case tQuoted:
		if len(t.text) >= 2 {
			return t.text[1 : len(t.text)-1], true
		}
	}
	return "", false
}
