package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"unicode/utf8"
)

// text is a file's content with its line starts, to convert between byte
// offsets (what go/token records) and LSP positions (UTF-16 code units).
// Lines end at '\n', as in go/token.
type text struct {
	data  []byte
	lines []int // byte offset of the start of each line
}

func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// position converts a byte offset, clamped to the content, to a position.
// An offset inside a multi-byte character counts the character's bytes
// before it as one unit each, like invalid UTF-8.
func (t *text) position(offset int) Position {
	offset = max(0, min(offset, len(t.data)))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > offset }) - 1
	return Position{Line: line, Character: utf16Len(t.data[t.lines[line]:offset])}
}

// offset converts a position to a byte offset. A character beyond the end
// of its line means the end of the line; a line beyond the last, the end
// of the content (the spec's rule for positions past the end).
func (t *text) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.lines) {
		return len(t.data)
	}
	start := t.lines[p.Line]
	end := len(t.data)
	if p.Line+1 < len(t.lines) {
		end = t.lines[p.Line+1] - 1 // the '\n'
	}
	i, units := start, 0
	for i < end && units < p.Character {
		r, size := utf8.DecodeRune(t.data[i:end])
		units += runeUnits(r)
		i += size
	}
	return i
}

// utf16Len is the length of b in UTF-16 code units; each byte of invalid
// UTF-8 counts as one (it decodes to U+FFFD).
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += runeUnits(r)
		b = b[size:]
	}
	return n
}

func runeUnits(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// pathToURI returns the file URI of an absolute path.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x becomes /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// uriToPath returns the cleaned absolute path of a file URI.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("%s: not a file URI", uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		// /C:/x → C:/x; a host names a UNC share.
		if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
			p = p[1:]
		} else if u.Host != "" {
			p = "//" + u.Host + p
		}
	}
	if p == "" {
		return "", fmt.Errorf("%s: no path", uri)
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}
