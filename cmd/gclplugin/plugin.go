// Package gclplugin registers racelint as a golangci-lint v2 module
// plugin. It is a library package: golangci-lint's "custom" command
// builds a golangci-lint binary that imports it for its side effect.
//
//	# .custom-gcl.yml
//	version: v2.15.0
//	plugins:
//	  - module: github.com/racelint/racelint
//	    import: github.com/racelint/racelint/cmd/gclplugin
//
// The plugin's settings (linters.settings.custom.racelint.settings in
// .golangci.yml) are analyzer.Config's keys: rules, disable, skip-tables.
// Unknown keys and unknown rule IDs are errors, so a typo never silently
// turns a rule off. See docs/drivers.md.
package gclplugin

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/racelint/racelint/analyzer"
)

// Name is the linter's name in golangci-lint's configuration.
const Name = "racelint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is racelint as golangci-lint sees it.
type Plugin struct {
	cfg analyzer.Config
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes golangci-lint's settings for racelint strictly into an
// analyzer.Config and validates it.
func New(settings any) (register.LinterPlugin, error) {
	cfg, err := register.DecodeSettings[analyzer.Config](settings)
	if err != nil {
		return nil, fmt.Errorf("racelint settings: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Plugin{cfg: cfg}, nil
}

// BuildAnalyzers returns racelint's analyzer for the configured settings.
// golangci-lint analyses one package at a time, so an interface call
// resolves only to implementations in packages the caller imports (the
// standalone racelint command resolves it program-wide).
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	cfg := p.cfg
	// golangci-lint fails the run of every linter when one analyzer
	// returns an error: a function racelint cannot analyse becomes an
	// issue instead, and every other finding is kept.
	cfg.FailuresAsDiagnostics = true
	// golangci-lint makes each related position an issue of its own: the
	// read and the check are folded into the finding's text instead.
	cfg.RelatedInMessage = true
	a, err := analyzer.New(cfg)
	if err != nil {
		return nil, err
	}
	return []*analysis.Analyzer{a}, nil
}

// GetLoadMode asks for type information: racelint builds SSA.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
