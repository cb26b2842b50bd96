package analyzer

import (
	"encoding/json"
	"flag"
	"fmt"
	"path"
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
	// SkipPaths lists files and directories, relative to the module root,
	// that are not reported: a directory excludes everything below it;
	// path.Match globs match a file or a directory ("cmd/*/seed.go"),
	// and a leading "**/" matches at any depth.
	SkipPaths []string `json:"skip-paths,omitempty"`
	// Migrations reports migration code too. By default racelint leaves
	// out packages with a "migrations" or "migration" path element and
	// the functions a migration framework runs (goose.AddMigration,
	// gormigrate and xormigrate Migration values): a framework runs each
	// migration once, so it does not race with itself.
	Migrations bool `json:"migrations,omitempty"`
	// Functions declares what functions and methods of an in-house data
	// layer do, for calls racelint cannot follow into: interface methods
	// whose implementation the analysed package cannot see, or layers over
	// a store racelint does not model.
	Functions []Function `json:"functions,omitempty"`
	// Interfaces declares in-house repository interfaces, one line each,
	// for drivers that see one package at a time (go vet, golangci-lint)
	// and cannot follow a call through an interface to an implementation
	// in a package the caller does not import. Each method's role is
	// inferred from its name and signature (docs/configuration.md);
	// Functions entries win for the methods they name.
	Interfaces []Interface `json:"interfaces,omitempty"`
	// Severity overrides the level a rule is reported at in SARIF, GitHub
	// annotations and editors: "error", "warning" or "note".
	Severity map[string]string `json:"severity,omitempty"`
	// FailuresAsDiagnostics reports a function or package racelint could
	// not analyse (an internal error: a racelint bug) as a diagnostic of
	// category "internal-error" at that function, instead of as the
	// package's analysis error. golangci-lint drops the results of every
	// linter when one analyzer returns an error, so its plugin sets this;
	// the other drivers print the error and keep the findings. It is not a
	// user setting.
	FailuresAsDiagnostics bool `json:"-"`
	// RelatedInMessage folds each finding's related positions (where the
	// record was read, where it was checked) into its message and reports
	// none. golangci-lint turns every related position into an issue of
	// its own on the finding's line, which its default uniq-by-line then
	// partly hides; its plugin sets this. It is not a user setting.
	RelatedInMessage bool `json:"-"`
}

// Function declares the role of one function or method.
type Function struct {
	// Func names it: "example.com/app/store.Get" for a function,
	// "example.com/app/store.Store.Get" for a method (pointer receivers
	// without '*'), "example.com/app/service.Users.Get" for an interface
	// method.
	Func string `json:"func"`
	// Role is read, exists (a read that only reports whether the row
	// exists), update, insert, delete or lock.
	Role string `json:"role"`
	// Table names the table, model or collection it touches.
	Table string `json:"table"`
	// Key is the index of the argument that names the row (receiver not
	// counted); -1 when no argument does.
	Key int `json:"key"`
	// Columns lists the columns an update writes; empty means every column.
	Columns []string `json:"columns,omitempty"`
}

// Interface names a repository interface, "example.com/app/domain.Orders",
// optionally followed by "=table" (the table its methods touch; the
// interface's name by default).
type Interface string

// parts splits the interface into its full name and table.
func (i Interface) parts() (name, table string) {
	name, table, _ = strings.Cut(strings.TrimSpace(string(i)), "=")
	name = strings.TrimSpace(name)
	table = strings.TrimSpace(table)
	if table == "" {
		table = name[strings.LastIndex(name, ".")+1:]
	}
	return name, table
}

var functionRoles = map[string]bool{"read": true, "exists": true, "update": true, "insert": true, "delete": true, "lock": true}

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
	for _, id := range sortedKeys(c.Severity) {
		if _, ok := catalog.ByID(strings.ToUpper(id)); !ok {
			return fmt.Errorf("racelint: severity: unknown rule %q (known: %s)", id, strings.Join(ruleIDs(), ", "))
		}
		switch strings.ToLower(c.Severity[id]) {
		case "error", "warning", "note":
		default:
			return fmt.Errorf("racelint: severity: %s: %q is not error, warning or note", id, c.Severity[id])
		}
	}
	for i, fn := range c.Functions {
		switch {
		case strings.Count(fn.Func, ".") < 1 || strings.ContainsAny(fn.Func, " *()"):
			return fmt.Errorf("racelint: functions[%d]: func %q must be package/path.Func or package/path.Type.Method", i, fn.Func)
		case !functionRoles[fn.Role]:
			return fmt.Errorf("racelint: functions[%d] (%s): unknown role %q (known: read, exists, update, insert, delete, lock)", i, fn.Func, fn.Role)
		case fn.Table == "" && fn.Role != "lock":
			return fmt.Errorf("racelint: functions[%d] (%s): table is required", i, fn.Func)
		case fn.Key < -1:
			return fmt.Errorf("racelint: functions[%d] (%s): key must be an argument index or -1", i, fn.Func)
		}
	}
	for i, iface := range c.Interfaces {
		name, _ := iface.parts()
		if strings.Count(name, ".") < 1 || strings.ContainsAny(name, " *()") || strings.HasSuffix(name, ".") {
			return fmt.Errorf("racelint: interfaces[%d]: %q must be package/path.Interface, optionally followed by =table", i, string(iface))
		}
	}
	for _, t := range c.SkipTables {
		if strings.TrimSpace(t) == "" {
			return fmt.Errorf("racelint: skip-tables: empty table name")
		}
	}
	for _, p := range c.SkipPaths {
		if strings.TrimSpace(p) == "" {
			return fmt.Errorf("racelint: skip-paths: empty path")
		}
		if _, err := path.Match(strings.TrimPrefix(p, "**/"), ""); err != nil {
			return fmt.Errorf("racelint: skip-paths: %q: %v", p, err)
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
		r, ok := catalog.ByID(id)
		return !ok || !r.NonDefault
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
	fs.Var((*listFlag)(&c.SkipPaths), "skip-paths", "comma-separated files/directories (relative to the module root, globs allowed) not to report")
	fs.BoolVar(&c.Migrations, "migrations", false, "report migration code too (migrations packages, goose/gormigrate/xormigrate migrations)")
	fs.Var((*severityFlag)(&c.Severity), "severity", "comma-separated RLxxx=level overrides of the reported level (error, warning, note)")
	fs.Var((*interfacesFlag)(&c.Interfaces), "interfaces", "comma-separated repository interfaces whose methods' roles racelint infers (example.com/app/domain.Orders[=orders])")
	fs.Var((*functionsFlag)(&c.Functions), "functions", `JSON list of in-house functions and their roles: [{"func":"example.com/app/store.Store.Get","role":"read","table":"users","key":1}]`)
}

// functionsFlag is a JSON list of Function.
type functionsFlag []Function

func (f *functionsFlag) String() string {
	if len(*f) == 0 {
		return ""
	}
	b, _ := json.Marshal([]Function(*f))
	return string(b)
}

func (f *functionsFlag) Set(s string) error {
	var fns []Function
	if strings.TrimSpace(s) == "" {
		*f = nil
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fns); err != nil {
		return fmt.Errorf("functions: %v", err)
	}
	*f = fns
	return nil
}

// interfacesFlag is a comma-separated list of Interface.
type interfacesFlag []Interface

func (f *interfacesFlag) String() string {
	var parts []string
	for _, i := range *f {
		parts = append(parts, string(i))
	}
	return strings.Join(parts, ",")
}

func (f *interfacesFlag) Set(s string) error {
	var l listFlag
	_ = l.Set(s)
	*f = nil
	for _, part := range l {
		*f = append(*f, Interface(part))
	}
	return nil
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

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// severityFlag is a comma-separated list of RLxxx=level.
type severityFlag map[string]string

func (f *severityFlag) String() string {
	var parts []string
	for _, k := range sortedKeys(*f) {
		parts = append(parts, k+"="+(*f)[k])
	}
	return strings.Join(parts, ",")
}

func (f *severityFlag) Set(s string) error {
	m := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, level, ok := strings.Cut(part, "=")
		if !ok {
			return fmt.Errorf("severity: %q is not RLxxx=level", part)
		}
		m[strings.ToUpper(strings.TrimSpace(id))] = strings.ToLower(strings.TrimSpace(level))
	}
	*f = m
	return nil
}

// RulesFor returns the rules with the configuration's severity overrides.
func RulesFor(c Config) []Rule {
	rules := catalog.All()
	for i := range rules {
		for id, level := range c.Severity {
			if strings.EqualFold(id, rules[i].ID) {
				rules[i].Severity = catalog.Severity(strings.ToLower(level))
			}
		}
	}
	return rules
}
