// Package checks decides and reports racelint's rules.
package checks

import "golang.org/x/tools/go/analysis"

// Options carries the configuration the rules need.
type Options struct {
	Enabled    func(ruleID string) bool
	SkipTables []string
}

// Run analyses one package.
func Run(pass *analysis.Pass, opts Options) error { return nil }
