package analyzer

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer/internal/facts"
)

// NewForProgram returns an analyzer for drivers that load the whole
// program at once, such as the standalone racelint command. A first pass
// over pkgs computes the summary of every function, so that a call
// through an interface resolves to its implementation even when the
// caller's package does not import it: a service that declares the
// interface it needs and a repository that implements it usually meet
// only in main. Drivers that see one package at a time (go vet,
// golangci-lint) use New, and resolve interface calls only to
// implementations in packages the caller imports.
func NewForProgram(cfg Config, pkgs []*packages.Package) (*analysis.Analyzer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := cfg
	c.Rules = append([]string(nil), cfg.Rules...)
	c.Disable = append([]string(nil), cfg.Disable...)
	c.SkipTables = append([]string(nil), cfg.SkipTables...)
	c.SkipPaths = append([]string(nil), cfg.SkipPaths...)
	c.Interfaces = append([]Interface(nil), cfg.Interfaces...)
	c.Functions = append([]Function(nil), cfg.Functions...)
	first := facts.New(nil, c.userFuncs)
	graph, err := checker.Analyze([]*analysis.Analyzer{first}, pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("racelint: summarising the program: %v", err)
	}
	var all []analysis.ObjectFact
	var pkgFacts []analysis.PackageFact
	for act := range graph.All() {
		if act.Analyzer == first && act.Err == nil {
			all = append(all, act.AllObjectFacts()...)
			pkgFacts = append(pkgFacts, act.AllPackageFacts()...)
		}
	}
	return newAnalyzerWith(&c, facts.New(facts.CollectImplementations(all, pkgFacts), c.userFuncs)), nil
}
