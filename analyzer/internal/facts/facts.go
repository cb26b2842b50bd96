// Package facts defines the analyzer that owns every racelint fact. For
// each package it builds SSA, finds the database operations of every
// function (replacing calls to already-summarised functions by their
// operations), and exports a summary of each function that touches the
// database, so that the rules see reads and writes hidden behind
// repository methods in other packages.
//
// It builds SSA itself rather than requiring buildssa: facts analyzers run
// on every dependency, and a package that neither imports a database
// library nor depends on a summarised package is skipped before any SSA
// is built.
package facts

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/isolate"
	"github.com/racelint/racelint/analyzer/internal/ops"
)

// FuncSummary is the fact attached to a function or method that reads or
// writes through a database library, directly or through other summarised
// functions.
type FuncSummary struct {
	ops.Summary
}

// AFact marks FuncSummary as a fact.
func (*FuncSummary) AFact() {}

func (s *FuncSummary) String() string {
	var kinds []string
	for _, op := range s.Ops {
		kinds = append(kinds, op.Kind.String()+" "+op.Name)
	}
	return fmt.Sprintf("summary%v", kinds)
}

// NotFoundError is the fact attached to a package-level error variable
// that a summarised function returns when a read found no row.
type NotFoundError struct{}

// AFact marks NotFoundError as a fact.
func (*NotFoundError) AFact() {}

func (*NotFoundError) String() string { return "notfound" }

// TranslatedNotFound is the package fact of a package whose functions
// return another package's error variables when a read found no row: a
// repository adapter mapping sql.ErrNoRows to the domain's ErrNotFound.
// An object fact cannot say it (only the variable's own package may
// attach facts to it), and the domain package, which declares the
// variable, usually touches no database at all.
type TranslatedNotFound struct {
	Vars []string // "package path.Name", sorted
}

// AFact marks TranslatedNotFound as a fact.
func (*TranslatedNotFound) AFact() {}

func (t *TranslatedNotFound) String() string { return "notfound" + fmt.Sprint(t.Vars) }

// varKey names a package-level variable across packages.
func varKey(v *types.Var) string { return v.Pkg().Path() + "." + v.Name() }

// PredicateFields is the fact attached to a function that returns one
// bool or error and reads fields of some parameters (u.IsAdmin(),
// t.Validate()): which fields of which parameter (the receiver is 0), so
// that a check written as its call in another package names the columns
// it tests.
type PredicateFields struct {
	Params []ParamFields // by parameter index; a slice, so that the encoding is deterministic
}

// ParamFields are the fields a predicate reads of parameter Index.
type ParamFields struct {
	Index  int
	Fields []string
}

// of returns the fields read of parameter i.
func (p *PredicateFields) of(i int) ([]string, bool) {
	for _, pf := range p.Params {
		if pf.Index == i {
			return pf.Fields, true
		}
	}
	return nil, false
}

// AFact marks PredicateFields as a fact.
func (*PredicateFields) AFact() {}

func (p *PredicateFields) String() string {
	var parts []string
	for _, pf := range p.Params {
		parts = append(parts, fmt.Sprintf("%d:%s", pf.Index, strings.Join(pf.Fields, ",")))
	}
	return "predicate[" + strings.Join(parts, " ") + "]"
}

// HasSummaries is the package fact of a package that exported at least
// one summary: packages that import it are worth analysing.
type HasSummaries struct{}

// AFact marks HasSummaries as a fact.
func (*HasSummaries) AFact() {}

func (*HasSummaries) String() string { return "hassummaries" }

// Result is what the facts analyzer hands to the rules.
type Result struct {
	// Pkg holds the operations of every function; nil when the package
	// was skipped because it cannot touch a database, or when building
	// its SSA form failed.
	Pkg *ops.Package
	// SSA is the package's SSA form, nil when Pkg is nil.
	SSA *ssa.Package
	// Predicates returns the fields a function of another package reads
	// of its parameter i (its PredicateFields fact), for the functions
	// this package calls.
	Predicates func(fn *types.Func, i int) ([]string, bool)
	// Failures are the panics recovered while building the package's SSA
	// form or summarising its functions. The analyzer never fails for
	// them (that would fail every importer's analysis too); the rules
	// analyzer reports them as the package's error.
	Failures []*isolate.Failure
}

type implementation struct {
	fn      *types.Func
	summary *ops.Summary
}

// recvType is the receiver type of method fn.
func recvType(fn *types.Func) types.Type { return fn.Type().(*types.Signature).Recv().Type() }

// isConcreteMethod reports whether fn is a method of a type that is not
// an interface.
func isConcreteMethod(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	return sig.Recv() != nil && !types.IsInterface(sig.Recv().Type())
}

// Release drops the package's SSA form and operations. The rules
// analyzer, their only consumer, calls it when it is done with them: a
// whole-program driver keeps every result until the whole analysis ends,
// and every package's SSA form held at once is most of its memory.
func (r *Result) Release() {
	r.Pkg, r.SSA, r.Predicates = nil, nil, nil
}

// Analyzer is the fact-owning analyzer. It has no flags and reports no
// diagnostics; the rules analyzer requires it.
var Analyzer = New(Options{})

// Options configure the facts analyzer for its driver.
type Options struct {
	// UserFuncs, if set, returns the functions the configuration
	// declares; it is called when a package is analysed, after flags are
	// parsed.
	UserFuncs func() []apimodel.UserFunc
}

// New returns a fact-owning analyzer.
//
// Interface calls resolve to the only summarised implementation among
// the facts the package sees. A per-package driver shows it the facts of
// its dependencies; the standalone command also orders the packages that
// implement an interface before its callers (see package implorder), so
// that an implementation the caller does not import, wired in main, is
// seen too.
func New(opts Options) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "racelint_facts",
		Doc:  "summarise the database operations of functions for racelint",
		Run: func(pass *analysis.Pass) (any, error) {
			model := apimodel.Default()
			if opts.UserFuncs != nil {
				model = model.WithUser(opts.UserFuncs())
			}
			var res *Result
			var err error
			// Functions are isolated inside run; this catches the rest of
			// the package's work (fact export, interface summaries).
			failure := isolate.Do(isolate.Summarise, pass.Pkg.Path(), "", packagePos(pass), func() {
				res, err = run(pass, model)
			})
			if failure != nil {
				return &Result{Failures: []*isolate.Failure{failure}}, nil
			}
			return res, err
		},
		FactTypes:  []analysis.Fact{new(FuncSummary), new(NotFoundError), new(TranslatedNotFound), new(HasSummaries), new(PredicateFields), new(ClockReading)},
		ResultType: reflect.TypeOf((*Result)(nil)),
	}
}

func run(pass *analysis.Pass, model *apimodel.Model) (*Result, error) {
	if len(pass.Files) == 0 || pass.TypesInfo == nil || apimodel.IsOpaque(pass.Pkg.Path()) || inGOROOT(pass) {
		return &Result{}, nil
	}
	exportPredicates(pass) // model packages too: their predicates are checks elsewhere
	exportClocks(pass)
	imported := &importedSummaries{pass: pass}
	if !worthAnalysing(pass) && !imported.callsSummarisedInterface() && !usesUserFunc(pass, model) {
		return &Result{}, nil
	}
	if !typesCoverBodies(pass.Files, pass.TypesInfo) {
		// Treated like a package loaded from export data: not summarised.
		return &Result{}, nil
	}
	var pkg *ssa.Package
	if failure := isolate.Do(isolate.BuildSSA, pass.Pkg.Path(), "", packagePos(pass), func() { pkg = buildSSA(pass) }); failure != nil {
		return &Result{Failures: []*isolate.Failure{failure}}, nil
	}
	fns := sourceFuncs(pass, pkg)
	opsPkg := ops.Analyze(model, pass.Fset, fns, imported)

	exported := false
	for _, fn := range fns {
		if fn.Parent() != nil {
			continue
		}
		s := opsPkg.Summary(fn)
		obj, ok := fn.Object().(*types.Func)
		if s == nil || !ok || obj.Pkg() != pass.Pkg {
			continue
		}
		pass.ExportObjectFact(obj, &FuncSummary{Summary: *s})
		exported = true
	}
	exportInterfaceSummaries(pass, opsPkg, fns)
	var translated []string
	for _, v := range opsPkg.NotFoundErrors() {
		switch {
		case v.Pkg() == pass.Pkg:
			pass.ExportObjectFact(v, &NotFoundError{})
		case v.Pkg() != nil && !imported.NotFoundVar(v):
			translated = append(translated, varKey(v))
		}
	}
	if len(translated) > 0 {
		sort.Strings(translated)
		pass.ExportPackageFact(&TranslatedNotFound{Vars: slices.Compact(translated)})
	}
	if exported {
		pass.ExportPackageFact(&HasSummaries{})
	}
	predicates := importPredicates(pass, fns)
	return &Result{Pkg: opsPkg, SSA: pkg, Failures: opsPkg.Failures, Predicates: predicates}, nil
}

// importPredicates returns the PredicateFields facts of the functions of
// other packages that fns call.
func importPredicates(pass *analysis.Pass, fns []*ssa.Function) func(*types.Func, int) ([]string, bool) {
	facts := map[*types.Func]*PredicateFields{}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := call.Common().StaticCallee()
				if callee == nil || len(callee.Blocks) > 0 {
					continue
				}
				obj, ok := callee.Object().(*types.Func)
				if !ok || obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
					continue
				}
				if _, seen := facts[obj]; seen {
					continue
				}
				var pf PredicateFields
				if pass.ImportObjectFact(obj, &pf) {
					facts[obj] = &pf
				} else {
					facts[obj] = nil
				}
			}
		}
	}
	return func(fn *types.Func, i int) ([]string, bool) {
		if pf := facts[fn]; pf != nil {
			return pf.of(i)
		}
		return nil, false
	}
}

// typesCoverBodies reports whether info describes the identifiers inside
// function bodies. go/packages type-checks some packages that are not
// roots from source with function bodies ignored: a dependency's test
// variant, a package between two roots of a pattern that names only some
// of a module, a dependency module that imports the analysed module back.
// Their Syntax holds bodies that their TypesInfo says nothing about, and
// go/ssa panics building them, so such a package is treated like one
// loaded from export data. The first body that has an identifier decides:
// go/types ignores bodies for a whole package or for none.
func typesCoverBodies(files []*ast.File, info *types.Info) bool {
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			var first *ast.Ident
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && first == nil {
					first = id
				}
				return first == nil
			})
			if first == nil {
				continue
			}
			_, defined := info.Defs[first]
			_, used := info.Uses[first]
			return defined || used
		}
	}
	return true
}

// packagePos is where a failure of the whole package is reported: its
// first package clause.
func packagePos(pass *analysis.Pass) token.Pos {
	if len(pass.Files) > 0 {
		return pass.Files[0].Package
	}
	return token.NoPos
}

// inGOROOT reports whether the package is part of the standard library,
// judged by where its files are (import paths cannot tell: test packages
// such as "rl001/sql" have no dot either).
func inGOROOT(pass *analysis.Pass) bool {
	root := build.Default.GOROOT
	if root == "" || len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(filepath.Clean(name), filepath.Clean(root)+string(filepath.Separator))
}

// worthAnalysing is the fast path: the package imports a database library
// or a package that exported summaries.
func worthAnalysing(pass *analysis.Pass) bool {
	if touchesLibrary(pass.Pkg) {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(HasSummaries)) {
			return true
		}
	}
	return false
}

// touchesLibrary reports whether pkg imports a database library or a
// generated ent client, or is one.
func touchesLibrary(pkg *types.Package) bool {
	libs := apimodel.Libraries()
	for _, imp := range pkg.Imports() {
		if slices.Contains(libs, imp.Path()) {
			return true
		}
		if apimodel.IsEntClient(imp) {
			return true // a generated ent client: its builders are matched by shape
		}
	}
	return apimodel.IsEntClient(pkg) // hand-written files next to the generated client
}

// MayTouchDatabase reports, from its imports alone, whether a package
// may have database operations of its own, before any of its
// dependencies is summarised: it imports a database library or an ent
// client, or a package that declares one of the configured functions
// user. A whole-program driver uses it to tell which packages may
// implement a repository.
func MayTouchDatabase(pkg *types.Package, user []apimodel.UserFunc) bool {
	if touchesLibrary(pkg) {
		return true
	}
	for _, u := range user {
		for _, imp := range append(pkg.Imports(), pkg) {
			if strings.HasPrefix(u.Name, imp.Path()+".") {
				return true
			}
		}
	}
	return false
}

// buildSSA builds the package's SSA form, as buildssa does.
func buildSSA(pass *analysis.Pass) *ssa.Package {
	prog := ssa.NewProgram(pass.Fset, ssa.InstantiateGenerics)
	created := map[*types.Package]bool{}
	var create func(pkgs []*types.Package)
	create = func(pkgs []*types.Package) {
		for _, p := range pkgs {
			if !created[p] {
				created[p] = true
				prog.CreatePackage(p, nil, nil, true)
			}
		}
	}
	create(pass.Pkg.Imports())
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// sourceFuncs returns the package's functions and methods with their
// function literals, in source order.
func sourceFuncs(pass *analysis.Pass, pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		out = append(out, fn)
		for _, a := range fn.AnonFuncs {
			add(a)
		}
	}
	for _, file := range pass.Files {
		if apimodel.IsEntGeneratedFile(file) {
			continue // ent's own machinery: sqlgraph calls, never the application's operations
		}
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	return out
}

// importedSummaries answers ops' questions from imported facts.
type importedSummaries struct {
	pass *analysis.Pass
	impl map[string][]*types.Func // method name -> summarised concrete methods, built on first use
	// translated holds the varKey of the variables that the dependencies
	// translate "not found" to, built on first use.
	translated map[string]bool
}

func (s *importedSummaries) Summary(fn *types.Func) *ops.Summary {
	var f FuncSummary
	if fn.Pkg() != nil && fn.Pkg() != s.pass.Pkg && s.pass.ImportObjectFact(fn, &f) {
		return &f.Summary
	}
	// An interface method: use the summarised implementation when the
	// dependencies hold exactly one that satisfies the interface.
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var summarised []implementation
	for _, m := range s.implementations(fn.Name()) {
		var mf FuncSummary
		if s.pass.ImportObjectFact(m, &mf) {
			summarised = append(summarised, implementation{fn: m, summary: &mf.Summary})
		}
	}
	if len(summarised) > 0 {
		c, ok := flow.SoleImplementation(iface, summarised,
			func(c implementation) types.Type { return recvType(c.fn) },
			func(c implementation) string { return c.fn.FullName() })
		if ok {
			return c.summary
		}
	}
	return nil // none, or several: which one runs is not known
}

// callsSummarisedInterface reports whether the package calls, through an
// interface, a method name that a summarised concrete method it sees
// has: a use case that reaches its repository only through the interface
// it declares.
func (s *importedSummaries) callsSummarisedInterface() bool {
	for _, sel := range s.pass.TypesInfo.Selections {
		if sel.Kind() == types.MethodVal && types.IsInterface(sel.Recv()) && len(s.implementations(sel.Obj().Name())) > 0 {
			return true
		}
	}
	return false
}

func (s *importedSummaries) implementations(name string) []*types.Func {
	if s.impl == nil {
		s.impl = map[string][]*types.Func{}
		for _, of := range s.pass.AllObjectFacts() {
			fn, ok := of.Object.(*types.Func)
			if !ok {
				continue
			}
			if _, isSum := of.Fact.(*FuncSummary); !isSum || !isConcreteMethod(fn) {
				continue
			}
			s.impl[fn.Name()] = append(s.impl[fn.Name()], fn)
		}
		for _, list := range s.impl {
			sort.Slice(list, func(i, j int) bool { return list[i].FullName() < list[j].FullName() })
		}
	}
	return s.impl[name]
}

// Clock reports whether fn returns a reading of the clock (ClockReading),
// in this package or another.
func (s *importedSummaries) Clock(fn *types.Func) bool {
	return fn.Pkg() != nil && s.pass.ImportObjectFact(fn, new(ClockReading))
}

func (s *importedSummaries) NotFoundVar(v *types.Var) bool {
	if v.Pkg() == nil {
		return false
	}
	if v.Pkg() != s.pass.Pkg && s.pass.ImportObjectFact(v, new(NotFoundError)) {
		return true
	}
	if s.translated == nil {
		s.translated = map[string]bool{}
		for _, pf := range s.pass.AllPackageFacts() {
			if t, ok := pf.Fact.(*TranslatedNotFound); ok {
				for _, k := range t.Vars {
					s.translated[k] = true
				}
			}
		}
	}
	return s.translated[varKey(v)]
}

// exportInterfaceSummaries attaches to each method of an interface
// declared in this package the summary of its only implementation here,
// so that callers holding the interface see what the call does.
func exportInterfaceSummaries(pass *analysis.Pass, pkg *ops.Package, fns []*ssa.Function) {
	byMethod := map[*types.Func]*ops.Summary{}
	var concrete []*types.Func
	for _, fn := range fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil {
			continue
		}
		if s := pkg.Summary(fn); s != nil && obj.Type().(*types.Signature).Recv() != nil {
			byMethod[obj] = s
			concrete = append(concrete, obj)
		}
	}
	if len(concrete) == 0 {
		return
	}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < iface.NumMethods(); i++ {
			m := iface.Method(i)
			if m.Pkg() != pass.Pkg {
				continue
			}
			var named []*types.Func
			for _, c := range concrete {
				if c.Name() == m.Name() {
					named = append(named, c)
				}
			}
			if c, ok := flow.SoleImplementation(iface, named, recvType, (*types.Func).FullName); ok {
				pass.ExportObjectFact(m, &FuncSummary{Summary: *byMethod[c]})
			}
		}
	}
}

// usesUserFunc reports whether the package refers to a function the
// configuration declares.
func usesUserFunc(pass *analysis.Pass, model *apimodel.Model) bool {
	for _, obj := range pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok {
			if _, ok := model.UserFunc(fn); ok {
				return true
			}
		}
	}
	return false
}
