package sqltext

import "strings"

type tokKind uint8

const (
	tWord   tokKind = iota + 1 // unquoted identifier or keyword; the parser decides which
	tQuoted                    // "x", `x`, [x]
	tString                    // 'x', E'x', N'x', $$x$$, $tag$x$tag$
	tNumber
	tParam // ?, ?N, $N, :name, @name
	tOp
	tPunct // ( ) , ; . [ ] { }
)

type token struct {
	kind       tokKind
	text       string // source text, quotes included
	param      int    // tParam: 0-based positional index, -1 for a named one
	name       string // tParam: name of a named parameter
	start, end int    // byte range of text in the source
}

// maxParamIndex bounds $N and ?N: PostgreSQL accepts at most 65535
// parameters, and a larger number is more likely garbage than an argument
// index. Without a bound a fuzzed "$99999999999" would claim billions of
// arguments.
const maxParamIndex = 65535

// ops lists the multi-character operators, longest first. Operators are not
// lexed greedily because "id=?" and "n>-1" must stay separate tokens.
var ops3 = []string{"->>", "#>>", "<=>", "!~*"}
var ops2 = []string{"<>", "<=", ">=", "!=", "==", "||", "->", "#>", "#-", "<@", "&&", "<<", ">>", "~*", "!~", "~~", "^@"}

// bracketAfter lists the keywords after which '[' opens a SQLite/SQL Server
// bracket identifier rather than a PostgreSQL subscript or ARRAY literal.
var bracketAfter = map[string]bool{
	"SELECT": true, "FROM": true, "JOIN": true, "UPDATE": true, "INTO": true, "TABLE": true,
	"BY": true, "ON": true, "WHERE": true, "AND": true, "OR": true, "AS": true, "SET": true,
	"DISTINCT": true, "NOT": true, "USING": true,
}

type lexResult struct {
	toks   []token
	params int
	named  []string
}

// lex never fails: every byte either belongs to a token, to whitespace or to
// a comment, and every step of the loop consumes at least one byte.
func lex(src string) lexResult {
	r := lexResult{toks: make([]token, 0, len(src)/5+4)}
	n := len(src)
	nq := 0   // bare '?' seen so far
	maxN := 0 // largest $N / ?N
	var seen map[string]bool
	emit := func(k tokKind, i, j int) {
		r.toks = append(r.toks, token{kind: k, text: src[i:j], param: -1, start: i, end: j})
	}
	emitParam := func(i, j, idx int, name string) {
		r.toks = append(r.toks, token{kind: tParam, text: src[i:j], param: idx, name: name, start: i, end: j})
		if name != "" {
			if seen == nil {
				seen = map[string]bool{}
			}
			if !seen[name] {
				seen[name] = true
				r.named = append(r.named, name)
			}
		}
	}
	for i := 0; i < n; {
		c := src[i]
		var c1 byte
		if i+1 < n {
			c1 = src[i+1]
		}
		switch {
		case isSpace(c):
			i++
		case c == '-' && c1 == '-':
			if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = n
			}
		case c == '/' && c1 == '*':
			if j := strings.Index(src[i+2:], "*/"); j >= 0 {
				i += 2 + j + 2
			} else {
				i = n
			}
		case c == '\'':
			j := scanQuoted(src, i, '\'', false)
			emit(tString, i, j)
			i = j
		case c == '"' || c == '`':
			j := scanQuoted(src, i, c, false)
			emit(tQuoted, i, j)
			i = j
		case c == '[' && bracketIdentAt(src, i, r.toks):
			j := i + strings.IndexByte(src[i:], ']') + 1
			emit(tQuoted, i, j)
			i = j
		case (c == 'E' || c == 'e') && c1 == '\'':
			j := scanQuoted(src, i+1, '\'', true)
			emit(tString, i, j)
			i = j
		case strings.IndexByte("NnXxBb", c) >= 0 && c1 == '\'':
			j := scanQuoted(src, i+1, '\'', false)
			emit(tString, i, j)
			i = j
		case isIdentStart(c):
			j := i + 1
			for j < n && isIdentChar(src[j]) {
				j++
			}
			emit(tWord, i, j)
			i = j
		case isDigit(c) || (c == '.' && isDigit(c1)):
			j := scanNumber(src, i)
			emit(tNumber, i, j)
			i = j
		case c == '?':
			switch {
			case c1 == '?' || c1 == '|' || c1 == '&':
				// '??' is how some drivers escape a literal '?', and
				// '?|' '?&' are jsonb operators: none takes an argument.
				emit(tOp, i, i+2)
				i += 2
			case isDigit(c1):
				j, v := scanDigits(src, i+1)
				if v >= 1 && v <= maxParamIndex {
					emitParam(i, j, v-1, "")
					maxN = max(maxN, v)
				} else {
					emit(tOp, i, j)
				}
				i = j
			default:
				emitParam(i, i+1, nq, "")
				nq++
				i++
			}
		case c == '$':
			switch {
			case isDigit(c1):
				j, v := scanDigits(src, i+1)
				if v >= 1 && v <= maxParamIndex {
					emitParam(i, j, v-1, "")
					maxN = max(maxN, v)
				} else {
					emit(tOp, i, j)
				}
				i = j
			case c1 == '$' || isASCIIIdentStart(c1):
				if j, ok := scanDollar(src, i); ok {
					emit(tString, i, j)
					i = j
				} else {
					emit(tOp, i, i+1)
					i++
				}
			default:
				emit(tOp, i, i+1)
				i++
			}
		case c == ':':
			switch {
			case c1 == ':' || c1 == '=':
				emit(tOp, i, i+2)
				i += 2
			case isASCIIIdentStart(c1):
				j := scanName(src, i+1)
				emitParam(i, j, -1, src[i+1:j])
				i = j
			default:
				emit(tOp, i, i+1)
				i++
			}
		case c == '@':
			switch {
			case c1 == '@' || c1 == '>':
				emit(tOp, i, i+2)
				i += 2
			case isASCIIIdentStart(c1):
				j := scanName(src, i+1)
				emitParam(i, j, -1, src[i+1:j])
				i = j
			default:
				emit(tOp, i, i+1)
				i++
			}
		case strings.IndexByte("(),;.[]{}", c) >= 0:
			emit(tPunct, i, i+1)
			i++
		default:
			w := 1
			for _, o := range ops3 {
				if strings.HasPrefix(src[i:], o) {
					w = 3
					break
				}
			}
			if w == 1 {
				for _, o := range ops2 {
					if strings.HasPrefix(src[i:], o) {
						w = 2
						break
					}
				}
			}
			emit(tOp, i, i+w)
			i += w
		}
	}
	r.params = max(nq, maxN)
	return r
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIIIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// Bytes >= 0x80 count as identifier characters so that UTF-8 identifiers
// stay one token without decoding.
func isIdentStart(c byte) bool { return isASCIIIdentStart(c) || c >= 0x80 }

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

// scanQuoted returns the end of a quoted run starting at src[i] == q. A
// doubled quote is an escaped quote; backslash escapes only when asked
// (E'...' strings): standard PostgreSQL strings treat a backslash literally.
// An unterminated run ends at the end of input.
func scanQuoted(src string, i int, q byte, backslash bool) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(src)
}

func scanDigits(src string, i int) (end, val int) {
	j := i
	for j < len(src) && isDigit(src[j]) {
		if val <= maxParamIndex {
			val = val*10 + int(src[j]-'0')
		}
		j++
	}
	return j, val
}

func scanNumber(src string, i int) int {
	j := i
	for j < len(src) && (isDigit(src[j]) || src[j] == '.') {
		j++
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k < len(src) && isDigit(src[k]) {
			j = k
		}
	}
	// 0x1F, 1_000 and stray suffixes stay part of the number.
	for j < len(src) && isIdentChar(src[j]) {
		j++
	}
	return j
}

// scanName scans a named parameter. Dots are allowed inside because sqlx
// binds :user.email to nested struct fields; a trailing dot is punctuation.
func scanName(src string, i int) int {
	j := i
	for j < len(src) && (isASCIIIdentStart(src[j]) || isDigit(src[j]) || src[j] == '.') {
		j++
	}
	for j > i+1 && src[j-1] == '.' {
		j--
	}
	return j
}

// scanDollar scans a dollar-quoted string $tag$...$tag$; ok is false when
// src[i:] does not start with a valid opening tag.
func scanDollar(src string, i int) (int, bool) {
	j := i + 1
	for j < len(src) && (isASCIIIdentStart(src[j]) || isDigit(src[j])) {
		j++
	}
	if j >= len(src) || src[j] != '$' {
		return 0, false
	}
	tag := src[i : j+1]
	if k := strings.Index(src[j+1:], tag); k >= 0 {
		return j + 1 + k + len(tag), true
	}
	return len(src), true
}

// bracketIdentAt decides whether '[' at src[i] starts a bracket identifier.
// PostgreSQL uses '[' for subscripts and ARRAY[...] whose contents may hold
// placeholders, so only a short name-like run in a position where a name is
// expected qualifies.
func bracketIdentAt(src string, i int, prev []token) bool {
	j := strings.IndexByte(src[i:], ']')
	if j < 2 {
		return false
	}
	body := src[i+1 : i+j]
	if !isIdentStart(body[0]) {
		return false
	}
	for k := 0; k < len(body); k++ {
		c := body[k]
		if !isIdentChar(c) && c != ' ' && c != '-' {
			return false
		}
	}
	if len(prev) == 0 {
		return true
	}
	t := prev[len(prev)-1]
	switch t.kind {
	case tPunct:
		return t.text == "(" || t.text == "," || t.text == "."
	case tOp:
		return true
	case tWord:
		return bracketAfter[strings.ToUpper(t.text)]
	}
	return false
}

// Token is one lexical token of SQL text as the classifier lexes it, with
// its byte range in the text. The fixer edits SQL at these ranges, so that
// the statement a finding was decided on and the one a fix rewrites are
// split into words, strings and placeholders the same way.
type Token struct {
	Kind       TokenKind
	Text       string // source text, quotes included
	Start, End int
}

// TokenKind is the lexical class of a Token.
type TokenKind uint8

// The kinds, in the order of the lexer's own.
const (
	Word     TokenKind = iota + 1 // unquoted identifier or keyword
	Quoted                        // "x", `x`, [x]
	String                        // 'x', E'x', N'x', $$x$$, $tag$x$tag$
	Number                        // 1, 1.5, 1e3, 0x1F
	Param                         // ?, ?N, $N, :name, @name
	Operator                      // = <> <= ->> ...
	Punct                         // ( ) , ; . [ ] { }
)

// Tokens splits src into tokens, skipping blanks and comments. It never
// fails.
func Tokens(src string) []Token {
	toks := lex(src).toks
	out := make([]Token, len(toks))
	for i, t := range toks {
		out[i] = Token{Kind: TokenKind(t.kind), Text: t.text, Start: t.start, End: t.end}
	}
	return out
}
