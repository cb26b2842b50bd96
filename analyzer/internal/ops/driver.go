// Package ops turns the calls of an SSA function into database operations
// (reads, inserts, updates, deletes, transaction begins) using the
// apimodel tables and the sqltext classifier, and answers the dataflow
// question the rules ask: which reads does this value depend on, and how.
package ops

import (
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/isolate"
)

// Reaches reports whether block to can be reached from block from.
func (f *Func) Reaches(from, to *ssa.BasicBlock) bool { return f.reach.Reaches(from, to) }

// ReachesInstr reports whether b can run after a in f.
func (f *Func) ReachesInstr(a, b ssa.Instruction) bool { return f.reach.ReachesInstr(a, b) }

// Func is the operations of one SSA function and what they observe.
type Func struct {
	Fn  *ssa.Function
	Ops []*Op
	Ifs []*ssa.If

	model     *apimodel.Model
	pkg       *Package
	byVal     map[ssa.Value]*Op // call value -> op
	fills     map[ssa.Value][]fill
	store     map[ssa.Value][]*ssa.Store // memory root -> stores into it
	observers map[ssa.Value]observer
	results   map[ssa.Value][]boundResult // summarised calls: what their results carry

	// Dataflow answers are cached once the operations are complete
	// (frozen): rules ask the same questions for every read-write pair.
	frozen   bool
	sources  map[ssa.Value][]Source
	computed map[ssa.Value][]Source
	reach    flow.Reach

	// bind maps the captured variables of inlined function literals to
	// the values f captured.
	bind map[*ssa.FreeVar]ssa.Value
}

// fill records that an operation wrote what it read into memory.
type fill struct {
	op     *Op
	at     ssa.Instruction // the call that fills it (a Scan); nil: op's own call
	path   []string        // field path from the root
	column string          // the SELECT column scanned into it, when positional
	exists bool            // the column only says whether rows exist (count(*), 1)
}

// Package is the analysis state shared by the functions of one package:
// which function literals run inside which transaction, and the summaries
// of the package's own functions for calls between them.
type Package struct {
	Model    *apimodel.Model
	Funcs    []*Func
	txFuncs  map[*ssa.Function]*Op
	imported Summaries
	local    map[*ssa.Function]*Summary
	notFound map[*types.Var]bool
	fields   fieldTypes
	funcs    fieldFuncs
	stmts    fieldStmts
	tables   fieldTables
	txOpts   fieldTxOptions
	byObject map[*types.Func]*ssa.Function // the package's named functions and methods
	fset     *token.FileSet
	// Failures are the panics recovered while summarising functions,
	// one per function left out.
	Failures []*isolate.Failure
}

// Analyze builds the operations of every function in fns (named functions
// and their literals). Named functions are analysed callees first, so that
// a call to a function of the same package is replaced by its summary.
func Analyze(model *apimodel.Model, fset *token.FileSet, fns []*ssa.Function, imported Summaries) *Package {
	p := &Package{Model: model, txFuncs: map[*ssa.Function]*Op{}, imported: imported,
		local: map[*ssa.Function]*Summary{}, notFound: map[*types.Var]bool{}, fset: fset,
		fields: collectFieldTypes(fns), funcs: collectFieldFuncs(fns), stmts: collectFieldStmts(model, fns), tables: collectFieldTables(model, fns), txOpts: collectFieldTxOptions(fns), byObject: map[*types.Func]*ssa.Function{}}
	inSet := map[*ssa.Function]bool{}
	for _, fn := range fns {
		inSet[fn] = true
		if obj, ok := fn.Object().(*types.Func); ok {
			p.byObject[obj] = fn
		}
	}
	methods := map[string][]*ssa.Function{} // for interface calls: candidate implementations
	for _, fn := range fns {
		if fn.Signature.Recv() != nil {
			methods[fn.Name()] = append(methods[fn.Name()], fn)
		}
	}
	done := map[*ssa.Function]bool{}
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if done[fn] {
			return
		}
		done[fn] = true // before the callees: recursion is cut here
		for _, callee := range p.callees(fn, methods) {
			if inSet[callee] && callee.Parent() == nil {
				visit(callee)
			}
		}
		if failure := isolate.Do(isolate.Summarise, pkgPath(fn), fn.String(), fn.Pos(), func() { p.analyzeTree(fn) }); failure != nil {
			// fn has neither operations nor a summary: its callers see
			// an opaque call, as for a function of an unanalysed package.
			p.Failures = append(p.Failures, failure)
		}
	}
	for _, fn := range fns {
		if fn.Parent() == nil {
			visit(fn)
		}
	}
	sort.SliceStable(p.Funcs, func(i, j int) bool { return p.Funcs[i].Fn.Pos() < p.Funcs[j].Fn.Pos() })
	return p
}

// analyzeTree analyses fn, then its function literals (parents first, so
// a literal run by db.Transaction knows its transaction), then records
// fn's summary.
func (p *Package) analyzeTree(fn *ssa.Function) {
	f := p.analyze(fn)
	tree := []*Func{f}
	var anons func(parent *Func)
	anons = func(parent *Func) {
		for _, a := range parent.Fn.AnonFuncs {
			af := p.analyze(a)
			tree = append(tree, af)
			anons(af)
			parent.inlineClosure(af)
		}
	}
	anons(f)
	summary := f.Summarize(p.fset)
	// Only a tree analysed to the end is kept: a panic above leaves the
	// package as if fn had no operations.
	p.Funcs = append(p.Funcs, tree...)
	if s := summary; s != nil {
		p.local[fn] = s
	}
	for _, v := range f.NotFoundErrors() {
		p.notFound[v] = true
	}
}

// pkgPath names fn's package for a failure message.
func pkgPath(fn *ssa.Function) string {
	if fn.Pkg != nil && fn.Pkg.Pkg != nil {
		return fn.Pkg.Pkg.Path()
	}
	return ""
}

// Summary returns the summary of fn computed in this package, if any.
func (p *Package) Summary(fn *ssa.Function) *Summary { return p.local[fn] }

// NotFoundErrors returns this package's error variables that mean "not
// found", in a stable order.
func (p *Package) NotFoundErrors() []*types.Var {
	var out []*types.Var
	for v := range p.notFound {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// summaryOf returns the summary of a call's callee: computed here for
// this package's functions, imported otherwise.
func (p *Package) summaryOf(c ssa.CallInstruction) *Summary {
	if fn := c.Common().StaticCallee(); fn != nil {
		if o := fn.Origin(); o != nil {
			fn = o
		}
		if s := p.local[fn]; s != nil {
			return s
		}
	}
	if c.Common().IsInvoke() {
		if m := p.concreteMethod(c); m != nil {
			return p.summaryOfFunc(m)
		}
		if s := p.localImplementation(c.Common().Method); s != nil {
			return s
		}
	}
	if p.imported == nil {
		return nil
	}
	if obj := callee(c); obj != nil {
		return p.imported.Summary(obj)
	}
	return nil
}

// summaryOfFunc returns the summary of a function or method named by
// its object: computed here, or imported.
func (p *Package) summaryOfFunc(obj *types.Func) *Summary {
	if fn := p.byObject[obj]; fn != nil {
		return p.local[fn]
	}
	if p.imported != nil {
		return p.imported.Summary(obj)
	}
	return nil
}

// localImplementation returns the summary of the only summarised method
// of this package that implements the interface method m.
func (p *Package) localImplementation(m *types.Func) *Summary {
	sig, ok := m.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	iface, ok := sig.Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var candidates []*ssa.Function
	for fn := range p.local {
		if fn.Name() == m.Name() && fn.Signature.Recv() != nil {
			candidates = append(candidates, fn)
		}
	}
	fn, ok := flow.SoleImplementation(iface, candidates,
		func(fn *ssa.Function) types.Type { return fn.Signature.Recv().Type() },
		(*ssa.Function).String)
	if !ok {
		return nil
	}
	return p.local[fn]
}

// IsClock reports whether fn returns a reading of the clock.
func (p *Package) IsClock(fn *types.Func) bool {
	return p.imported != nil && fn != nil && p.imported.Clock(fn)
}

func (p *Package) isNotFoundVar(v *types.Var) bool {
	if p.notFound[v] {
		return true
	}
	return p.imported != nil && p.imported.NotFoundVar(v)
}

// callees returns the functions fn (and its literals) may call: static
// callees, and for interface calls the package's methods of that name.
func (p *Package) callees(fn *ssa.Function, methods map[string][]*ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	var walk func(fn *ssa.Function)
	walk = func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if obj, _ := p.boundCallee(c); obj != nil {
					if target := p.byObject[obj]; target != nil {
						out = append(out, target) // a method value or a function field
					}
				} else if c.Common().IsInvoke() {
					out = append(out, methods[c.Common().Method.Name()]...)
				} else if callee := c.Common().StaticCallee(); callee != nil {
					if o := callee.Origin(); o != nil {
						callee = o
					}
					out = append(out, callee)
				}
			}
		}
		for _, a := range fn.AnonFuncs {
			walk(a)
		}
	}
	walk(fn)
	return out
}

// InTxFunc returns the Begin operation whose callback fn is, if any.
func (p *Package) InTxFunc(fn *ssa.Function) *Op { return p.txFuncs[fn] }

func (p *Package) analyze(fn *ssa.Function) *Func {
	f := &Func{Fn: fn, model: p.Model, pkg: p, byVal: map[ssa.Value]*Op{}, fills: map[ssa.Value][]fill{}, store: map[ssa.Value][]*ssa.Store{}, observers: map[ssa.Value]observer{}, results: map[ssa.Value][]boundResult{}, sources: map[ssa.Value][]Source{}, computed: map[ssa.Value][]Source{}, bind: map[*ssa.FreeVar]ssa.Value{}}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.If:
				f.Ifs = append(f.Ifs, x)
			case *ssa.Store:
				root, _ := flow.Root(x.Addr)
				f.store[root] = append(f.store[root], x)
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if op := f.operation(c); op != nil {
				op.fn = f
				f.Ops = append(f.Ops, op)
				if v := op.Value(); v != nil {
					f.byVal[v] = op
				}
			} else if s := p.summaryOf(c); s != nil {
				f.bindSummary(c, s, callArgs(c))
			} else if obj, args := p.boundCallee(c); obj != nil {
				if s := p.summaryOfFunc(obj); s != nil {
					f.bindSummary(c, s, args)
				}
			}
		}
	}
	// Scans are resolved after every operation is known, since a Scan
	// names the read through its receiver.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				f.recordScan(c)
			}
		}
	}
	f.finishObjects()
	if begin := p.txFuncs[fn]; begin != nil && begin.Watch && begin.Method.Store() == apimodel.StoreDocument {
		// The session travels in ctx, not in a handle: every operation of
		// the callback runs in its transaction.
		for _, op := range f.Ops {
			if op.Kind != Begin {
				op.Handle.Tx, op.Handle.Begin, op.Handle.Isolation = true, begin, apimodel.IsolationSerializable
			}
		}
	}
	f.frozen = true
	f.markInspected()
	for _, op := range f.Ops {
		if op.Kind == Begin && op.TxFunc != nil {
			p.txFuncs[op.TxFunc] = op
		}
	}
	return f
}

// Filled reports whether the memory rooted at root holds what op read:
// op filled it, or a value op read was stored into it whole.
func (f *Func) Filled(root ssa.Value, op *Op) bool {
	for _, fl := range f.fills[root] {
		if fl.op == op && len(fl.path) == 0 {
			return true
		}
	}
	for _, st := range f.store[root] {
		if st.Addr != root {
			continue
		}
		for _, s := range f.Sources(st.Val) {
			if s.Op == op && s.Kind == Data {
				return true
			}
		}
	}
	if _, ok := root.(*ssa.Extract); ok && isPointer(root.Type()) {
		// j, err := repo.Get(id): the pointer a summarised read returns
		// is the record it filled (`var t Job; db.First(&t, id); return
		// &t, nil`), and repo.Save(j) writes that record back.
		for _, s := range f.Sources(root) {
			if s.Op == op && s.Kind == Data && s.Column == "" {
				return true
			}
		}
	}
	return false
}

// Replaced reports whether the memory rooted at root was given a new
// whole value, not one op read, after op filled it and before at (s =
// SMTP{}; decode(&s); Save(&s)): what at writes is not what op read.
func (f *Func) Replaced(root ssa.Value, op *Op, at ssa.Instruction) bool {
	st := f.killingStoreAt(root, at)
	if st == nil {
		return false
	}
	for _, s := range f.Sources(st.Val) {
		if s.Op == op {
			return false
		}
	}
	return true
}

// StoresField reports whether f stores into the field of the record
// rooted at root that maps to column.
func (f *Func) StoresField(root ssa.Value, column string) bool {
	for _, st := range f.store[root] {
		if _, path := flow.Root(st.Addr); len(path) > 0 && normalizeColumn(path[0]) == column {
			return true
		}
	}
	return false
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// markInspected records the writes whose affected-row count decides a
// branch in this function.
func (f *Func) markInspected() {
	for _, cond := range f.Ifs {
		for _, s := range f.Sources(cond.Cond) {
			if s.Kind == Count {
				s.Op.Inspected = true
			}
		}
	}
}
