// Package ops turns the calls of an SSA function into database operations
// (reads, inserts, updates, deletes, transaction begins) using the
// apimodel tables and the sqltext classifier, and answers the dataflow
// question the rules ask: which reads does this value depend on, and how.
package ops

import (
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/isolate"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// Kind is what an operation does to the database.
type Kind int

const (
	Read Kind = iota + 1
	Insert
	Update
	Delete
	Begin         // starts a transaction (or runs a callback in one)
	FirstOrCreate // GORM FirstOrCreate: a read and an insert in one call
	FirstOrInit   // GORM FirstOrInit: a read that fills a new object when missing
	Lock          // takes a lock that serialises writers: BEGIN IMMEDIATE, LOCK TABLE, advisory locks
	Deferred      // SQL that is a parameter of the function: resolved at each call site
)

func (k Kind) String() string {
	switch k {
	case Read:
		return "read"
	case Insert:
		return "insert"
	case Update:
		return "update"
	case Delete:
		return "delete"
	case Begin:
		return "begin"
	case FirstOrCreate:
		return "FirstOrCreate"
	case FirstOrInit:
		return "FirstOrInit"
	case Lock:
		return "lock"
	case Deferred:
		return "deferred"
	}
	return "unknown"
}

// IsWrite reports whether k changes rows.
func (k Kind) IsWrite() bool { return k == Insert || k == Update || k == Delete }

// Key is one equality that identifies rows: WHERE Column = Value.
type Key struct {
	Column  string    // normalized column; "" when unknown
	Name    string    // the column as the code spells it, for messages
	Value   ssa.Value // the Go value bound to the placeholder; nil for literals
	Literal string    // the literal when Value is nil
}

// Assign is one column a write sets.
type Assign struct {
	Column string    // normalized column; "" when unknown
	Name   string    // the column as the code spells it, for messages
	Value  ssa.Value // the Go value written; nil when the SQL computes it
	Atomic bool      // computed by the database from the current value (n = n + 1)
	Now    bool      // set to the current time by the database or time.Now
}

// Op is one database operation in a function.
type Op struct {
	Kind   Kind
	Call   ssa.CallInstruction
	Method apimodel.Method
	Table  string             // normalized table or model name; "" if unknown
	Name   string             // the table or model as the code spells it, for messages
	Stmt   *sqltext.Statement // the SQL, when the operation carries SQL text

	Keys      []Key     // row identity (WHERE equalities, GORM conditions)
	Object    ssa.Value // GORM: memory root of the model object the call reads into or writes from
	Writes    []Assign  // columns written (nil with WritesAll for Save of an unknown object)
	WritesAll bool      // the write touches every column (Delete, Save of a whole object)
	State     []string  // normalized columns the WHERE tests beyond the key (status = 'x', owner IS NULL)
	Imprecise bool      // the WHERE has an OR, or the SQL is only partly understood

	SQLParam     int    // Deferred: the parameter that holds the SQL
	ArgsParam    int    // Deferred: the parameter that holds the arguments; -1 if none
	Column       string // key-value reads: the value or hash field the command returns
	Upsert       bool   // a key-value write that creates the key when missing (Redis SET)
	Existence    bool   // the read only reports whether or how many rows exist (Count, Exists)
	Locking      bool   // FOR UPDATE / FOR SHARE / clause.Locking
	ConflictSafe bool   // ON CONFLICT, INSERT IGNORE, clause.OnConflict
	Returning    bool   // the write returns rows (its count is observed through them)
	FoundResult  bool   // a bool result of the call says whether a row was found (xorm Get)

	Inspected  bool // the affected-row count decides a branch in this function
	Summarized bool // the operation stands for a call of a summarised function
	// CountHandedBack: for summarised operations, the callee returns the
	// affected-row count instead of deciding on it, so the caller must.
	CountHandedBack bool
	Where           string // for summarised operations: where the SQL runs, "file:line"

	fn *Func               // the function the operation belongs to
	At ssa.CallInstruction // where to report it, when it stands for a call inside a function literal

	Handle    Handle             // the connection or transaction it runs on
	Isolation apimodel.Isolation // for Begin: the requested isolation
	TxFunc    *ssa.Function      // for Begin: the callback run inside the transaction
	Watch     bool               // for Begin: Redis WATCH, an optimistic transaction that never needs RL007's retry check
}

// Pos returns the position of the call.
func (o *Op) Pos() int { return int(o.Call.Pos()) }

// reportCall returns the call a diagnostic about o points at: the call
// itself, or the call inside a function literal o stands for.
func (o *Op) reportCall() ssa.CallInstruction {
	if o.At != nil {
		return o.At
	}
	return o.Call
}

// ReportCall is the exported form of reportCall.
func (o *Op) ReportCall() ssa.CallInstruction { return o.reportCall() }

// Block returns the basic block holding the call.
func (o *Op) Block() *ssa.BasicBlock { return o.Call.Block() }

// Value returns the SSA value of the call, or nil for go/defer.
func (o *Op) Value() ssa.Value {
	if v, ok := o.Call.(ssa.Value); ok {
		return v
	}
	return nil
}

// Before reports whether o runs before p on some path.
func (o *Op) Before(p *Op) bool {
	if o.Block() == p.Block() {
		return index(o.Call) < index(p.Call)
	}
	if o.Block().Dominates(p.Block()) {
		return true
	}
	if p.Block().Dominates(o.Block()) {
		return false
	}
	return o.fn.reaches(o.Block(), p.Block())
}

// reaches reports whether block to can be reached from block from,
// remembering each source block's reachable set: rules ask it for every
// read-write pair.
func (f *Func) reaches(from, to *ssa.BasicBlock) bool {
	set, ok := f.reach[from]
	if !ok {
		set = make([]uint64, (len(f.Fn.Blocks)+63)/64)
		stack := []*ssa.BasicBlock{from}
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, s := range b.Succs {
				if set[s.Index/64]&(1<<(s.Index%64)) == 0 {
					set[s.Index/64] |= 1 << (s.Index % 64)
					stack = append(stack, s)
				}
			}
		}
		f.reach[from] = set
	}
	return from == to || set[to.Index/64]&(1<<(to.Index%64)) != 0
}

func index(instr ssa.Instruction) int {
	for i, in := range instr.Block().Instrs {
		if in == instr {
			return i
		}
	}
	return -1
}

// PrimaryKey returns the key that names the row: the id column when the
// WHERE has one, else the first equality.
func (o *Op) PrimaryKey() (Key, bool) {
	for _, k := range o.Keys {
		if k.Column == "id" {
			return k, true
		}
	}
	if len(o.Keys) > 0 {
		return o.Keys[0], true
	}
	return Key{}, false
}

// WrittenColumns returns the normalized columns a write sets; all is true
// when it sets every column or the set is unknown.
func (o *Op) WrittenColumns() (cols []string, all bool) {
	if o.WritesAll {
		return nil, true
	}
	for _, w := range o.Writes {
		if w.Column == "" {
			return nil, true
		}
		cols = append(cols, w.Column)
	}
	return cols, len(cols) == 0 && o.Kind != Insert
}

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
	reach    map[*ssa.BasicBlock][]uint64

	// bind maps the captured variables of inlined function literals to
	// the values f captured.
	bind map[*ssa.FreeVar]ssa.Value
}

// fill records that an operation wrote what it read into memory.
type fill struct {
	op     *Op
	path   []string // field path from the root
	column string   // the SELECT column scanned into it, when positional
	exists bool     // the column only says whether rows exist (count(*), 1)
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
		local: map[*ssa.Function]*Summary{}, notFound: map[*types.Var]bool{}, fset: fset}
	inSet := map[*ssa.Function]bool{}
	for _, fn := range fns {
		inSet[fn] = true
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
		for _, callee := range callees(fn, methods) {
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
	var found *Summary
	var names []string
	for fn, s := range p.local {
		if fn.Name() != m.Name() || fn.Signature.Recv() == nil {
			continue
		}
		if !types.Implements(fn.Signature.Recv().Type(), iface) {
			continue
		}
		names = append(names, fn.String())
		found = s
	}
	if len(names) != 1 {
		return nil // none, or several: which one runs is not known
	}
	return found
}

func (p *Package) isNotFoundVar(v *types.Var) bool {
	if p.notFound[v] {
		return true
	}
	return p.imported != nil && p.imported.NotFoundVar(v)
}

// callees returns the functions fn (and its literals) may call: static
// callees, and for interface calls the package's methods of that name.
func callees(fn *ssa.Function, methods map[string][]*ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	var walk func(fn *ssa.Function)
	walk = func(fn *ssa.Function) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if c.Common().IsInvoke() {
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
	f := &Func{Fn: fn, model: p.Model, pkg: p, byVal: map[ssa.Value]*Op{}, fills: map[ssa.Value][]fill{}, store: map[ssa.Value][]*ssa.Store{}, observers: map[ssa.Value]observer{}, results: map[ssa.Value][]boundResult{}, sources: map[ssa.Value][]Source{}, computed: map[ssa.Value][]Source{}, reach: map[*ssa.BasicBlock][]uint64{}, bind: map[*ssa.FreeVar]ssa.Value{}}
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
				f.bindSummary(c, s)
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
	if begin := p.txFuncs[fn]; begin != nil && begin.Watch && begin.Method.Pkg == "go.mongodb.org/mongo-driver/v2/mongo" {
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

// callee returns the function or interface method a call invokes.
func callee(c ssa.CallInstruction) *types.Func {
	com := c.Common()
	if com.IsInvoke() {
		return com.Method
	}
	if fn := com.StaticCallee(); fn != nil {
		if o := fn.Origin(); o != nil {
			fn = o
		}
		if obj, ok := fn.Object().(*types.Func); ok {
			return obj
		}
	}
	return nil
}

// arg returns argument i of the call, not counting the receiver.
func arg(c ssa.CallInstruction, m apimodel.Method, i int) ssa.Value {
	com := c.Common()
	args := com.Args
	if !com.IsInvoke() && m.Recv != "" && len(args) > 0 {
		args = args[1:]
	}
	if i < 0 || i >= len(args) {
		return nil
	}
	return args[i]
}

// receiver returns the receiver of a method call.
func receiver(c ssa.CallInstruction) ssa.Value {
	com := c.Common()
	if com.IsInvoke() {
		return com.Value
	}
	if fn := callee(c); fn != nil {
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && len(com.Args) > 0 {
			return com.Args[0]
		}
	}
	return nil
}

// argList returns the query arguments starting at index i: the elements of
// a variadic slice, or the single value there.
func argList(c ssa.CallInstruction, m apimodel.Method, i int) []ssa.Value {
	v := arg(c, m, i)
	if v == nil {
		return nil
	}
	if _, isSlice := v.Type().Underlying().(*types.Slice); isSlice {
		if elems, ok := flow.VariadicArgs(v); ok {
			return elems
		}
		if in := sqlxInCall(v); in != nil {
			// query, args, err := sqlx.In(q, ids): args are In's arguments.
			m := apimodel.Method{Recv: ""}
			return argList(in, m, 1)
		}
		return nil
	}
	return []ssa.Value{flow.Strip(v)}
}

func (f *Func) operation(c ssa.CallInstruction) *Op {
	fn := callee(c)
	if u, ok := f.model.UserFunc(fn); ok {
		return f.userOp(c, fn, u)
	}
	m, ok := f.model.Lookup(fn)
	if !ok {
		return nil
	}
	if apimodel.IsXorm(m.Pkg) && m.Role != apimodel.RoleBegin && m.Role != apimodel.RoleTxFunc {
		return f.xormOp(c, m)
	}
	if apimodel.IsPop(m.Pkg) && m.Role != apimodel.RoleBegin && m.Role != apimodel.RoleTxFunc {
		return f.popOp(c, m)
	}
	switch m.Role {
	case apimodel.RoleQuery, apimodel.RoleExec, apimodel.RoleGet, apimodel.RoleSelect:
		return f.sqlOp(c, m, arg(c, m, m.SQL), argList(c, m, m.Args))
	case apimodel.RoleStmt:
		sqlArg := f.preparedSQL(receiver(c))
		if sqlArg == nil {
			return nil
		}
		return f.sqlOp(c, m, sqlArg, argList(c, m, m.Args))
	case apimodel.RoleBegin, apimodel.RoleTxFunc:
		op := &Op{Kind: Begin, Call: c, Method: m, Isolation: isolation(arg(c, m, m.Opts))}
		if m.Role == apimodel.RoleTxFunc {
			if mc, ok := arg(c, m, m.Func).(*ssa.MakeClosure); ok {
				op.TxFunc, _ = mc.Fn.(*ssa.Function)
			} else if fn, ok := arg(c, m, m.Func).(*ssa.Function); ok {
				op.TxFunc = fn
			}
		}
		op.Handle = f.handle(receiver(c))
		return op
	}
	if isGORMFinisher(m.Role) || (m.Role == apimodel.RoleExec && apimodel.IsGORM(m.Pkg)) {
		return f.gormOp(c, m)
	}
	switch m.Role {
	case apimodel.RoleSqExec, apimodel.RoleSqQueryRow, apimodel.RoleSqQuery, apimodel.RoleSqScan:
		return f.sqOp(c, m)
	case apimodel.RoleDbxRead, apimodel.RoleDbxExec:
		return f.dbxOp(c, m)
	case apimodel.RoleBunScan, apimodel.RoleBunExists, apimodel.RoleBunCount, apimodel.RoleBunExec:
		return f.bunOp(c, m)
	case apimodel.RoleEntRead, apimodel.RoleEntExist, apimodel.RoleEntSave, apimodel.RoleEntSaveOne:
		return f.entOp(c, m)
	case apimodel.RoleKVRead, apimodel.RoleKVWrite, apimodel.RoleKVSetNX, apimodel.RoleKVSetArgs, apimodel.RoleKVDelete:
		return f.kvOp(c, m)
	case apimodel.RoleDocRead, apimodel.RoleDocCount, apimodel.RoleDocInsert, apimodel.RoleDocUpdate,
		apimodel.RoleDocUpdateByID, apimodel.RoleDocDelete, apimodel.RoleDocFindModify:
		return f.docOp(c, m)
	case apimodel.RoleKVWatch:
		op := &Op{Kind: Begin, Call: c, Method: m, Handle: f.handle(receiver(c)), Isolation: apimodel.IsolationSerializable}
		if mc, ok := arg(c, m, m.Func).(*ssa.MakeClosure); ok {
			op.TxFunc, _ = mc.Fn.(*ssa.Function)
		}
		op.Watch = true
		return op
	}
	return nil
}

// preparedSQL returns the SQL argument of the Prepare call that made stmt.
func (f *Func) preparedSQL(stmt ssa.Value) ssa.Value {
	v := flow.Strip(stmt)
	if ex, ok := v.(*ssa.Extract); ok {
		v = ex.Tuple
	}
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	m, ok := f.model.Lookup(callee(c))
	if !ok || m.Role != apimodel.RolePrepare {
		return nil
	}
	return arg(c, m, m.SQL)
}

// sqlText resolves the SQL argument, looking through Rebind and sqlx.In.
func (f *Func) sqlText(v ssa.Value) (string, bool) {
	for i := 0; i < 4 && v != nil; i++ {
		if s, ok := flow.ConstString(v); ok {
			return s, true
		}
		inner := flow.Strip(v)
		if ex, ok := inner.(*ssa.Extract); ok {
			inner = ex.Tuple
		}
		c, ok := inner.(*ssa.Call)
		if !ok {
			return "", false
		}
		m, ok := f.model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RolePassSQL {
			return "", false
		}
		v = arg(c, m, m.SQL)
	}
	return "", false
}

func (f *Func) sqlOp(c ssa.CallInstruction, m apimodel.Method, sqlArg ssa.Value, args []ssa.Value) *Op {
	text, ok := f.sqlText(sqlArg)
	if !ok {
		if op := f.toSQLOp(c, m, sqlArg); op != nil {
			return op
		}
		return f.wrapperOp(c, m, sqlArg)
	}
	op := f.statementOp(c, m, text, args)
	if op != nil {
		op.Handle = f.handle(receiver(c))
		if op.Handle.Value == nil && m.Recv == "" {
			// sqlx.Get(q, ...): the handle is the first argument.
			op.Handle = f.handle(arg(c, m, 0))
		}
	}
	return op
}

// wrapperOp records a statement whose SQL is a parameter of the function
// (an in-house executor: func (d *DB) exec(ctx, q string, args ...any)):
// the function's summary carries it, and each call site that passes
// constant SQL gets a real operation.
func (f *Func) wrapperOp(c ssa.CallInstruction, m apimodel.Method, sqlArg ssa.Value) *Op {
	sqlParam := paramOf(f.Fn, sqlArg)
	if sqlParam.Index < 0 || len(sqlParam.Path) > 0 {
		return nil
	}
	op := &Op{Kind: Deferred, Call: c, Method: m, SQLParam: sqlParam.Index, ArgsParam: -1, Handle: f.handle(receiver(c))}
	if a := arg(c, m, m.Args); a != nil {
		if p := paramOf(f.Fn, a); p.Index >= 0 && len(p.Path) == 0 {
			op.ArgsParam = p.Index
		}
	}
	return op
}

// statementOp builds the operation of one SQL statement with its
// arguments; the caller sets the handle.
func (f *Func) statementOp(c ssa.CallInstruction, m apimodel.Method, text string, args []ssa.Value) *Op {
	st := sqltext.Parse(text)
	op := &Op{Call: c, Method: m, Stmt: &st, Table: table(st.Table), Name: st.Table}
	switch st.Verb {
	case sqltext.Select:
		op.Kind = Read
		if isLockStatement(text) {
			op.Kind = Lock
		}
	case sqltext.Insert:
		op.Kind = Insert
	case sqltext.Update:
		op.Kind = Update
	case sqltext.Delete:
		op.Kind = Delete
		op.WritesAll = true
	default:
		if !isLockStatement(text) {
			return nil
		}
		op.Kind = Lock
		op.Handle = f.handle(receiver(c))
		return op
	}
	bind := func(o sqltext.Operand) ssa.Value {
		if o.Kind == sqltext.OpParam && o.Param >= 0 && o.Param < len(args) {
			return args[o.Param]
		}
		if o.Kind == sqltext.OpParam && o.Param < 0 && len(args) == 1 {
			return namedField(args[0], o.Name)
		}
		return nil
	}
	op.Keys, op.State = wherePredicates(st.Where, bind)
	if len(st.Named) > 0 && len(args) == 1 {
		// sqlx NamedExec(query, e): the struct names the row.
		op.Object, _ = flow.Root(flow.Strip(args[0]))
	}
	op.Imprecise = st.WhereOr
	for _, a := range st.Set {
		op.Writes = append(op.Writes, Assign{Column: normalizeColumn(a.Column), Name: a.Column, Value: bind(a.Value), Atomic: a.Atomic, Now: a.Value.Kind == sqltext.OpNow})
	}
	if op.Kind == Insert {
		for i, col := range st.InsertColumns {
			w := Assign{Column: normalizeColumn(col), Name: col}
			if i < len(st.InsertValues) {
				w.Value = bind(st.InsertValues[i])
			}
			op.Writes = append(op.Writes, w)
		}
	}
	for i := range op.Writes {
		if v := op.Writes[i].Value; v != nil && isTimeNow(v) {
			op.Writes[i].Now = true
		}
	}
	op.Locking = st.Lock != sqltext.NoLock
	op.ConflictSafe = st.Conflict != sqltext.NoConflictClause
	op.Returning = st.Returning
	return op
}

// wherePredicates splits predicates into keys (equalities with a Go value
// or a literal on an identifying column) and state tests.
func wherePredicates(preds []sqltext.Predicate, bind func(sqltext.Operand) ssa.Value) (keys []Key, state []string) {
	for _, p := range preds {
		col := normalizeColumn(p.Column)
		if col == "" {
			// A condition the classifier cannot take apart, such as
			// (status = 'failed' OR status = 'cancelled'): it tests state.
			state = append(state, "")
			continue
		}
		isEq := p.Op == "=" || p.Op == "IN"
		var bound ssa.Value
		if p.Value.Kind == sqltext.OpParam {
			bound = bind(p.Value)
		}
		boundConst := false
		if bound != nil {
			_, boundConst = flow.Strip(bound).(*ssa.Const)
		}
		switch {
		case isEq && p.Value.Kind == sqltext.OpParam && !stateColumn(col) && !(boundConst && !identifying(col)):
			keys = append(keys, Key{Column: col, Name: p.Column, Value: bound})
		case isEq && p.Value.Kind == sqltext.OpLiteral && identifying(col):
			keys = append(keys, Key{Column: col, Name: p.Column, Literal: p.Value.Literal})
		case p.Op == "=" && p.Value.Kind == sqltext.OpUnknown && !stateColumn(col):
			// username = LOWER($1): an identifying lookup through an
			// expression, not a state test; its value is unknown here.
			keys = append(keys, Key{Column: col, Name: p.Column})
		default:
			state = append(state, col)
		}
	}
	return keys, state
}

// stateColumn reports whether an equality on col tests the row's state
// rather than naming it: optimistic versions and status columns.
func stateColumn(col string) bool {
	switch strings.ReplaceAll(col, "_", "") {
	case "version", "lockversion", "revision", "rev", "status", "state", "updatedat", "etag":
		return true
	}
	return false
}

// identifying reports whether a literal equality on col names a row (a
// settings key, a fixed id) rather than testing its state.
func identifying(col string) bool {
	c := strings.ReplaceAll(col, "_", "")
	return c == "id" || strings.HasSuffix(c, "id") || strings.HasSuffix(c, "key") || c == "name" || c == "slug"
}

// namedField returns the value stored into field name of a struct literal
// passed as the single argument of a named query (sqlx :name).
func namedField(v ssa.Value, name string) ssa.Value {
	root, _ := flow.Root(flow.Strip(v))
	if l, ok := root.(*ssa.UnOp); ok {
		root, _ = flow.Root(l.X)
	}
	alloc, ok := root.(*ssa.Alloc)
	if !ok {
		return nil
	}
	want := normalizeColumn(name)
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.X != alloc {
			continue
		}
		if columnOfField(fa.X.Type(), fa.Field) != want {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
				return flow.Strip(st.Val)
			}
		}
	}
	return nil
}

// columnOfField maps a struct field to its normalized column: the db or
// gorm column tag when present, else the field name.
func columnOfField(t types.Type, i int) string {
	tag := flow.FieldTag(t, i)
	if c := tagColumn(tag); c != "" {
		return normalizeColumn(c)
	}
	return normalizeColumn(flow.FieldName(t, i))
}

func tagColumn(tag string) string {
	st := reflectTag(tag)
	if db := st("db"); db != "" && db != "-" {
		return strings.Split(db, ",")[0]
	}
	for _, part := range strings.Split(st("gorm"), ";") {
		if k, v, ok := strings.Cut(part, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "column") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// reflectTag returns a lookup of a struct tag's keys (reflect.StructTag
// without importing reflect's parsing rules we do not need).
func reflectTag(tag string) func(string) string {
	return func(key string) string {
		for tag != "" {
			i := 0
			for i < len(tag) && tag[i] == ' ' {
				i++
			}
			tag = tag[i:]
			i = 0
			for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' {
				i++
			}
			if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
				return ""
			}
			name := tag[:i]
			tag = tag[i+1:]
			i = 1
			for i < len(tag) && tag[i] != '"' {
				if tag[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(tag) {
				return ""
			}
			val := tag[1:i]
			tag = tag[i+1:]
			if name == key {
				return val
			}
		}
		return ""
	}
}

// NormalizeColumn makes Go field names and SQL column names comparable:
// OpenedAt, opened_at and "opened_at" all become openedat.
func normalizeColumn(s string) string {
	return strings.ReplaceAll(sqltext.Normalize(s), "_", "")
}

// NormalizeColumn is exported for the rules.
func NormalizeColumn(s string) string { return normalizeColumn(s) }

// table normalizes a table or model name for comparison: lower case, no
// underscores, no plural ending (emails, Email and email all match).
func table(name string) string {
	n := normalizeColumn(name)
	if n == "" || strings.Contains(n, flow.Unknown) || strings.Contains(n, strings.ReplaceAll(flow.Unknown, "_", "")) {
		return ""
	}
	switch {
	case strings.HasSuffix(n, "ies") && len(n) > 4:
		n = n[:len(n)-3] + "y"
	case strings.HasSuffix(n, "sses"), strings.HasSuffix(n, "xes"), strings.HasSuffix(n, "ches"), strings.HasSuffix(n, "shes"):
		n = n[:len(n)-2]
	case strings.HasSuffix(n, "ss"):
	case strings.HasSuffix(n, "s") && len(n) > 1:
		n = n[:len(n)-1]
	}
	return n
}

// Table is the exported form of table, for configuration matching.
func Table(name string) string { return table(name) }

// isolation reads the isolation level out of a transaction options value
// (*sql.TxOptions or pgx.TxOptions, built as a composite literal).
func isolation(v ssa.Value) apimodel.Isolation {
	if v == nil {
		return apimodel.IsolationDefault
	}
	if elems, ok := flow.VariadicArgs(v); ok {
		// GORM's Begin/Transaction take ...*sql.TxOptions.
		if len(elems) == 0 {
			return apimodel.IsolationDefault
		}
		v = elems[0]
	}
	v = flow.Strip(v)
	if l, ok := v.(*ssa.UnOp); ok && l.Op.String() == "*" {
		v = l.X
	}
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return apimodel.IsolationDefault
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || !apimodel.IsolationFields[flow.FieldName(alloc.Type(), fa.Field)] {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok {
				if c, ok := flow.Strip(st.Val).(*ssa.Const); ok && c.Value != nil {
					val := c.Value.ExactString()
					if c.Value.Kind() == constant.String {
						val = constant.StringVal(c.Value)
					}
					return apimodel.IsolationOf(val)
				}
			}
		}
	}
	return apimodel.IsolationDefault
}

// isTimeNow reports whether v is a call of time.Now (possibly followed by
// a method such as UTC), which writes a timestamp rather than a decision.
func isTimeNow(v ssa.Value) bool {
	for i := 0; i < 4; i++ {
		v = flow.Strip(v)
		if t := v.Type(); t != nil && isTimeType(t) {
			return true
		}
		// time.Now().UnixMilli(), .Unix(), .Format(...): a timestamp too.
		c, ok := v.(*ssa.Call)
		if !ok || c.Call.IsInvoke() || c.Call.Signature().Recv() == nil || len(c.Call.Args) == 0 {
			return false
		}
		v = c.Call.Args[0]
	}
	return false
}

func isTimeType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return apimodel.IsNamed(t, "time", "Time") || apimodel.IsNamed(t, "database/sql", "NullTime")
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
	return false
}

// boundResult is a ResultSummary bound to the operation it names.
type boundResult struct {
	index  int
	op     *Op
	kind   SourceKind
	column string
}

// bindSummary adds the operations of a summarised call, the memory it
// fills and what its results carry.
func (f *Func) bindSummary(c ssa.CallInstruction, s *Summary) {
	ops := f.summaryOps(c, s)
	for _, op := range ops {
		if op != nil {
			f.Ops = append(f.Ops, op)
		}
	}
	com := c.Common()
	args := com.Args
	if com.IsInvoke() {
		args = append([]ssa.Value{com.Value}, com.Args...)
	}
	for i, os := range s.Ops {
		for _, p := range os.Fills {
			if ops[i] != nil && p.Index >= 0 && p.Index < len(args) {
				root, path := flow.Root(flow.Strip(args[p.Index]))
				f.fills[root] = append(f.fills[root], fill{op: ops[i], path: path})
			}
		}
	}
	if v, ok := c.(ssa.Value); ok {
		for _, r := range s.Results {
			if r.Op >= 0 && r.Op < len(ops) && ops[r.Op] != nil {
				kind := r.Kind
				if kind == Data && ops[r.Op].Kind.IsWrite() {
					kind = Count // an exec wrapper's sql.Result
				}
				f.results[v] = append(f.results[v], boundResult{index: r.Index, op: ops[r.Op], kind: kind, column: r.Column})
			}
		}
	}
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

// sqlxInCall returns the sqlx.In call whose expanded arguments v is.
func sqlxInCall(v ssa.Value) *ssa.Call {
	ex, ok := flow.Strip(v).(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return nil
	}
	c, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := callee(c)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "github.com/jmoiron/sqlx" || fn.Name() != "In" {
		return nil
	}
	return c
}

// isLockStatement reports whether sql takes a lock that serialises the
// writers that follow on the same connection: SQLite's BEGIN IMMEDIATE or
// EXCLUSIVE, LOCK TABLE, PostgreSQL advisory locks, MySQL GET_LOCK.
func isLockStatement(sql string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(sql), " "))
	for _, p := range []string{"begin immediate", "begin exclusive", "lock table", "lock tables"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return strings.Contains(s, "pg_advisory_lock") || strings.Contains(s, "pg_advisory_xact_lock") || strings.Contains(s, "get_lock(")
}

// inlineClosure adds to f the operations of a function literal f calls
// synchronously or hands to a call (rdb.TxPipelined(ctx, func(pipe) ...),
// db.Transaction(func(tx) ...)): a read in f and a write in the literal
// race like a read and a write in one function. The operations stand at
// the call that receives the literal; they are reported at their own
// position inside it. Pairs inside the literal are the literal's own.
func (f *Func) inlineClosure(lit *Func) {
	if len(lit.Ops) == 0 {
		return
	}
	var mc *ssa.MakeClosure
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(*ssa.MakeClosure); ok && x.Fn == lit.Fn {
				mc = x
			}
		}
	}
	if mc == nil {
		return
	}
	var site ssa.CallInstruction
	for _, ref := range *mc.Referrers() {
		if c, ok := ref.(ssa.CallInstruction); ok {
			if site != nil {
				return // called or passed twice: no single point in time
			}
			site = c
		}
	}
	if site == nil {
		return
	}
	for i, fv := range lit.Fn.FreeVars {
		if i < len(mc.Bindings) {
			f.bind[fv] = mc.Bindings[i]
		}
	}
	var ops []*Op
	for _, op := range lit.Ops {
		if op.Kind == Begin || op.At != nil {
			continue
		}
		cp := *op
		cp.fn, cp.Call, cp.At = f, site, op.Call
		cp.Keys = append([]Key(nil), op.Keys...)
		for i := range cp.Keys {
			cp.Keys[i].Value = f.resolveFree(cp.Keys[i].Value)
		}
		if op.Handle.Tx && op.Handle.Begin != nil && op.Handle.Begin.Call.Parent() == lit.Fn {
			continue // the literal's own transaction
		}
		ops = append(ops, &cp)
	}
	f.Ops = append(f.Ops, ops...)
	f.sources = map[ssa.Value][]Source{}
	f.computed = map[ssa.Value][]Source{}
	f.markInspected()
}

// resolveFree replaces a captured variable of an inlined literal (or a
// load of it) by what f captured: the value itself, or the value f stored
// into the captured variable when it stored exactly one.
func (f *Func) resolveFree(v ssa.Value) ssa.Value {
	switch x := flow.Strip(v).(type) {
	case *ssa.FreeVar:
		if b, ok := f.bind[x]; ok {
			return b
		}
	case *ssa.UnOp:
		if fv, ok := x.X.(*ssa.FreeVar); ok && x.Op == token.MUL {
			if alloc, ok := f.bind[fv].(*ssa.Alloc); ok {
				if st := f.singleStore(alloc); st != nil {
					return flow.Strip(st)
				}
			}
		}
	}
	return v
}

// DisplayName returns the column name to show for a normalized column:
// as a key or write of op spells it, else the normalized name.
func (o *Op) DisplayName(column string) string {
	for _, k := range o.Keys {
		if k.Column == column && k.Name != "" {
			return k.Name
		}
	}
	for _, w := range o.Writes {
		if w.Column == column && w.Name != "" {
			return w.Name
		}
	}
	if o.Stmt != nil {
		for _, p := range o.Stmt.Where {
			if normalizeColumn(p.Column) == column {
				return p.Column
			}
		}
	}
	return column
}
