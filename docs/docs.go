// Package docs embeds racelint's rule pages (docs/rules/RLxxx.md) so that
// the racelint binary can print them offline with -explain; the pages are
// the same files the rule URLs point to on GitHub, so there is one text per
// rule.
package docs

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// rules holds every rule page. The pattern must match at least one file,
// so a build without rule pages fails loudly instead of shipping a binary
// whose -explain knows nothing.
//
//go:embed rules/*.md
var rules embed.FS

// RulePage returns the Markdown page of the rule with the given ID
// ("RL001"; case-insensitive, surrounding space ignored).
func RulePage(id string) ([]byte, error) {
	want := strings.ToUpper(strings.TrimSpace(id))
	// Only plain IDs may name a page: this keeps arbitrary user input
	// (-explain ../x) from reaching the file system API at all.
	if want == "" || strings.Trim(want, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
		return nil, fmt.Errorf("docs: invalid rule id %q (known: %s)", id, strings.Join(RuleIDs(), ", "))
	}
	data, err := rules.ReadFile("rules/" + want + ".md")
	if err != nil {
		return nil, fmt.Errorf("docs: no page for rule %q (known: %s)", id, strings.Join(RuleIDs(), ", "))
	}
	return data, nil
}

// RuleIDs returns the IDs of every embedded rule page, sorted.
func RuleIDs() []string {
	entries, err := fs.ReadDir(rules, "rules")
	if err != nil {
		return nil // cannot happen: the directory is embedded
	}
	var ids []string
	for _, e := range entries {
		if name := e.Name(); !e.IsDir() && path.Ext(name) == ".md" {
			ids = append(ids, strings.TrimSuffix(name, ".md"))
		}
	}
	sort.Strings(ids)
	return ids
}
