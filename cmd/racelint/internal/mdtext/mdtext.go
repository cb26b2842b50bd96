// Package mdtext renders racelint's rule pages (a small, known subset of
// Markdown: headings, paragraphs, lists, fenced code, tables, links) as
// plain text for a terminal: paragraphs and list items wrapped, code
// indented, headings set apart, links written out.
package mdtext

import (
	"regexp"
	"strings"
)

var (
	linkRE     = regexp.MustCompile(`\[([^\]]+)\]\(([^)]+)\)`)
	boldRE     = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	listItemRE = regexp.MustCompile(`^(\s*)([-*]|\d+\.) (.*)$`)
)

// Render returns md as text wrapped at width columns.
func Render(md string, width int) string {
	var out strings.Builder
	var para []string
	paraIndent, paraLead := "", ""
	flush := func() {
		if len(para) == 0 {
			return
		}
		text := inline(strings.Join(para, " "))
		out.WriteString(wrap(text, width, paraLead, paraIndent))
		out.WriteString("\n")
		para, paraIndent, paraLead = nil, "", ""
	}
	inCode := false
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			flush()
			inCode = !inCode
			if !inCode {
				out.WriteString("\n")
			}
			continue
		case inCode:
			out.WriteString("    " + line + "\n")
			continue
		case trimmed == "":
			flush()
			out.WriteString("\n")
			continue
		case strings.HasPrefix(trimmed, "#"):
			flush()
			title := inline(strings.TrimSpace(strings.TrimLeft(trimmed, "#")))
			if strings.HasPrefix(trimmed, "# ") {
				out.WriteString(strings.ToUpper(title) + "\n" + strings.Repeat("=", min(len(title), width)) + "\n")
			} else {
				out.WriteString(title + "\n" + strings.Repeat("-", min(len(title), width)) + "\n")
			}
			continue
		case strings.HasPrefix(trimmed, "|"):
			flush()
			if strings.Trim(trimmed, "|-: ") == "" {
				continue // the header separator
			}
			cells := strings.Split(strings.Trim(trimmed, "|"), "|")
			for i := range cells {
				cells[i] = inline(strings.TrimSpace(cells[i]))
			}
			out.WriteString(wrap(strings.Join(cells, " | "), width, "  ", "    ") + "\n")
			continue
		}
		if m := listItemRE.FindStringSubmatch(line); m != nil {
			flush()
			paraLead = m[1] + m[2] + " "
			paraIndent = strings.Repeat(" ", len(paraLead))
			para = []string{m[3]}
			continue
		}
		para = append(para, trimmed)
	}
	flush()
	return strings.TrimRight(out.String(), "\n") + "\n"
}

// inline writes out links as "text (url)" and drops bold markers; code
// spans keep their backquotes, which read well in a terminal.
func inline(s string) string {
	s = linkRE.ReplaceAllStringFunc(s, func(m string) string {
		p := linkRE.FindStringSubmatch(m)
		if strings.HasSuffix(p[2], ".md") || strings.Contains(p[2], ".md#") {
			return p[1] // another rule page: -explain RLxxx shows it
		}
		return p[1] + " (" + p[2] + ")"
	})
	return boldRE.ReplaceAllString(s, "$1")
}

// wrap fills text into lines of at most width columns, the first
// starting with lead and the others with indent.
func wrap(text string, width int, lead, indent string) string {
	var lines []string
	line := lead
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	return strings.Join(append(lines, line), "\n")
}
