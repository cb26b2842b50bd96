// Package cli is the racelint command's standalone driver: it parses the
// command line, loads packages with go/packages, runs an analyzer through
// go/analysis/checker and prints, fixes or diffs what it reports. It lives
// apart from package main so that tests can drive it with a fake analyzer
// instead of racelint's real engine.
//
// Output formats (-format): text (the default), json (the go/analysis
// JSON tree; -json is an alias), sarif (SARIF 2.1.0) and github (GitHub
// Actions workflow commands, which become annotations). A configuration
// file (.racelint.yml, found by walking up from the -C directory, or
// -config) sets the analyzer's settings; command-line flags override it.
// -write-baseline records the current findings, and -baseline reports
// only findings that are not recorded.
//
// Exit codes:
//
//	0  no findings
//	1  a package failed to load or type-check, analysis failed, or a fixed
//	   file could not be written (findings may have been printed too)
//	2  usage error: bad flag, unknown rule ID, bad configuration or
//	   baseline file, no packages matched
//	3  findings reported (with -baseline: findings not in the baseline),
//	   and no error
//
// -write-baseline exits 0 unless a package failed. -fix does not change
// them: a run that reported findings exits 3 even when every fix was
// applied, so a CI job never mistakes "fixed" for "clean"; rerun to
// confirm.
package cli

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer"
	configfile "github.com/racelint/racelint/cmd/racelint/internal/config"
	"github.com/racelint/racelint/cmd/racelint/internal/mdtext"
	"github.com/racelint/racelint/cmd/racelint/internal/modstub"
)

// Exit codes; see the package documentation.
const (
	ExitClean    = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitFindings = 3
)

// Options is what the driver needs from its caller.
type Options struct {
	// New builds the analyzer to run on the loaded packages from the
	// settings the command line and the configuration file give, and the
	// packages to run it on (analyzer.NewForProgram: whole-program
	// interface resolution). The settings are validated before; an
	// invalid one is a usage error.
	New func(cfg analyzer.Config, pkgs []*packages.Package) (*analyzer.Program, error)
	// Rules is what -list-rules prints.
	Rules []analyzer.Rule
	// RulePage returns the documentation page -explain prints.
	RulePage func(id string) ([]byte, error)
	// Version is what -version prints.
	Version string
	// Terminal reports whether the progress and summary lines go to w
	// (nil: whether w is a terminal).
	Terminal func(w io.Writer) bool
	// Stdout and Stderr receive output; nil means the process's own.
	Stdout, Stderr io.Writer
}

// IsVetInvocation reports whether args (without the program name) follow
// the go vet -vettool protocol rather than the standalone command line:
// a -V, -V=full or -flags query, or a unit's *.cfg file as the last
// argument with only flags before it (go vet passes -racelint.rules=...
// and friends ahead of the file).
func IsVetInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "-V=full", "-V", "-flags", "--V=full", "--V", "--flags":
		return true
	}
	last := args[len(args)-1]
	if !strings.HasSuffix(last, ".cfg") {
		return false
	}
	for _, a := range args[:len(args)-1] {
		if !strings.HasPrefix(a, "-") {
			return false
		}
	}
	return true
}

const usageHead = `racelint reports check-then-act races between Go code and the database.

Usage:
	racelint [flags] [packages]           (default packages: ./...)
	go vet -vettool=$(which racelint) [-racelint.rules=...] [packages]

Settings (-rules, -disable, -skip-tables) are read from .racelint.yml or
.racelint.yaml in the -C directory or the nearest parent that has one, or
from -config FILE; flags given on the command line override the file.
Relative -config, -baseline and -write-baseline paths are relative to -C.

Flags:
`

const usageTail = `
Exit codes:
	0  no findings
	1  a package failed to load or type-check, analysis failed, or a fixed
	   file could not be written (findings may have been printed too)
	2  usage error: bad flag, unknown rule ID, bad configuration or
	   baseline file, no packages matched
	3  findings reported (with -baseline: findings not in the baseline),
	   and no error
-fix does not change the exit code: findings that were fixed still exit 3.
-write-baseline exits 0 unless a package failed (1).
`

// config is the parsed command line.
type config struct {
	dir            string
	depsFromSource bool // -deps=source
	format         string
	configFile     string
	baseline       string
	newFromRev     string // -new-from-rev
	writeBaseline  string
	setFlags       map[string]bool // flags given on the command line
	// settings are the analyzer's: the command line's flags (-rules, ...),
	// over the configuration file's, over analyzer.Defaults.
	settings  analyzer.Config
	fix       bool
	diff      bool
	tests     bool
	tags      string
	explain   string
	markdown  bool
	listRules bool
	version   bool
	quiet     bool // -q: no progress or summary line
	patterns  []string
	// -debug.cpuprofile and -debug.memprofile: where time and memory go
	// on a real module (docs/developing.md, "Profiling").
	cpuProfile, memProfile string
}

// Run runs the standalone command with args (without the program name)
// and returns the process exit code.
func Run(args []string, opts Options) int {
	stdout, stderr := opts.Stdout, opts.Stderr
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	d := &driver{opts: opts, stdout: stdout, stderr: stderr}

	cfg, code, ok := d.parse(args)
	if !ok {
		return code
	}
	switch {
	case cfg.version:
		fmt.Fprintf(stdout, "racelint version %s\n", opts.Version)
		return ExitClean
	case cfg.listRules:
		for _, r := range opts.Rules {
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", r.ID, r.Name, r.Title)
		}
		return ExitClean
	case cfg.explain != "":
		if opts.RulePage == nil {
			d.errorf("-explain: no rule documentation in this build")
			return ExitUsage
		}
		page, err := opts.RulePage(cfg.explain)
		if err != nil {
			d.errorf("-explain: %v", err)
			return ExitUsage
		}
		if cfg.markdown {
			stdout.Write(page)
		} else {
			fmt.Fprint(stdout, mdtext.Render(string(page), 80))
		}
		return ExitClean
	}
	if code, ok := d.resolveBase(cfg); !ok {
		return code
	}
	if code, ok := d.applyConfigFile(&cfg); !ok {
		return code
	}
	if err := cfg.settings.Validate(); err != nil {
		d.errorf("%v", err)
		return ExitUsage
	}
	d.settings = cfg.settings
	return d.analyze(cfg)
}

type driver struct {
	opts           Options
	stdout, stderr io.Writer
	base           string // directory that printed paths are relative to
	src            sources
	settings       analyzer.Config // the analyzer's, once merged and validated
}

// errorf prints one "racelint: ..." line to stderr. Errors that already
// carry the prefix (analyzer.Config.Validate's do) are not prefixed twice.
func (d *driver) errorf(format string, args ...any) {
	msg := strings.TrimPrefix(fmt.Sprintf(format, args...), "racelint: ")
	fmt.Fprintf(d.stderr, "racelint: %s\n", strings.TrimRight(msg, "\n"))
}

func (d *driver) parse(args []string) (cfg config, code int, ok bool) {
	fs := flag.NewFlagSet("racelint", flag.ContinueOnError)
	fs.SetOutput(d.stderr)
	fs.StringVar(&cfg.dir, "C", "", "change to `dir` before loading packages")
	var jsonAlias bool
	fs.StringVar(&cfg.format, "format", "text", "output `format`: text, json (the go/analysis JSON tree), sarif (SARIF 2.1.0) or github (GitHub Actions annotations)")
	fs.BoolVar(&jsonAlias, "json", false, "alias of -format json")
	fs.StringVar(&cfg.configFile, "config", "", "read settings from `file` instead of the nearest .racelint.yml")
	fs.StringVar(&cfg.baseline, "baseline", "", "report only findings that are not in the baseline `file`")
	fs.StringVar(&cfg.writeBaseline, "write-baseline", "", "write the current findings to the baseline `file` and exit 0")
	fs.StringVar(&cfg.newFromRev, "new-from-rev", "", "report only findings on lines changed since the git `revision` (and in untracked files)")
	fs.BoolVar(&cfg.fix, "fix", false, "apply the first suggested fix of every finding")
	fs.BoolVar(&cfg.diff, "diff", false, "with -fix (implied): print unified diffs of the fixes instead of writing files")
	fs.BoolVar(&cfg.tests, "test", true, "also analyse test files")
	fs.Func("deps", "where dependencies in other modules come from: export (compiler export data, default; the main module's packages are always parsed) or source (parse every dependency: follows summaries into other modules, more memory)", func(v string) error {
		switch v {
		case "export":
			cfg.depsFromSource = false
		case "source":
			cfg.depsFromSource = true
		default:
			return fmt.Errorf("-deps: want export or source, got %q", v)
		}
		return nil
	})
	fs.StringVar(&cfg.tags, "tags", "", "comma-separated build `tags`")
	fs.StringVar(&cfg.explain, "explain", "", "print the documentation of rule `RLxxx`")
	fs.BoolVar(&cfg.markdown, "md", false, "with -explain: print the page as Markdown instead of wrapped text")
	fs.BoolVar(&cfg.listRules, "list-rules", false, "list the rules: ID, name, title")
	fs.BoolVar(&cfg.version, "version", false, "print the version")
	fs.BoolVar(&cfg.quiet, "q", false, "no progress or summary line on a terminal")
	fs.StringVar(&cfg.cpuProfile, "debug.cpuprofile", "", "write a CPU profile of the run to `file`")
	fs.StringVar(&cfg.memProfile, "debug.memprofile", "", "write a heap profile to `file`, taken when the analysis ends (the peak: every package's syntax, types and SSA are live)")
	// The analyzer's settings, under the names go vet gives them after
	// its -racelint. prefix.
	cfg.settings = analyzer.Defaults()
	analyzer.BindFlags(fs, &cfg.settings)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprint(out, usageHead)
		fs.PrintDefaults()
		fmt.Fprint(out, usageTail)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, ExitClean, false
		}
		return cfg, ExitUsage, false // flag has printed the error and usage
	}
	cfg.setFlags = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { cfg.setFlags[f.Name] = true })
	if jsonAlias {
		if cfg.setFlags["format"] && cfg.format != "json" {
			d.errorf("-json and -format %s cannot be combined", cfg.format)
			return cfg, ExitUsage, false
		}
		cfg.format = "json"
	}
	switch cfg.format {
	case "text", "json", "sarif", "github":
	default:
		d.errorf("-format %q: want text, json, sarif or github", cfg.format)
		return cfg, ExitUsage, false
	}
	if cfg.baseline != "" && cfg.writeBaseline != "" {
		d.errorf("-baseline and -write-baseline cannot be combined")
		return cfg, ExitUsage, false
	}
	cfg.patterns = fs.Args()
	if len(cfg.patterns) == 0 {
		cfg.patterns = []string{"./..."}
	}
	if cfg.diff {
		cfg.fix = true
	}
	if cfg.diff && cfg.format != "text" {
		d.errorf("-diff and -format %s cannot be combined: both write to stdout", cfg.format)
		return cfg, ExitUsage, false
	}
	if cfg.writeBaseline != "" && (cfg.fix || cfg.setFlags["format"] || jsonAlias) {
		d.errorf("-write-baseline prints no findings and fixes nothing: drop -fix, -diff and -format")
		return cfg, ExitUsage, false
	}
	return cfg, 0, true
}

func (d *driver) analyze(cfg config) int {
	if d.opts.New == nil {
		d.errorf("internal error: no analyzer")
		return ExitError
	}
	dir := d.base
	stopCPU, err := startCPUProfile(cfg.cpuProfile)
	if err != nil {
		d.errorf("%v", err)
		return ExitUsage
	}
	defer stopCPU()

	// The named packages, and the main module's packages they import, are
	// parsed and type-checked from source; other modules come from
	// compiler export data, as under go vet. Only source packages are
	// summarised; -deps=source parses every dependency too (a data layer
	// in another module), at several times the memory.
	mode := packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedTypes |
		packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
		packages.NeedModule
	if cfg.depsFromSource {
		mode |= packages.NeedDeps
	}
	pcfg := &packages.Config{
		Mode:      mode,
		Dir:       dir,
		Tests:     cfg.tests,
		ParseFile: parseFile,
	}
	if cfg.tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + cfg.tags}
	}
	terminal := d.opts.Terminal
	if terminal == nil {
		terminal = isTerminal
	}
	prog := newProgress(d.stderr, !cfg.quiet && terminal(d.stderr))
	prog.status("loading %s", strings.Join(cfg.patterns, " "))
	// The main module's packages that the named ones import are loaded
	// from source too, so that their functions are summarised whatever
	// the patterns name: a handler package that reaches the database only
	// through the module's store package is followed into it. They are
	// loaded, summarised and never reported.
	patterns := cfg.patterns
	var rootIDs map[string]bool
	if !cfg.depsFromSource {
		if extra, ids := moduleDependencies(pcfg, cfg.patterns); len(extra) > 0 {
			patterns, rootIDs = append(slices.Clone(cfg.patterns), extra...), ids
		}
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err == nil && rootIDs != nil {
		pkgs = slices.DeleteFunc(pkgs, func(p *packages.Package) bool { return !rootIDs[p.ID] })
	}
	prog.clear()
	if err != nil || !slices.ContainsFunc(pkgs, hasFiles) {
		// Nothing loaded: when the go command could not download a module
		// the build list needs, load again without it.
		if flags, cleanup, ok := d.withoutRefusedModules(pcfg.BuildFlags, cfg.patterns); ok {
			defer cleanup()
			pcfg.BuildFlags = flags
			pkgs, err = packages.Load(pcfg, cfg.patterns...)
		}
	}
	if err != nil {
		d.errorf("loading packages: %s", goListError(err))
		return ExitError
	}
	failed := d.reportPackageErrors(pkgs)
	// A pattern naming a missing directory yields a pseudo-package with
	// only an error; when every root is like that, nothing matched.
	if !slices.ContainsFunc(pkgs, hasFiles) {
		d.errorf("no packages matched %s", strings.Join(cfg.patterns, " "))
		return ExitUsage
	}

	// Ill-typed packages are left out: the analyzer would only fail on
	// them with "analysis skipped", repeating the error printed above.
	var good []*packages.Package
	for _, p := range pkgs {
		if !p.IllTyped {
			good = append(good, p)
		}
	}
	var findings []*finding
	reported := 0 // findings before -baseline and -new-from-rev filter them
	notAnalysed := illTypedRoots(pkgs)
	if len(good) > 0 {
		defer limitMemory()()
		p, err := d.opts.New(cfg.settings, good)
		if err != nil {
			prog.clear()
			d.errorf("%v", err)
			return ExitError
		}
		prog.count(p.Analyzer, len(good))
		prog.status("analysing %d packages", distinctPackages(good))
		graph, err := checker.Analyze([]*analysis.Analyzer{p.Analyzer}, p.Packages, nil)
		prog.clear()
		if err != nil {
			d.errorf("%v", err)
			return ExitError
		}
		if err := writeHeapProfile(cfg.memProfile); err != nil {
			d.errorf("%v", err)
			failed = true
		}
		notAnalysed += failedRoots(graph)
		if d.reportActionErrors(graph) {
			failed = true
		}
		findings = d.collect(graph)
		reported = len(findings)
		d.fingerprintAll(findings)
		if cfg.writeBaseline != "" {
			return d.writeBaseline(cfg, findings, failed)
		}
		if cfg.baseline != "" {
			var code int
			var ok bool
			if findings, code, ok = d.applyBaseline(cfg, graph, findings); !ok {
				return code
			}
		}
		if cfg.newFromRev != "" {
			var code int
			var ok bool
			if findings, code, ok = d.applyNewFromRev(cfg, graph, findings); !ok {
				return code
			}
		}
		if cfg.format == "json" {
			if err := graph.PrintJSON(d.stdout); err != nil {
				d.errorf("%v", err)
				failed = true
			}
		}
	} else if cfg.writeBaseline != "" {
		return d.writeBaseline(cfg, nil, failed)
	}
	switch cfg.format {
	case "text":
		if !cfg.diff {
			// With -diff stdout carries only the patch, so that it can be
			// piped to patch(1) or git apply.
			d.printText(findings)
		}
		if reported == 0 && len(good) > 0 && !cfg.depsFromSource && len(cfg.settings.Functions) == 0 && len(cfg.settings.Interfaces) == 0 && !importsDatabaseLibrary(good) {
			// A clean run and a run that looked at nothing print the same;
			// say which one this was.
			d.errorf("no package in %s imports a supported database library, so nothing was checked "+
				"(the supported libraries are listed in docs/index.md; an in-house data layer in another module needs -deps=source, or functions: or interfaces: in .racelint.yml)",
				strings.Join(cfg.patterns, " "))
		}
	case "sarif":
		if err := d.printSARIF(findings, !failed); err != nil {
			d.errorf("%v", err)
			failed = true
		}
	case "github":
		d.printGitHub(findings)
	}
	if cfg.fix {
		if !d.applyFixes(findings, cfg.diff) {
			failed = true
		}
	}

	prog.summary(findings, good, notAnalysed)
	if skipped := unanalysedDataPackages(pkgs); len(skipped) > 0 {
		// Last, so that it is the line a user reads: a data layer that
		// was not analysed looks like a clean bill of health otherwise.
		list := strings.Join(skipped, ", ")
		if len(skipped) > 5 {
			list = strings.Join(skipped[:5], ", ") + fmt.Sprintf(" and %d more", len(skipped)-5)
		}
		what, them := fmt.Sprintf("%d packages that use a database library, because they do not", len(skipped)), "them"
		if len(skipped) == 1 {
			what, them = "1 package that uses a database library, because it does not", "it"
		}
		d.errorf("NOT ANALYSED: %s load or type-check (errors above): %s; races in %s are not reported", what, list, them)
	}
	switch {
	case failed:
		return ExitError
	case len(findings) > 0:
		return ExitFindings
	}
	return ExitClean
}

// parseFile parses as go/packages does by default, without resolving
// identifiers to ast.Objects: nothing in racelint, go/types or go/ssa
// reads them, and every loaded package keeps them until its analysis
// ends.
func parseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
}

// resolveBase sets d.base, the absolute -C directory (or the working
// directory).
func (d *driver) resolveBase(cfg config) (int, bool) {
	dir, err := filepath.Abs(cmpOr(cfg.dir, "."))
	if err == nil {
		var fi os.FileInfo
		if fi, err = os.Stat(dir); err == nil && !fi.IsDir() {
			err = fmt.Errorf("%s is not a directory", dir)
		}
	}
	if err != nil {
		d.errorf("-C: %v", err)
		return ExitUsage, false
	}
	// -C is honoured by loading from dir instead of calling os.Chdir, so
	// that the driver never changes process-wide state; paths are printed
	// relative to dir just as if the process had moved there.
	d.base = dir
	return 0, true
}

// path resolves a file name given on the command line against the -C
// directory, as if the process had moved there.
func (d *driver) path(name string) string {
	if name == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(d.base, name)
}

// applyConfigFile reads the configuration file (-config, or the nearest
// .racelint.yml) into the analyzer's settings the command line did not
// set.
func (d *driver) applyConfigFile(cfg *config) (int, bool) {
	name := d.path(cfg.configFile)
	if name == "" {
		var err error
		if name, err = configfile.Find(d.base); err != nil {
			d.errorf("config: %v", err)
			return ExitUsage, false
		}
		if name == "" {
			return 0, true
		}
	}
	fc, err := configfile.Load(name)
	if err != nil {
		d.errorf("config: %v", err)
		return ExitUsage, false
	}
	set := &cfg.settings
	if !cfg.setFlags["rules"] && fc.Rules != nil {
		set.Rules = fc.Rules
	}
	if !cfg.setFlags["disable"] && fc.Disable != nil {
		set.Disable = fc.Disable
	}
	if !cfg.setFlags["skip-tables"] && fc.SkipTables != nil {
		set.SkipTables = fc.SkipTables
	}
	if !cfg.setFlags["skip-paths"] && fc.SkipPaths != nil {
		set.SkipPaths = fc.SkipPaths
	}
	if !cfg.setFlags["migrations"] && fc.Migrations {
		set.Migrations = true
	}
	if !cfg.setFlags["severity"] && fc.Severity != nil {
		// As the -severity flag spells them: RL001=note.
		set.Severity = map[string]string{}
		for id, level := range fc.Severity {
			set.Severity[strings.ToUpper(strings.TrimSpace(id))] = strings.ToLower(strings.TrimSpace(level))
		}
	}
	if !cfg.setFlags["functions"] && len(fc.Functions) > 0 {
		set.Functions = fc.Functions
	}
	return 0, true
}

func hasFiles(p *packages.Package) bool {
	return len(p.GoFiles)+len(p.CompiledGoFiles)+len(p.OtherFiles)+len(p.IgnoredFiles) > 0
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// rel returns filename relative to the base directory when it lies below
// it, and unchanged otherwise.
func (d *driver) rel(filename string) string {
	if filename == "" || !filepath.IsAbs(filename) {
		return filename
	}
	r, err := filepath.Rel(d.base, filename)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filename
	}
	return r
}

// withoutRefusedModules returns build flags under which the module loads
// without the dependencies the go command could not download, replaced by
// empty modules (see modstub), and says which they are. It tries a few
// rounds: a module's requirements are only seen once it is in the graph.
func (d *driver) withoutRefusedModules(flags, patterns []string) ([]string, func(), bool) {
	var refused []modstub.Module
	current := flags
	cleanup := func() {}
	for range 5 {
		found, _ := modstub.Refused(d.base, current, patterns)
		added := false
		for _, m := range found {
			if !slices.ContainsFunc(refused, func(x modstub.Module) bool { return x.Path == m.Path }) {
				refused = append(refused, m)
				added = true
			}
		}
		if !added {
			break
		}
		cleanup()
		modfile, clean, err := modstub.Stub(d.base, refused)
		if err != nil {
			d.errorf("cannot load without %s: %v", refused[len(refused)-1], err)
			return nil, nil, false
		}
		cleanup = clean
		current = append(slices.Clone(flags), "-modfile="+modfile)
	}
	if len(refused) == 0 {
		return nil, nil, false
	}
	for _, m := range refused {
		d.errorf("module %s cannot be loaded (%s); loading without it: the packages that import it are not analysed", m, m.Reason)
	}
	return current, cleanup, true
}

// illTypedRoots counts the packages among roots that did not load or
// type-check (a package and its test variant count once).
func illTypedRoots(roots []*packages.Package) int {
	paths := map[string]bool{}
	for _, p := range roots {
		if p.IllTyped && hasFiles(p) && !(p.Name == "main" && strings.HasSuffix(p.ID, ".test")) {
			paths[cmp.Or(p.PkgPath, p.ID)] = true
		}
	}
	return len(paths)
}

// failedRoots counts the packages whose analysis failed.
func failedRoots(graph *checker.Graph) int {
	paths := map[string]bool{}
	for _, act := range graph.Roots {
		if act.Err != nil && !act.Package.IllTyped {
			paths[cmp.Or(act.Package.PkgPath, act.Package.ID)] = true
		}
	}
	return len(paths)
}

// goListError shortens the error go/packages returns when the go command
// fails as a whole ("err: exit status 1: stderr: go: go.mod requires go
// >= 1.27"), keeping what the go command said.
func goListError(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "err: exit status "); ok {
		if _, stderr, ok := strings.Cut(rest, "stderr: "); ok {
			return strings.TrimSpace(stderr)
		}
	}
	return msg
}

// unanalysedDataPackages lists, sorted, the root packages that import a
// database library directly but were left out because they (or a package
// they import) failed to load or type-check: a module the proxy refuses,
// a missing cgo library.
func unanalysedDataPackages(roots []*packages.Package) []string {
	var out []string
	for _, p := range roots {
		if !p.IllTyped || !hasFiles(p) || (p.Name == "main" && strings.HasSuffix(p.ID, ".test")) {
			continue
		}
		if importsDatabaseLibrary([]*packages.Package{p}) {
			out = append(out, cmp.Or(p.PkgPath, p.ID))
		}
	}
	slices.Sort(out)
	return slices.Compact(out) // a package and its test variant
}

// importsDatabaseLibrary reports whether any of pkgs imports a database
// library directly. Only direct imports count: without -deps=source a
// library reached through another module's packages is not followed.
func importsDatabaseLibrary(pkgs []*packages.Package) bool {
	for _, p := range pkgs {
		for path := range p.Imports {
			if analyzer.IsDatabaseLibrary(path) {
				return true
			}
		}
	}
	return false
}

// moduleDependencies lists, cheaply (go list, no type checking), the
// packages of the main module that the packages patterns match import
// directly or indirectly and do not match themselves; ids are the IDs of
// the packages the patterns match. A failure says nothing: the caller
// loads the patterns alone.
func moduleDependencies(base *packages.Config, patterns []string) (extra []string, ids map[string]bool) {
	cfg := *base
	cfg.Mode = packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule
	roots, err := packages.Load(&cfg, patterns...)
	if err != nil {
		return nil, nil
	}
	ids = map[string]bool{}
	matched := map[string]bool{}
	for _, p := range roots {
		ids[p.ID] = true
		matched[p.PkgPath] = true
	}
	seen := map[string]bool{}
	packages.Visit(roots, func(p *packages.Package) bool {
		if seen[p.PkgPath] {
			return false
		}
		seen[p.PkgPath] = true
		if p.Module != nil && p.Module.Main && !matched[p.PkgPath] && !strings.HasSuffix(p.PkgPath, ".test") {
			extra = append(extra, p.PkgPath)
		}
		return true
	}, nil)
	sort.Strings(extra)
	return extra, ids
}
