package analyzer

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/racelint/racelint/analyzer/internal/catalog"
)

// Config is racelint's whole configuration. The zero value is not useful;
// start from Defaults. A Config is read-only once handed to New.
type Config struct {
	// Rules lists the enabled rule IDs. Empty means every rule.
	Rules []string `json:"rules,omitempty"`
	// Disable lists rule IDs to turn off; it wins over Rules.
	Disable []string `json:"disable,omitempty"`
	// SkipTables lists tables, models or key prefixes whose races are
	// acceptable (analytics, logs). Matching is case-insensitive and
	// ignores underscores, so "page_views" also matches a model PageView.
	SkipTables []string `json:"skip-tables,omitempty"`
}

// Defaults returns the configuration racelint uses when nothing is set.
func Defaults() Config { return Config{} }

// Validate reports the first invalid setting, naming it.
func (c Config) Validate() error {
	for _, list := range []struct {
		name string
		ids  []string
	}{{"rules", c.Rules}, {"disable", c.Disable}} {
		for _, id := range list.ids {
			if _, ok := catalog.ByID(strings.ToUpper(strings.TrimSpace(id))); !ok {
				return fmt.Errorf("racelint: %s: unknown rule %q (known: %s)", list.name, id, strings.Join(ruleIDs(), ", "))
			}
		}
	}
	for _, t := range c.SkipTables {
		if strings.TrimSpace(t) == "" {
			return fmt.Errorf("racelint: skip-tables: empty table name")
		}
	}
	return nil
}

// enabled reports whether the rule with the given ID is on.
func (c Config) enabled(id string) bool {
	for _, d := range c.Disable {
		if strings.EqualFold(strings.TrimSpace(d), id) {
			return false
		}
	}
	if len(c.Rules) == 0 {
		return true
	}
	for _, r := range c.Rules {
		if strings.EqualFold(strings.TrimSpace(r), id) {
			return true
		}
	}
	return false
}

func ruleIDs() []string {
	var ids []string
	for _, r := range catalog.All() {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// BindFlags registers one flag per setting on fs, writing into c. The
// default Analyzer binds its own Flags this way, so that go vet
// (-racelint.rules=...) and the CLI share one spelling.
func BindFlags(fs *flag.FlagSet, c *Config) {
	fs.Var((*listFlag)(&c.Rules), "rules", "comma-separated rule IDs to enable (default: all)")
	fs.Var((*listFlag)(&c.Disable), "disable", "comma-separated rule IDs to disable")
	fs.Var((*listFlag)(&c.SkipTables), "skip-tables", "comma-separated tables/models whose races are acceptable (analytics, logs)")
}

// listFlag is a comma-separated list flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = nil
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}
