package mdtext

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	md := "# RL001: check-then-update\n\nA **long** paragraph that must wrap because it is longer than the width, with a [link](https://example.com/x) and a [rule](RL004.md).\n\n- a list item that is also long enough to wrap onto a second line\n\n```go\nif x {\n}\n```\n\n| a | b |\n|---|---|\n| `c` | d |\n"
	got := Render(md, 40)
	for _, want := range []string{
		"RL001: CHECK-THEN-UPDATE\n========================\n",
		"A long paragraph that must wrap because\n",
		"it is longer than the width, with a link\n(https://example.com/x) and a rule.",
		"- a list item that is also long enough\n  to wrap onto a second line",
		"    if x {\n    }\n",
		"  `c` | d",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered text lacks %q:\n%s", want, got)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 40 && !strings.HasPrefix(line, "    ") && !strings.Contains(line, "http") {
			t.Errorf("line longer than 40: %q", line)
		}
	}
}
