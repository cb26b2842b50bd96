// Package checks decides racelint's rules. It takes the operations the ops
// package found in each function, pairs reads with writes of the same
// record, looks for the checks between them and the protections around
// them, and hands findings to the report package.
package checks

import (
	"fmt"
	"github.com/racelint/racelint/analyzer/internal/retries"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/callers"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/isolate"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
	"github.com/racelint/racelint/analyzer/internal/schema"
	"github.com/racelint/racelint/analyzer/internal/scope"
)

// Options carries the configuration the rules need.
type Options struct {
	Enabled    func(ruleID string) bool
	SkipTables []string
	// RelatedInMessage folds related positions into each message.
	RelatedInMessage bool
	// SQLFiles reads the DDL of the module's *.sql files, once per module.
	SQLFiles *schema.SQLFiles
	// Scope leaves out migration code and skip-paths.
	Scope *scope.Scope
	// Predicates gives the fields functions of other packages read of a
	// parameter (facts), for checks written as their calls.
	Predicates func(fn *types.Func, i int) ([]string, bool)
	// Retried says which functions some caller retries (RL007). When
	// CallersKnown, it covers every caller in the program; otherwise only
	// the package's own code, and a package that classifies serialization
	// failures anywhere is taken to retry its transactions from callers
	// racelint cannot see.
	Retried      *retries.Callees
	CallersKnown bool
}

// Run decides the rules for the operations the facts analyzer found in
// the package, and reports the findings. A panic while checking one
// function leaves that function out and is returned, with the other
// functions' findings reported.
func Run(pass *analysis.Pass, pkg *ops.Package, ssaPkg *ssa.Package, opts Options) []*isolate.Failure {
	if pkg == nil {
		return nil
	}
	if opts.Scope == nil {
		opts.Scope = scope.New(nil, false)
	}
	if _, out := opts.Scope.Package(pass.Pkg.Path()); out {
		return nil
	}
	fns := packageFuncs(pkg, ssaPkg)
	migrations := opts.Scope.Migrations(fns)
	locks := callerLocks(callers.New(fns), fns)
	r := report.New(pass, opts.Enabled, opts.SkipTables, opts.RelatedInMessage)
	retried := opts.Retried
	if retried == nil {
		retried = retries.New()
		retried.Add(pass.Files, pass.TypesInfo, apimodel.SerializationFailureCodes)
	}
	ix := schema.FromFiles(pass.Files, names)
	if len(pass.Files) > 0 && opts.SQLFiles != nil {
		// Schema dumps and migrations on disk, anywhere in the module.
		ix.Merge(opts.SQLFiles.Of(filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name()), names))
	}
	var failures []*isolate.Failure
	for _, f := range pkg.Funcs {
		file := pass.Fset.Position(f.Fn.Pos()).Filename
		if scope.InMigration(f.Fn, migrations) || scope.IsTestFile(file) || opts.Scope.File(file) {
			continue
		}
		c := &funcChecker{pkg: pkg, f: f, r: r, schema: ix, predicates: opts.Predicates, retried: retried, callersKnown: opts.CallersKnown, callerLocks: locks}
		before := r.Added()
		if failure := isolate.Do(isolate.Check, pass.Pkg.Path(), f.Fn.String(), f.Fn.Pos(), c.run); failure != nil {
			r.DropAfter(before)
			failures = append(failures, failure)
		}
	}
	r.Flush()
	return append(failures, r.Failures()...)
}

// packageFuncs returns the functions a migration may be registered from:
// the analysed ones and the package-level functions (init among them).
func packageFuncs(pkg *ops.Package, ssaPkg *ssa.Package) []*ssa.Function {
	var fns []*ssa.Function
	for _, f := range pkg.Funcs {
		fns = append(fns, f.Fn)
	}
	if ssaPkg != nil {
		for _, m := range ssaPkg.Members {
			if fn, ok := m.(*ssa.Function); ok {
				fns = append(fns, fn)
			}
		}
	}
	return fns
}

// check is an if whose condition depends on what a read observed.
type check struct {
	cond   *ssa.If
	op     *ops.Op
	kind   ops.SourceKind
	column string
	// viaErr: the condition is a helper's verdict on the read's error
	// (isNotFound(err), successOrAbort(ctx, err)), taken as a not-found
	// test; a direct test of what was read is preferred for messages.
	viaErr bool
}

// names makes schema names comparable with the engine's.
var names = schema.Normalizer{Table: ops.Table, Column: ops.NormalizeColumn}

type funcChecker struct {
	schema     *schema.Index
	predicates func(fn *types.Func, i int) ([]string, bool)
	// retried and callersKnown are Options.Retried (or the package's own
	// index) and Options.CallersKnown.
	retried      *retries.Callees
	callersKnown bool
	pkg          *ops.Package
	f            *ops.Func
	r            *report.Reporter
	checks       []check
	// inspected holds the writes whose affected-row count decides a
	// branch or leaves the function.
	inspected map[*ops.Op]bool
	reported  map[*ops.Op]bool
	// callerLocks are the package's functions that only run with an
	// in-process lock held by their callers (see callerLocks).
	callerLocks map[*ssa.Function]string
}

func (c *funcChecker) run() {
	if len(c.f.Ops) == 0 {
		return
	}
	c.reported = map[*ops.Op]bool{}
	c.collectChecks()
	c.collectInspected()
	if debug {
		c.dump()
	}
	for _, w := range c.f.Ops {
		switch {
		case w.Kind == ops.Update || w.Kind == ops.Delete:
			c.emit(c.update(w))
		case w.Kind == ops.Insert:
			c.emit(c.insert(w))
			c.emit(c.ignoredReply(w))
		case w.Kind == ops.FirstOrCreate:
			c.emit(c.firstOrCreate(w))
		case w.Kind == ops.Begin:
			c.emit(c.serializable(w))
		}
	}
	for _, w := range c.f.Ops {
		if w.Kind == ops.Update && !c.reported[w] {
			c.emit(c.uncheckedClaim(w))
		}
		if w.Kind == ops.Update && !c.reported[w] {
			c.emit(c.staleWriteBack(w))
		}
	}
}

func (c *funcChecker) collectChecks() {
	for _, cond := range c.f.Ifs {
		for _, s := range c.f.Sources(cond.Cond) {
			if s.Kind == ops.Count || s.Op.Kind.IsWrite() || s.Op.Kind == ops.Begin {
				continue
			}
			kind, viaErr := s.Kind, s.Kind == ops.Err
			if viaErr {
				kind = ops.NotFound // a helper such as isNotFound(err)
			}
			if kind == ops.Data && s.Column == "id" {
				kind = ops.NotFound // if m.ID != 0 after First: was it found
			}
			if kind == ops.Data && s.Column == "" {
				// if !u.IsAdmin(): the columns the predicate reads.
				if cols := c.predicateColumns(cond.Cond, s.Op); cols != nil {
					for _, col := range cols {
						c.checks = append(c.checks, check{cond: cond, op: s.Op, kind: kind, column: col})
					}
					continue
				}
			}
			c.checks = append(c.checks, check{cond: cond, op: s.Op, kind: kind, column: s.Column, viaErr: viaErr})
		}
	}
}

func (c *funcChecker) collectInspected() {
	c.inspected = map[*ops.Op]bool{}
	mark := func(v ssa.Value) {
		for _, s := range c.f.Sources(v) {
			if s.Kind == ops.Count {
				c.inspected[s.Op] = true
			}
		}
	}
	for _, op := range c.f.Ops {
		if op.Inspected {
			c.inspected[op] = true
		}
	}
	for _, cond := range c.f.Ifs {
		mark(cond.Cond)
	}
	for _, b := range c.f.Fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for _, v := range ret.Results {
				mark(v)
			}
		}
	}
}

// reads returns the reads that run before w, in source order.
func (c *funcChecker) reads(w *ops.Op) []*ops.Op {
	var out []*ops.Op
	for _, r := range c.f.Ops {
		if (r.Kind == ops.Read || r.Kind == ops.FirstOrInit) && r != w && r.Before(w) {
			out = append(out, r)
		}
	}
	return out
}

// guard returns the first check on r, of one of kinds, that decides
// whether w runs, and whose column satisfies ok.
func (c *funcChecker) guard(r, w *ops.Op, ok func(check) bool, kinds ...ops.SourceKind) *check {
	var fallback *check
	for i := range c.checks {
		ch := &c.checks[i]
		if ch.op != r || !hasKind(kinds, ch.kind) || !ok(*ch) {
			continue
		}
		guarded, _ := flow.Guards(ch.cond.Block(), w.Block())
		if guarded && ch.kind == ops.NotFound && !flow.Decides(ch.cond.Block(), w.Block()) {
			// if err != nil && err != redis.Nil { return }: the write runs
			// whether the row was found or not.
			guarded = false
		}
		switch {
		case guarded && !ch.viaErr:
			return ch
		case guarded && fallback == nil:
			fallback = ch
		}
	}
	return fallback
}

func hasKind(kinds []ops.SourceKind, k ops.SourceKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// sameRow reports whether update or delete w provably touches the row r read.
func (c *funcChecker) sameRow(r, w *ops.Op) bool {
	for _, ex := range w.Excludes {
		// WHERE user_uid <> $1 with the uid of the row read: w writes the
		// other rows (clearing a value this row takes over), not this one.
		if c.derivedFrom(ex.Value, r, "") || slices.ContainsFunc(r.Keys, func(k ops.Key) bool { return k.Value != nil && flow.SameKey(k.Value, ex.Value) }) {
			return false
		}
	}
	if w.Object != nil && c.f.Filled(w.Object, r) {
		return true
	}
	if !sameTable(r, w) || w.Imprecise || r.Imprecise {
		return false
	}
	pk, ok := w.PrimaryKey()
	if !ok {
		return false
	}
	if pk.Value == nil {
		if pk.Literal == "" {
			return false // a key whose value is not known (username = LOWER($1))
		}
		for _, rk := range r.Keys {
			if rk.Value == nil && rk.Column == pk.Column && rk.Literal == pk.Literal {
				return true
			}
		}
		return false
	}
	for _, rk := range r.Keys {
		if rk.Value != nil && flow.SameKey(rk.Value, pk.Value) {
			return true
		}
	}
	return c.derivedFrom(pk.Value, r, "")
}

// derivedFrom reports whether v carries data r read; with column set, the
// data must come from that column (or an unknown one).
func (c *funcChecker) derivedFrom(v ssa.Value, r *ops.Op, column string) bool {
	for _, s := range c.f.Sources(v) {
		if s.Op == r && s.Kind == ops.Data && (column == "" || s.Column == "" || s.Column == column) {
			return true
		}
	}
	return false
}

// derivedWrite returns the first column w writes with a value computed in
// Go from what r read in that same column: a lost update.
func (c *funcChecker) derivedWrite(r, w *ops.Op) (ops.Assign, bool) {
	for _, a := range w.Writes {
		if a.Value == nil || a.Atomic || a.Now || a.Column == "" || a.Column == "id" {
			continue
		}
		if l, ok := flow.Strip(a.Value).(*ssa.UnOp); ok && c.f.IsColumnValue(l) && !c.f.Overwritten(l) {
			continue // the value as it was read, written back unchanged
		}
		if _, ok := flow.Strip(a.Value).(*ssa.Field); ok {
			continue
		}
		// The new value must come from the same column: a counter or a
		// balance. A value merely computed with the help of the row (a
		// header derived from the feed's URL) is not a lost update.
		for _, s := range c.f.ComputedFrom(a.Value) {
			if s.Op == r && s.Kind == ops.Data && s.Column == a.Column {
				return a, true
			}
		}
	}
	return ops.Assign{}, false
}

// overlaps reports whether w writes column (or column is unknown).
func overlaps(w *ops.Op, column string) bool {
	if w.Kind == ops.Delete {
		// A check before a delete races when what it checked can change
		// concurrently (a status, an owner, a lock token); flags fixed at
		// creation and ownership scopes cannot.
		return !immutableColumn[column]
	}
	if column == "" {
		return true
	}
	cols, all := w.WrittenColumns()
	if all {
		return true
	}
	for _, c := range cols {
		if c == column {
			return true
		}
	}
	return false
}

// rechecks reports whether w's WHERE re-tests one of cols (or any state
// column when cols is empty), or an optimistic-lock version column.
func rechecks(w *ops.Op, cols []string) bool {
	for _, s := range w.State {
		if len(cols) == 0 || s == "" || isVersion(s) {
			return true
		}
		for _, c := range cols {
			if c == "" || s == c {
				return true
			}
		}
	}
	return false
}

// rechecksNamed is rechecks without the benefit of the doubt: some
// predicate the WHERE names re-checks cols.
func rechecksNamed(w *ops.Op, cols []string) bool {
	for _, s := range w.State {
		if s == "" {
			continue
		}
		if len(cols) == 0 || isVersion(s) {
			return true
		}
		for _, c := range cols {
			if c == "" || s == c {
				return true
			}
		}
	}
	return false
}

func isVersion(col string) bool {
	switch col {
	case "version", "lockversion", "revision", "rev", "updatedat", "etag":
		return true
	}
	return false
}

func writtenCols(w *ops.Op) []string {
	cols, _ := w.WrittenColumns()
	return cols
}

func intersect(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

// debug prints each function's operations and checks to stderr; flip it
// locally when a case misbehaves.
const debug = false

func (c *funcChecker) dump() {
	println("func", c.f.Fn.String())
	for _, op := range c.f.Ops {
		println("  op", op.Kind.String(), op.Table, "keys", len(op.Keys), "writes", len(op.Writes), "state", len(op.State), "object", op.Object != nil, "tx", op.Handle.Tx)
		for _, k := range op.Keys {
			println("    key", k.Column, fmt.Sprint(k.Value), k.Literal)
		}
		for _, w := range op.Writes {
			println("    write", w.Column, fmt.Sprint(w.Value))
		}
	}
	for _, ch := range c.checks {
		println("  check", ch.op.Kind.String(), ch.kind, ch.column, ch.cond.Block().Index)
	}
}

// sameTable reports whether r and w touch the same table, model,
// collection or key space. A collection held in a variable has no name:
// the same collection value then stands for the same table.
func sameTable(r, w *ops.Op) bool {
	if r.Table != "" {
		return r.Table == w.Table
	}
	return w.Table == "" && r.Method.Lib == apimodel.LibMongo && w.Method.Lib == apimodel.LibMongo &&
		r.Handle.Value != nil && w.Handle.Value != nil && flow.Equivalent(r.Handle.Value, w.Handle.Value)
}

// immutableColumn lists columns that are set when a row is created and
// not changed afterwards in typical schemas: checking them before a delete
// is an authorization or a kind test, not a race.
var immutableColumn = map[string]bool{
	"internal": true, "system": true, "builtin": true, "isdefault": true, "default": true,
	"readonly": true, "kind": true, "type": true, "createdat": true, "createdby": true,
	"userid": true, "tenantid": true, "accountid": true, "orgid": true, "organizationid": true,
}
