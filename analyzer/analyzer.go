// Package analyzer defines racelint's Analyzer, which reports
// check-then-act races between Go code and the database: a record is read,
// a decision is made in Go, and the same record is written, so two
// concurrent requests can both pass the check.
//
// The package's public API is Analyzer (default configuration, flags
// bound), New (an analyzer for an explicit Config), Config and Rules.
package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/catalog"
	"github.com/racelint/racelint/analyzer/internal/checks"
	"github.com/racelint/racelint/analyzer/internal/facts"
	"github.com/racelint/racelint/analyzer/internal/isolate"
	"github.com/racelint/racelint/analyzer/internal/retries"
	"github.com/racelint/racelint/analyzer/internal/schema"
	"github.com/racelint/racelint/analyzer/internal/scope"
)

// Doc is the analyzer's documentation as go vet and editors show it.
const Doc = `report check-then-act races against the database

racelint follows dataflow from an ORM or SQL read, through the branches that
test what was read, to a write of the same record. It reports the write when
two concurrent requests could both pass the check (check-then-update,
check-then-insert, lost updates, unguarded transactions) and the code is not
protected by a conditional write whose affected-row count is checked, a
locking read in the same transaction, Serializable isolation, a conflict-safe
insert or an atomic expression.

Silence a finding whose race is acceptable with
	//racelint:ignore RL001 <reason>
on the reported line, the line above it, or the enclosing function's doc comment.`

// Analyzer is racelint with the default configuration; its flags
// (-rules, -disable, -skip-tables) configure it before the first run.
var Analyzer = func() *analysis.Analyzer {
	cfg := Defaults()
	a := newAnalyzer(&cfg)
	BindFlags(&a.Flags, &cfg)
	return a
}()

// New returns a fresh analyzer that closes over a copy of cfg. Each call
// builds an independent analyzer, so several configurations can coexist
// (for example in an editor), but only one may run per driver invocation.
func New(cfg Config) (*analysis.Analyzer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := cfg.clone()
	return newAnalyzer(&c), nil
}

// clone returns a copy of c that shares no slice with it.
func (c Config) clone() Config {
	c.Rules = slices.Clone(c.Rules)
	c.Disable = slices.Clone(c.Disable)
	c.SkipTables = slices.Clone(c.SkipTables)
	c.SkipPaths = slices.Clone(c.SkipPaths)
	c.Interfaces = slices.Clone(c.Interfaces)
	c.Functions = slices.Clone(c.Functions)
	return c
}

// Rule describes one racelint rule.
type Rule = catalog.Rule

// Rules returns every rule, ordered by ID.
func Rules() []Rule { return catalog.All() }

func newAnalyzer(cfg *Config) *analysis.Analyzer {
	return newAnalyzerWith(cfg, facts.New(facts.Options{UserFuncs: cfg.userFuncs}), nil)
}

// userFuncs converts the configured functions for the engine; it runs when
// a package is analysed, after flags are parsed.
func (c *Config) userFuncs() []apimodel.UserFunc {
	var out []apimodel.UserFunc
	for _, f := range c.Functions {
		out = append(out, apimodel.UserFunc{Name: f.Func, Role: f.Role, Table: f.Table, Key: f.Key, Columns: f.Columns, Object: -1})
	}
	for _, i := range c.Interfaces {
		name, table := i.parts()
		out = append(out, apimodel.UserFunc{Name: name, Table: table, Key: -1, Object: -1, Interface: true})
	}
	return out
}

// newAnalyzerWith builds the rules analyzer on top of a facts analyzer.
// retried, when not nil, indexes the retried calls of every package the
// driver loaded (the whole-program driver); otherwise each package's own
// are indexed as it is analysed.
func newAnalyzerWith(cfg *Config, factsAnalyzer *analysis.Analyzer, retried *retries.Callees) *analysis.Analyzer {
	sqlFiles := schema.NewSQLFiles() // each module's *.sql files, read once per analyzer
	return &analysis.Analyzer{
		Name:     "racelint",
		Doc:      Doc,
		URL:      "https://github.com/racelint/racelint/blob/main/docs/index.md",
		Requires: []*analysis.Analyzer{factsAnalyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			if err := cfg.Validate(); err != nil {
				return nil, err
			}
			res := pass.ResultOf[factsAnalyzer].(*facts.Result)
			failures := append([]*isolate.Failure(nil), res.Failures...)
			opts := checks.Options{
				Enabled:          cfg.enabled,
				SkipTables:       cfg.SkipTables,
				RelatedInMessage: cfg.RelatedInMessage,
				SQLFiles:         sqlFiles,
				Scope:            scope.New(cfg.SkipPaths, cfg.Migrations),
				Predicates:       res.Predicates,
				Retried:          retried,
				CallersKnown:     retried != nil,
			}
			var pos token.Pos
			if len(pass.Files) > 0 {
				pos = pass.Files[0].Package
			}
			// Functions are isolated inside checks.Run; this catches the
			// package-wide steps (schema, suppression, reporting).
			if failure := isolate.Do(isolate.Check, pass.Pkg.Path(), "", pos, func() {
				failures = append(failures, checks.Run(pass, res.Pkg, res.SSA, opts)...)
			}); failure != nil {
				failures = append(failures, failure)
			}
			res.Release()
			// The findings of every function that did not fail are
			// reported already; the error says what was left out.
			if cfg.FailuresAsDiagnostics {
				reportFailures(pass, failures)
				return nil, nil
			}
			return nil, isolate.Join(failures)
		},
	}
}

// InternalErrorCategory is the category of the diagnostic that stands for
// a function or package racelint could not analyse, under
// Config.FailuresAsDiagnostics.
const InternalErrorCategory = "internal-error"

func reportFailures(pass *analysis.Pass, failures []*isolate.Failure) {
	for _, f := range failures {
		pos := f.Pos
		if !pos.IsValid() && len(pass.Files) > 0 {
			pos = pass.Files[0].Package
		}
		pass.Report(analysis.Diagnostic{Pos: pos, Category: InternalErrorCategory, Message: "racelint: " + f.Error()})
	}
}

// IsDatabaseLibrary reports whether importPath belongs to a database
// library or driver racelint models (database/sql, GORM, pgx, go-redis,
// ent...). Drivers use it to tell a user why a run checked nothing.
func IsDatabaseLibrary(importPath string) bool { return apimodel.IsOpaque(importPath) }
