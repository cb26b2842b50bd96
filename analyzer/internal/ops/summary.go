package ops

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// Summary says what a function does to the database, in terms of its
// parameters and results, so that a call to it can stand for the
// operations inside. It is plain data: the facts package exports it
// across packages (gob-encoded, so no maps and no SSA or types objects).
type Summary struct {
	Ops     []OpSummary
	Results []ResultSummary
	// TxCallbacks are the function-valued parameters the function calls
	// inside a transaction it began itself: an in-house unit of work
	// (`WithinTx(ctx, fn)`, `uow.Do(ctx, func(r Repos) error)`). What the
	// callback does runs in that transaction.
	TxCallbacks []TxCallback
	File        string // the function's file, where its operations' Line and Col are
}

// TxCallback is a parameter called inside the function's transaction.
type TxCallback struct {
	Param     int
	Isolation apimodel.Isolation
	Mode      apimodel.TxMode
	Retries   bool // the transaction is retried on serialization failure
}

// Param refers to a parameter of the summarised function; Index counts
// the receiver of a method as parameter 0, as SSA does. Index < 0 means
// none.
type Param struct {
	Index int
	Path  []string // fields selected from the parameter (arg.ID)
}

// OpSummary is one operation of a summarised function.
type OpSummary struct {
	Kind      Kind
	Table     string
	Name      string
	Keys      []KeySummary
	Writes    []WriteSummary
	WritesAll bool
	// WritesFrom, with WritesAll, is the parameter whose map keys or set
	// fields are the columns written: a caller passing a literal
	// (Update(id, map[string]any{"password": p})) names them.
	WritesFrom *Param
	Excludes   []KeySummary // user_uid <> ?: the row the statement leaves out
	State      []string
	Cutoffs    []string
	Object     Param // the parameter holding the model object, if any
	Fills      []Param
	Flags
	// CountReturned: the affected-row count leaves the function in a
	// result, so deciding on it is the caller's job.
	CountReturned bool

	// Deferred statements: the SQL is the caller's argument SQLParam, its
	// arguments the variadic argument ArgsParam, run by Method.
	SQLParam  int
	ArgsParam int
	ArgParams []Param // when ArgsParam is -1: the statement's arguments, parameter by parameter
	Method    apimodel.Method

	// Store is the kind of database the operation goes to, for the advice
	// given where the summarised function is called.
	Store apimodel.Store

	Handle    Param // the parameter the operation runs on (a *sql.Tx, a *gorm.DB...)
	Tx        bool  // it runs in a transaction the caller passed in
	Isolation apimodel.Isolation
	Line, Col int // position of the call inside the function (in Summary.File), for messages
	// OnlyIf, when set, is a bool parameter the operation runs under
	// (`if forUpdate { ... FOR UPDATE ... }`): a call passing the
	// constant opposite of OnlyIfValue does not run it.
	OnlyIf      *Param
	OnlyIfValue bool
	// LockIf, for a read, is the bool parameter that decides whether the
	// function locked the row before reading it; the read is locking when
	// the parameter holds LockIfValue.
	LockIf      *Param
	LockIfValue bool
}

// KeySummary is a WHERE equality bound to a parameter or a literal.
type KeySummary struct {
	Column  string
	Name    string // the column as the code spells it, for messages
	Param   Param
	Literal string
}

// WriteSummary is a written column bound to a parameter, if any.
type WriteSummary struct {
	Column string
	Name   string // the column as the code spells it, for messages
	Param  Param
	Atomic bool
	Now    bool
}

// ResultSummary says that result Index of the function carries what
// operation Op observed.
type ResultSummary struct {
	Index  int
	Op     int
	Kind   SourceKind
	Column string
}

// Summaries supplies the summaries of called functions and the error
// variables that mean "not found" in other packages.
type Summaries interface {
	Summary(fn *types.Func) *Summary
	NotFoundVar(v *types.Var) bool
	// Clock reports whether fn returns a reading of the clock
	// (unix.Now(), utils.GetMillis()): what it returns is a timestamp.
	Clock(fn *types.Func) bool
}

// callersMemory reports whether p names memory the caller owns: a
// pointer or interface parameter, or a field path below one.
func callersMemory(fn *ssa.Function, p Param) bool {
	if p.Index < 0 || p.Index >= len(fn.Params) {
		return false
	}
	switch fn.Params[p.Index].Type().Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// paramOf binds v to a parameter of fn: the parameter itself, or a
// parameter seen through boxing and field selection (req.ID binds req).
func paramOf(fn *ssa.Function, v ssa.Value) Param {
	var path []string
	for i := 0; i < 8 && v != nil; i++ {
		v = flow.Strip(v)
		switch x := v.(type) {
		case *ssa.Parameter:
			for j, p := range fn.Params {
				if p == x {
					return Param{Index: j, Path: reversed(path)}
				}
			}
			return Param{Index: -1}
		case *ssa.FreeVar:
			// A function literal's captured variables come after its
			// parameters: its call site binds them to the closure's
			// bindings.
			for j, fv := range fn.FreeVars {
				if fv == x {
					return Param{Index: len(fn.Params) + j, Path: reversed(path)}
				}
			}
			return Param{Index: -1}
		case *ssa.Field:
			path = append(path, flow.FieldName(x.X.Type(), x.Field))
			v = x.X
		case *ssa.FieldAddr:
			path = append(path, flow.FieldName(x.X.Type(), x.Field))
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return Param{Index: -1}
			}
			v = x.X
		case *ssa.Alloc:
			// A parameter spilled to memory so that its fields can be
			// addressed: the alloc's only store is the parameter.
			v = spilledParam(x)
			if v == nil {
				return Param{Index: -1}
			}
		default:
			return Param{Index: -1}
		}
	}
	return Param{Index: -1}
}

// lockedEarlier records in os whether f locked r's row before reading
// it: a locking read earlier in f on the same handle and key (a helper
// that runs SELECT ... FOR UPDATE, whose table SQL built at run time may
// leave unnamed, and then reads the row again through the ORM). Under a
// bool parameter (if forUpdate), the lock is the caller's choice; a read
// whose own lock a bool argument decides passes that on.
func (f *Func) lockedEarlier(r *Op, os *OpSummary) {
	if r.LockIf != nil {
		if p := paramOf(f.Fn, r.LockIf); p.Index >= 0 && len(p.Path) == 0 {
			os.LockIf, os.LockIfValue = &p, r.LockIfValue
		}
		return
	}
	for _, l := range f.Ops {
		if l == r || l.Kind != Read || !l.Locking || (l.Table != "" && l.Table != r.Table) || !l.Before(r) {
			continue
		}
		if l.Handle.Value == nil || r.Handle.Value == nil || !flow.Equivalent(l.Handle.Value, r.Handle.Value) || !sameKeys(l, r) {
			continue
		}
		if p, value, ok := f.boolParamGuard(l); ok {
			os.LockIf, os.LockIfValue = &p, value
		} else {
			os.Locking = true
		}
		return
	}
}

// sameKeys reports whether a and b name their row by equivalent values.
func sameKeys(a, b *Op) bool {
	for _, ak := range a.Keys {
		for _, bk := range b.Keys {
			if ak.Value != nil && bk.Value != nil && flow.Equivalent(ak.Value, bk.Value) {
				return true
			}
		}
	}
	return false
}

// boolParamGuard reports the bool parameter of f, tested directly by an
// if, on one side of which alone op runs, and that side's value.
func (f *Func) boolParamGuard(op *Op) (Param, bool, bool) {
	for _, cond := range f.Ifs {
		p, ok := cond.Cond.(*ssa.Parameter)
		if !ok || !isBool(p.Type()) {
			continue
		}
		if guarded, branch := flow.Guards(cond.Block(), op.Call.Block()); guarded {
			if pp := paramOf(f.Fn, p); pp.Index >= 0 {
				return pp, branch == 0, true
			}
		}
	}
	return Param{}, false, false
}

// convertedParam binds a record built from a parameter by a conversion
// helper of the package (`db.Save(fromDomain(u))`, the adapter mapping a
// domain entity to its table model) to that parameter: the record the
// caller passed is what is written.
func convertedParam(fn *ssa.Function, v ssa.Value) Param {
	c, ok := flow.Strip(v).(*ssa.Call)
	if !ok || len(c.Call.Args) != 1 || !isStructish(c) {
		return Param{Index: -1}
	}
	callee := c.Call.StaticCallee()
	if callee == nil || callee.Pkg != fn.Pkg || !isStructish(c.Call.Args[0]) {
		return Param{Index: -1}
	}
	if p := paramOf(fn, c.Call.Args[0]); p.Index >= 0 && len(p.Path) == 0 {
		return p
	}
	return Param{Index: -1}
}

// storedFields are the columns f stored into the fields of the record
// rooted at obj before handing it to a summarised insert
// (`Create(ctx, &domain.User{Email: email})`): what the insert writes.
func (f *Func) storedFields(obj ssa.Value) []Assign {
	var out []Assign
	for _, st := range f.store[obj] {
		if _, path := flow.Root(st.Addr); len(path) == 1 {
			out = append(out, Assign{Column: normalizeColumn(path[0]), Name: path[0], Value: flow.Strip(st.Val), Now: f.isTimeNow(st.Val)})
		}
	}
	return out
}

// StoredFields are the fields f sets in the record rooted at obj, as
// the columns a whole-record write of it changes (the others it writes
// back as read).
func (f *Func) StoredFields(obj ssa.Value) []Assign { return f.storedFields(obj) }

func spilledParam(alloc *ssa.Alloc) ssa.Value {
	var p *ssa.Parameter
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			param, ok := st.Val.(*ssa.Parameter)
			if !ok || p != nil {
				return nil
			}
			p = param
		}
	}
	if p == nil {
		return nil
	}
	return p
}

// selectPath returns the value of the fields path of v: what the caller
// stored there (queries.Params{ID: id} binds ID to id; feed.URL = u binds
// URL to u). When nothing was stored, a key falls back to v itself, which
// still carries v's dataflow (the row it was read from), while a written
// value is unknown: writing back a field as it was read computes nothing.
func (f *Func) selectPath(v ssa.Value, path []string, written bool) ssa.Value {
	if len(path) == 0 {
		return v
	}
	base := flow.Strip(v)
	if l, ok := base.(*ssa.UnOp); ok && l.Op == token.MUL {
		base = l.X
	}
	root, prefix := flow.Root(base)
	want := append(append([]string(nil), prefix...), path...)
	var found ssa.Value
	for _, st := range f.store[root] {
		if _, p := flow.Root(st.Addr); equalPaths(p, want) {
			found = flow.Strip(st.Val)
		}
	}
	switch {
	case found != nil:
		return found
	case written:
		return nil
	}
	return v
}

// Summarize describes f for its callers; nil when f touches no database.
// Operations on a transaction f begins itself are left out: they commit
// before f returns, so they take no part in the caller's transaction.
func (f *Func) Summarize(fset *token.FileSet) *Summary {
	s, _ := f.summarize(fset)
	return s
}

// summarize builds the summary and returns, for each summarised
// operation, the call it stands for in f.
func (f *Func) summarize(fset *token.FileSet) (*Summary, []ssa.CallInstruction) {
	s := &Summary{}
	var calls []ssa.CallInstruction
	index := map[*Op]int{}
	for _, op := range f.Ops {
		if op.Kind == Begin {
			continue
		}
		os := OpSummary{
			Kind: op.Kind, Table: op.Table, Name: op.Name, WritesAll: op.WritesAll,
			State: op.State, Cutoffs: op.Cutoffs, Flags: op.Flags,
			Object: Param{Index: -1}, Handle: Param{Index: -1}, Isolation: op.Handle.Isolation,
			SQLParam: -1, ArgsParam: -1, Store: op.Store(),
		}
		if op.Kind == Deferred {
			os.SQLParam, os.ArgsParam, os.ArgParams, os.Method = op.SQLParam, op.ArgsParam, op.ArgParams, op.Method
		}
		if op.WritesAll && op.WritesFrom != nil {
			if p := paramOf(f.Fn, op.WritesFrom); p.Index >= 0 {
				os.WritesFrom = &p
			}
		}
		if fset != nil {
			if p := fset.Position(op.Call.Pos()); p.IsValid() {
				s.File, os.Line, os.Col = p.Filename, p.Line, p.Column
			}
		}
		for _, k := range op.Keys {
			ks := KeySummary{Column: k.Column, Name: k.Name, Literal: k.Literal, Param: Param{Index: -1}}
			if k.Value != nil {
				ks.Param = paramOf(f.Fn, k.Value)
				if ks.Param.Index < 0 {
					continue // bound to something the caller cannot see
				}
			}
			os.Keys = append(os.Keys, ks)
		}
		for _, k := range op.Excludes {
			if p := paramOf(f.Fn, k.Value); p.Index >= 0 {
				os.Excludes = append(os.Excludes, KeySummary{Column: k.Column, Name: k.Name, Param: p})
			}
		}
		for _, w := range op.Writes {
			ws := WriteSummary{Column: w.Column, Name: w.Name, Atomic: w.Atomic, Now: w.Now, Param: Param{Index: -1}}
			if w.Value != nil {
				ws.Param = paramOf(f.Fn, w.Value)
			}
			os.Writes = append(os.Writes, ws)
		}
		if op.Object != nil {
			os.Object = paramOf(f.Fn, op.Object)
			if os.Object.Index < 0 {
				os.Object = convertedParam(f.Fn, op.Object)
			}
			if op.Kind == FirstOrCreate && !callersMemory(f.Fn, os.Object) {
				// FirstOrCreate(&t) on a struct parameter passed by value
				// works on the callee's copy: the callee's race, not the
				// caller's (RL006 reports pass-through adapters at callers).
				os.Object = Param{Index: -1}
			}
		}
		for root, fills := range f.fills {
			for _, fl := range fills {
				if fl.op == op && len(fl.path) == 0 {
					if p := paramOf(f.Fn, root); p.Index >= 0 {
						os.Fills = append(os.Fills, p)
					}
				}
			}
		}
		sort.Slice(os.Fills, func(i, j int) bool { return os.Fills[i].Index < os.Fills[j].Index })
		if h := op.Handle; h.Value != nil {
			if h.Tx && h.Begin != nil && h.Begin.Call.Parent() == f.Fn {
				continue // f's own transaction
			}
			os.Handle = paramOf(f.Fn, h.Value)
			os.Tx = h.Tx && os.Handle.Index >= 0
		}
		if p, value, ok := f.boolParamGuard(op); ok {
			os.OnlyIf, os.OnlyIfValue = &p, value
		}
		if op.Kind == Read && !op.Locking {
			f.lockedEarlier(op, &os)
		}
		index[op] = len(s.Ops)
		s.Ops = append(s.Ops, os)
		calls = append(calls, op.reportCall())
	}
	s.TxCallbacks = f.txCallbacks()
	if len(s.Ops) == 0 && len(s.TxCallbacks) == 0 {
		return nil, nil
	}
	for _, b := range f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, v := range ret.Results {
			if r, ok := f.foundFlag(b, v, index); ok {
				r.Index = i
				s.Results = append(s.Results, r)
				continue
			}
			if r, ok := f.verdict(b, v, index); ok {
				r.Index = i
				s.Results = append(s.Results, r)
			}
			for _, src := range f.Sources(v) {
				j, ok := index[src.Op]
				if !ok {
					continue
				}
				kind := src.Kind
				if kind == Data && isError(v.Type()) {
					// An error built from what was read (fmt.Errorf("job
					// is %s", job.Status)) is still an error to callers.
					kind = Err
				}
				s.Results = append(s.Results, ResultSummary{Index: i, Op: j, Kind: kind, Column: src.Column})
				// A deferred statement's kind is only known at the call
				// site, so any result of it but the error may be its count.
				if kind == Count || (src.Op.Kind == Deferred && kind != Err) {
					s.Ops[j].CountReturned = true
				}
			}
		}
	}
	s.Results = dedupeResults(s.Results)
	return s, calls
}

// foundFlag reports whether v, returned by block b, is a constant bool
// that says whether a read found its row: `return nil, false, nil` on the
// not-found side of a check on what a read returned.
func (f *Func) foundFlag(b *ssa.BasicBlock, v ssa.Value, index map[*Op]int) (ResultSummary, bool) {
	if c, ok := v.(*ssa.Const); !ok || !isBool(c.Type()) {
		return ResultSummary{}, false
	}
	return f.decidedBy(b, index, func(k SourceKind) bool { return k == NotFound })
}

// verdict reports whether v, returned by block b, is an error the
// function makes up because of what a read returned: `if used { return
// ErrUsed }` in a validate helper. Its callers' `if err != nil` then
// checks that state, as if the helper's check were theirs.
func (f *Func) verdict(b *ssa.BasicBlock, v ssa.Value, index map[*Op]int) (ResultSummary, bool) {
	if !isError(v.Type()) || !madeUpError(v) {
		return ResultSummary{}, false
	}
	return f.decidedBy(b, index, func(k SourceKind) bool { return k == Data || k == NotFound })
}

// decidedBy finds a check on what an operation of index returned, of a
// kind accepted, that decides whether block b runs.
func (f *Func) decidedBy(b *ssa.BasicBlock, index map[*Op]int, accept func(SourceKind) bool) (ResultSummary, bool) {
	for _, cond := range f.Ifs {
		for _, src := range f.Sources(cond.Cond) {
			j, ok := index[src.Op]
			if !ok || !accept(src.Kind) || !dominates(src.Op.Call, cond) {
				continue // not what was read: a check before the read (if user.Id == 0) looks at the argument
			}
			if guarded, _ := flow.Guards(cond.Block(), b); guarded {
				return ResultSummary{Op: j, Kind: src.Kind, Column: src.Column}, true
			}
		}
	}
	return ResultSummary{}, false
}

// madeUpError reports whether v is an error the function itself makes: a
// package-level error variable, or errors.New / fmt.Errorf without a
// wrapped error argument.
func madeUpError(v ssa.Value) bool {
	switch x := flow.Strip(v).(type) {
	case *ssa.UnOp:
		_, ok := x.X.(*ssa.Global)
		return ok && x.Op == token.MUL
	case *ssa.Call:
		fn := x.Call.StaticCallee()
		if fn == nil || fn.Pkg == nil {
			return false
		}
		switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
		case "errors.New":
			return true
		case "fmt.Errorf":
			for _, a := range x.Call.Args[1:] {
				if elems, ok := flow.VariadicArgs(a); ok {
					for _, e := range elems {
						if isError(flow.Strip(e).Type()) {
							return false // wraps another error
						}
					}
				}
			}
			return true
		}
	}
	return false
}

func dedupeResults(in []ResultSummary) []ResultSummary {
	seen := map[ResultSummary]bool{}
	var out []ResultSummary
	for _, r := range in {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Index != b.Index {
			return a.Index < b.Index
		}
		if a.Op != b.Op {
			return a.Op < b.Op
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Column < b.Column
	})
	return out
}

// NotFoundErrors returns the package-level error variables f returns when
// a read found nothing (`if errors.Is(err, sql.ErrNoRows) { return nil,
// ErrNotFound }`), so that callers comparing with them make not-found
// checks.
func (f *Func) NotFoundErrors() []*types.Var {
	var out []*types.Var
	for _, b := range f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, v := range ret.Results {
			g := globalLoad(v)
			if g == nil {
				g = wrappedGlobal(v) // fmt.Errorf("user %s: %w", email, ErrNotFound)
			}
			if g == nil || !isError(v.Type()) {
				continue
			}
			if f.guardedByNotFound(b) {
				if obj, ok := g.Object().(*types.Var); ok {
					out = append(out, obj)
				}
			}
		}
	}
	return out
}

func globalLoad(v ssa.Value) *ssa.Global {
	l, ok := flow.Strip(v).(*ssa.UnOp)
	if !ok || l.Op != token.MUL {
		return nil
	}
	g, _ := l.X.(*ssa.Global)
	return g
}

// wrappedGlobal returns the package-level error variable fmt.Errorf
// wraps in v (`fmt.Errorf("...: %w", ErrNotFound)`), if any: errors.Is
// finds it through the wrapping.
func wrappedGlobal(v ssa.Value) *ssa.Global {
	c, ok := flow.Strip(v).(*ssa.Call)
	if !ok {
		return nil
	}
	fn := c.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "fmt" || fn.Name() != "Errorf" || len(c.Call.Args) != 2 {
		return nil
	}
	format, ok := flow.ConstString(c.Call.Args[0])
	if !ok || !strings.Contains(format, "%w") {
		return nil
	}
	elems, _ := flow.VariadicArgs(c.Call.Args[1])
	for _, e := range elems {
		if g := globalLoad(e); g != nil && isError(g.Type().(*types.Pointer).Elem()) {
			return g
		}
	}
	return nil
}

// guardedByNotFound reports whether block b runs only on the not-found
// side of a check.
func (f *Func) guardedByNotFound(b *ssa.BasicBlock) bool {
	for _, cond := range f.Ifs {
		if branch, ok := f.notFoundTest(cond.Cond); ok {
			// A translation helper (`if errors.Is(err, sql.ErrNoRows) {
			// return domain.ErrNotFound }` on a parameter): the error's
			// origin does not matter, the comparison says what it means.
			if guarded, side := flow.Guards(cond.Block(), b); guarded && side == branch {
				return true
			}
			continue
		}
		for _, s := range f.Sources(cond.Cond) {
			if s.Kind != NotFound && s.Kind != Err {
				continue
			}
			if guarded, _ := flow.Guards(cond.Block(), b); guarded {
				return true
			}
		}
	}
	return false
}

// txCallbacks finds the function-valued parameters f runs inside a
// transaction of its own: called after f began it (`tx := db.Begin();
// fn(ctx, tx)`), or handed to a library call that runs its callback in a
// transaction (`return db.Transaction(fn)`).
func (f *Func) txCallbacks() []TxCallback {
	var out []TxCallback
	add := func(p *ssa.Parameter, begin *Op) {
		if !takesWork(p.Type()) {
			return // now func() time.Time called inside: not the transaction's work
		}
		for i, q := range f.Fn.Params {
			if q == p && !slices.ContainsFunc(out, func(t TxCallback) bool { return t.Param == i }) {
				out = append(out, TxCallback{Param: i, Isolation: begin.Isolation, Mode: begin.TxMode, Retries: begin.Watch})
			}
		}
	}
	for _, begin := range f.Ops {
		if begin.Kind != Begin || begin.Call.Parent() != f.Fn {
			continue
		}
		if begin.Method.Role == apimodel.RoleTxFunc {
			fnArg := arg(begin.Call, begin.Method, begin.Method.Func)
			if begin.Summarized {
				// Another unit of work: Func counts as the summary's parameters.
				fnArg = nil
				if args := callArgs(begin.Call); begin.Method.Func < len(args) {
					fnArg = args[begin.Method.Func]
				}
			}
			if p, ok := fnArg.(*ssa.Parameter); ok {
				add(p, begin)
			}
			for _, p := range f.paramsCalledIn(begin.TxFunc) {
				add(p, begin) // db.Transaction(func(tx) error { return fn(wrap(tx)) })
			}
			continue
		}
		from := begin.Call.Block()
		for _, b := range f.Fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok || c.Common().IsInvoke() {
					continue
				}
				p, ok := c.Common().Value.(*ssa.Parameter)
				if !ok || !from.Dominates(b) || (b == from && !before(begin.Call, c)) {
					continue
				}
				add(p, begin)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Param < out[j].Param })
	return out
}

// takesWork reports whether t is a function that is given something to
// work on: a context, a handle, or a value that is not a plain number or
// string (the repositories built on the transaction). A unit of work
// hands its callback the transaction in one of these forms; a clock or a
// logger it also calls is given nothing of the sort.
func takesWork(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if _, basic := sig.Params().At(i).Type().Underlying().(*types.Basic); !basic {
			return true
		}
	}
	return false
}

// paramsCalledIn returns the parameters of f that lit, a function literal
// of f, calls through the variables it captured them in.
func (f *Func) paramsCalledIn(lit *ssa.Function) []*ssa.Parameter {
	if lit == nil || lit.Parent() != f.Fn {
		return nil
	}
	mc := makeClosureOf(f.Fn, lit)
	if mc == nil {
		return nil
	}
	var out []*ssa.Parameter
	for _, b := range lit.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok || c.Common().IsInvoke() {
				continue
			}
			v := c.Common().Value
			if l, ok := v.(*ssa.UnOp); ok && l.Op == token.MUL {
				v = l.X // captured by reference
			}
			fv, ok := v.(*ssa.FreeVar)
			if !ok {
				continue
			}
			for i, x := range lit.FreeVars {
				if x != fv || i >= len(mc.Bindings) {
					continue
				}
				bound := mc.Bindings[i]
				if alloc, ok := bound.(*ssa.Alloc); ok {
					bound = f.singleStore(alloc)
				}
				if p, ok := bound.(*ssa.Parameter); ok {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// before reports whether instruction a comes before b in their block.
func before(a, b ssa.Instruction) bool {
	for _, instr := range a.Block().Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// bindTxCallbacks makes each function literal or function that call c
// hands to a summarised unit of work the callback of a transaction, as
// if c were a library's db.Transaction(fn).
func (f *Func) bindTxCallbacks(args []ssa.Value, c ssa.CallInstruction, s *Summary) {
	for _, cb := range s.TxCallbacks {
		if cb.Param >= len(args) {
			continue
		}
		var fn *ssa.Function
		switch a := flow.Strip(args[cb.Param]).(type) {
		case *ssa.MakeClosure:
			fn, _ = a.Fn.(*ssa.Function)
		case *ssa.Function:
			fn = a
		}
		if fn == nil {
			continue
		}
		f.Ops = append(f.Ops, &Op{fn: f, Kind: Begin, Call: c, TxFunc: fn, Isolation: cb.Isolation, TxMode: cb.Mode, Watch: cb.Retries,
			Summarized: true, Method: apimodel.Method{Name: calleeName(c), Role: apimodel.RoleTxFunc, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: cb.Param}})
	}
}

// callArgs returns a call's arguments with the receiver of an interface
// call first, numbered as the callee's SSA parameters.
func callArgs(c ssa.CallInstruction) []ssa.Value {
	com := c.Common()
	if com.IsInvoke() {
		return append([]ssa.Value{com.Value}, com.Args...)
	}
	return com.Args
}

// boundOps instantiates a summary's operations at call c with args bound
// to the summary's parameters.
func (f *Func) boundOps(c ssa.CallInstruction, s *Summary, args []ssa.Value) []*Op {
	bind := func(p Param) ssa.Value {
		if p.Index < 0 || p.Index >= len(args) {
			return nil
		}
		return f.selectPath(flow.Strip(args[p.Index]), p.Path, false)
	}
	var out []*Op
	for _, os := range s.Ops {
		if os.OnlyIf != nil && os.OnlyIf.Index < len(args) {
			if c, ok := flow.Strip(args[os.OnlyIf.Index]).(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value) != os.OnlyIfValue {
				out = append(out, nil) // find(ctx, tx, id, false): the locking read does not run
				continue
			}
		}
		if os.Kind == Deferred {
			out = append(out, f.deferredOp(c, s, os, bind, args))
			continue
		}
		flags := os.Flags
		var lockIf ssa.Value
		if os.LockIf != nil && os.LockIf.Index < len(args) {
			a := flow.Strip(args[os.LockIf.Index])
			if c, ok := a.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool {
				flags.Locking = constant.BoolVal(c.Value) == os.LockIfValue
			} else {
				lockIf = a // decided by this function's caller
			}
		}
		tbl, name := instantiatedModel(c, os.Table, os.Name)
		op := &Op{
			fn:   f,
			Kind: os.Kind, Call: c, Table: tbl, Name: name, WritesAll: os.WritesAll,
			State: os.State, Cutoffs: os.Cutoffs, Flags: flags, CountHandedBack: os.CountReturned, LockIf: lockIf, LockIfValue: os.LockIfValue,
			Summarized: true, Where: where(s, os), via: os.Store,
			Method: apimodel.Method{Name: calleeName(c), SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1},
		}
		for _, k := range os.Keys {
			key := Key{Column: k.Column, Name: k.Name, Literal: k.Literal}
			if k.Param.Index >= 0 {
				if key.Value = bind(k.Param); key.Value == nil {
					continue
				}
			}
			op.Keys = append(op.Keys, key)
		}
		for _, k := range os.Excludes {
			if v := bind(k.Param); v != nil {
				op.Excludes = append(op.Excludes, Key{Column: k.Column, Name: k.Name, Value: v})
			}
		}
		for _, w := range os.Writes {
			var val ssa.Value
			var field *FieldRef
			if w.Param.Index >= 0 && w.Param.Index < len(args) {
				val = f.selectPath(flow.Strip(args[w.Param.Index]), w.Param.Path, true)
				if len(w.Param.Path) == 0 && w.Column != "" && isStructish(val) {
					// SetStatus(ctx, q) writing q's status column: what the
					// caller stored in that field (q.Status = Deleted).
					val = f.selectColumn(val, w.Column)
				}
				if val == nil && len(w.Param.Path) > 0 {
					field = &FieldRef{Base: flow.Strip(args[w.Param.Index]), Path: w.Param.Path}
				}
			}
			op.Writes = append(op.Writes, Assign{Column: w.Column, Name: w.Name, Value: val, Atomic: w.Atomic, Now: w.Now, Field: field})
		}
		if p := os.WritesFrom; p != nil && p.Index < len(args) {
			if from := f.selectPath(flow.Strip(args[p.Index]), p.Path, true); from != nil {
				if fields := f.literalFields(from); fields != nil {
					op.Writes, op.WritesAll = fields, false // Update(id, map[string]any{"password": p})
				} else {
					op.WritesFrom = from
				}
			}
		}
		if v := bind(os.Object); v != nil {
			op.Object, _ = flow.Root(v)
			if op.Kind == Insert && len(op.Writes) == 0 {
				op.Writes = f.storedFields(op.Object)
			}
		}
		if v := bind(os.Handle); v != nil {
			op.Handle = f.handle(v)
			if !os.Tx && !apimodel.IsTxType(v.Type()) && op.Handle.Begin == nil && (op.Handle.Value == nil || !isTxValue(op.Handle.Value)) {
				op.Handle.Tx = false
			}
		}
		out = append(out, op)
	}
	return out
}

func calleeName(c ssa.CallInstruction) string {
	if fn := callee(c); fn != nil {
		return fn.Name()
	}
	return "call"
}

func reversed(path []string) []string {
	for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
		path[l], path[r] = path[r], path[l]
	}
	return path
}

// deferredOp resolves a deferred statement at a call site that passes
// constant SQL; nil when the SQL is not constant here either.
func (f *Func) deferredOp(c ssa.CallInstruction, s *Summary, os OpSummary, bind func(Param) ssa.Value, args []ssa.Value) *Op {
	if os.SQLParam < 0 || os.SQLParam >= len(args) {
		return nil
	}
	text, ok := f.sqlText(args[os.SQLParam])
	if !ok {
		return nil
	}
	var qargs []ssa.Value
	if os.ArgsParam >= 0 && os.ArgsParam < len(args) {
		qargs, _ = flow.VariadicArgs(args[os.ArgsParam])
	}
	for _, p := range os.ArgParams {
		qargs = append(qargs, bind(p))
	}
	op := f.statementOp(c, os.Method, text, qargs)
	if op == nil {
		return nil
	}
	op.fn, op.Summarized, op.Where = f, true, where(s, os)
	op.CountHandedBack = os.CountReturned
	op.Method.Name = calleeName(c)
	if v := bind(os.Handle); v != nil {
		op.Handle = f.handle(v)
	}
	return op
}

// instantiatedModel resolves the model of a generic repository's
// operation at a call of one of its instances: Repository[Job].Get reads
// jobs. Other tables are returned unchanged.
func instantiatedModel(c ssa.CallInstruction, tbl, name string) (string, string) {
	rest, ok := strings.CutPrefix(tbl, typeParamModel)
	if !ok {
		return tbl, name
	}
	i, err := strconv.Atoi(rest)
	fn := c.Common().StaticCallee()
	if err != nil || fn == nil || i >= len(fn.TypeArgs()) {
		return tbl, name
	}
	if n := modelName(fn.TypeArgs()[i]); n != "" && !strings.HasPrefix(n, typeParamModel) {
		return table(n), n
	}
	return tbl, name
}

// where renders an operation's position as "file:line:col", or "".
func where(s *Summary, os OpSummary) Posn {
	return Posn{File: s.File, Line: os.Line, Col: os.Col}
}

func isStructish(v ssa.Value) bool {
	if v == nil {
		return false
	}
	t := v.Type().Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
	}
	_, ok := t.(*types.Struct)
	return ok
}

// selectColumn returns the value the caller stored into the field of the
// object v that maps to column, or nil when it stored none (the field is
// written back as it was).
func (f *Func) selectColumn(v ssa.Value, column string) ssa.Value {
	base := flow.Strip(v)
	if l, ok := base.(*ssa.UnOp); ok && l.Op == token.MUL {
		base = l.X
	}
	root, prefix := flow.Root(base)
	var found ssa.Value
	for _, st := range f.store[root] {
		_, p := flow.Root(st.Addr)
		if len(p) == len(prefix)+1 && equalPaths(p[:len(prefix)], prefix) && normalizeColumn(p[len(prefix)]) == column {
			found = flow.Strip(st.Val)
		}
	}
	return found
}
