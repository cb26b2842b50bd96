package checks

// The parts of messages that quote the code: the check, the test, the
// column.

import (
	"go/token"
	"strings"

	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

func checkPos(g *check) token.Pos {
	if g == nil {
		return token.NoPos
	}
	return report.CondPos(g.cond.Cond)
}

// checkText names the check for a message: the condition as written, or
// the read's own filter.
func (c *funcChecker) checkText(g *check, r *ops.Op, implicit string) string {
	if g != nil {
		if s := c.r.ExprText(report.CondPos(g.cond.Cond)); s != "" {
			return "`" + s + "`"
		}
		if g.column != "" {
			return columnName(g.column)
		}
		return "the value"
	}
	if implicit != "" {
		return columnName(implicit) + " (filtered by the read's WHERE)"
	}
	return "the value"
}

// maxQuote is the longest check quoted in a one-line message.
const maxQuote = 30

// shortCheck is checkText for a one-line message: a long condition is
// cut at maxQuote characters.
func (c *funcChecker) shortCheck(g *check, r *ops.Op, implicit string) string {
	text := c.checkText(g, r, implicit)
	if strings.HasPrefix(text, "`") && len(text) > maxQuote+2 {
		return text[:maxQuote] + "…`"
	}
	return text
}

// testQuote returns the not-found test g as written, in parentheses, or
// "" when the source has no expression to quote (if exist { continue }
// after exist, err := x.Get(...): the condition is a result of the read).
func (c *funcChecker) testQuote(g *check) string {
	if s := c.r.ExprText(report.CondPos(g.cond.Cond)); s != "" {
		return " (tested by `" + s + "`)"
	}
	return ""
}

// displayNames spells normalised columns as op's code writes them.
func displayNames(op *ops.Op, columns []string) []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = op.DisplayName(c)
	}
	return out
}

func columnName(c string) string {
	if c == "" {
		return "the value"
	}
	return c
}
