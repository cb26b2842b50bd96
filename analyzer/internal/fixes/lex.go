package fixes

import "strings"

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

// lexSQL splits s into tokens, skipping blanks and comments. It is only
// as precise as the edits need: it finds words, placeholders and the
// punctuation around them, and never fails.
func lexSQL(s string) []tok {
	var out []tok
	i := 0
	for i < len(s) && len(out) < 1<<14 {
		c := s[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(s)
			}
			continue
		case c == '\'':
			i++
			for i < len(s) {
				if s[i] == '\'' {
					if i+1 < len(s) && s[i+1] == '\'' {
						i += 2
						continue
					}
					i++
					break
				}
				i++
			}
			out = append(out, tok{tString, s[start:i], start, i})
		case c == '"' || c == '`':
			i++
			for i < len(s) && s[i] != c {
				i++
			}
			if i < len(s) {
				i++
			}
			out = append(out, tok{tQuoted, s[start:i], start, i})
		case c == '$' && i+1 < len(s) && isDigit(s[i+1]):
			i++
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			out = append(out, tok{tParam, s[start:i], start, i})
		case c == '?':
			i++
			out = append(out, tok{tParam, "?", start, i})
		case (c == ':' || c == '@') && i+1 < len(s) && isWordStart(s[i+1]) && (i == 0 || s[i-1] != ':'):
			i++
			for i < len(s) && isWordChar(s[i]) {
				i++
			}
			out = append(out, tok{tParam, s[start:i], start, i})
		case isWordStart(c):
			for i < len(s) && isWordChar(s[i]) {
				i++
			}
			out = append(out, tok{tWord, s[start:i], start, i})
		case isDigit(c):
			for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
				i++
			}
			out = append(out, tok{tNumber, s[start:i], start, i})
		default:
			i++
			out = append(out, tok{tPunct, s[start:i], start, i})
		}
	}
	return out
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isWordStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isWordChar(c byte) bool  { return isWordStart(c) || isDigit(c) || c == '$' }

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
