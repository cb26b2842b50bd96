package analyzer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/racelint/racelint/analyzer"
)

// TestRulePages checks the catalogue against docs/rules: every rule has a
// page whose heading names its ID and name and whose first lines repeat
// its title, every page belongs to a rule, and IDs are unique and well formed.
func TestRulePages(t *testing.T) {
	dir := filepath.Join("..", "docs", "rules")
	seen := map[string]bool{}
	idRE := regexp.MustCompile(`^RL\d{3}$`)
	for _, r := range analyzer.Rules() {
		if !idRE.MatchString(r.ID) {
			t.Errorf("rule ID %q is not of the form RL000", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule ID %s is used twice", r.ID)
		}
		seen[r.ID] = true
		if !strings.HasSuffix(r.URL(), "docs/rules/"+r.ID+".md") {
			t.Errorf("%s: URL %s does not point at its page", r.ID, r.URL())
		}
		data, err := os.ReadFile(filepath.Join(dir, r.ID+".md"))
		if err != nil {
			t.Errorf("%s has no page: %v", r.ID, err)
			continue
		}
		page := string(data)
		if want := "# " + r.ID + " " + r.Name + "\n"; !strings.HasPrefix(page, want) {
			t.Errorf("%s.md must start with %q", r.ID, want)
		}
		if !strings.Contains(page, r.Title) {
			t.Errorf("%s.md does not repeat the catalogue title %q", r.ID, r.Title)
		}
		for _, section := range []string{"## The race", "## Examples", "## Not reported", "## Silencing"} {
			if !strings.Contains(page, section) {
				t.Errorf("%s.md has no %q section", r.ID, section)
			}
		}
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		id := strings.TrimSuffix(filepath.Base(p), ".md")
		if !seen[id] {
			t.Errorf("page %s belongs to no rule", p)
		}
	}
}
