package ops

// Dispatch: from a call to the operation its library role says it is.

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

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
	switch m.Role {
	case apimodel.RoleBegin, apimodel.RoleTxFunc:
		iso, mode := txOptions(arg(c, m, m.Opts))
		if iso == apimodel.IsolationDefault && mode == (apimodel.TxMode{}) {
			if fiso, fmode, ok := f.pkg.fieldTxOptionsOf(arg(c, m, m.Opts)); ok {
				iso, mode = fiso, fmode // db.BeginTx(ctx, s.opts), set in a constructor
			}
		}
		op := &Op{Kind: Begin, Call: c, Method: m, Isolation: iso, TxMode: mode}
		if m.Role == apimodel.RoleTxFunc {
			if mc, ok := arg(c, m, m.Func).(*ssa.MakeClosure); ok {
				op.TxFunc, _ = mc.Fn.(*ssa.Function)
			} else if fn, ok := arg(c, m, m.Func).(*ssa.Function); ok {
				op.TxFunc = fn
			}
		}
		op.Handle = f.handle(receiver(c))
		switch {
		case m.Retries:
			op.Isolation, op.Watch = apimodel.IsolationSerializable, true
		case m.Optimistic:
			op.Isolation = apimodel.IsolationSerializable // retried only if the caller retries
		}
		return op
	}
	if build := builders[m.Builder()]; build != nil && m.Role.RunsStatement() {
		return build(f, c, m)
	}
	return nil
}

// A builder turns a call of one library's API that runs a statement
// (Role.RunsStatement) into its operation, or nil when the call is not
// one after all. The registry says which builder a method's library has
// (apimodel.Library.Builder); the role is generic, and the builder reads
// the library's own way of naming table, rows and values (SQL text, a
// query chain, a filter document). Transactions are built above for every
// library alike; chains, observers and result accessors are read by the
// dataflow.
type builder func(f *Func, c ssa.CallInstruction, m apimodel.Method) *Op

var builders = map[apimodel.Builder]builder{
	apimodel.BuilderSQL:      (*Func).sqlCallOp,
	apimodel.BuilderGORM:     (*Func).gormCallOp,
	apimodel.BuilderXorm:     (*Func).xormOp,
	apimodel.BuilderPop:      (*Func).popOp,
	apimodel.BuilderBun:      (*Func).bunOp,
	apimodel.BuilderEnt:      (*Func).entOp,
	apimodel.BuilderSquirrel: (*Func).sqOp,
	apimodel.BuilderDbx:      (*Func).dbxOp,
	apimodel.BuilderKeyValue: (*Func).kvOp,
	apimodel.BuilderDocument: (*Func).docOp,
	apimodel.BuilderBeego:    (*Func).beegoOp,
	apimodel.BuilderGoqu:     (*Func).goquOp,
}

// sqlCallOp builds the operations of the calls that carry SQL text.
func (f *Func) sqlCallOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	switch m.Role {
	case apimodel.RoleQuery, apimodel.RoleExec, apimodel.RoleGet, apimodel.RoleSelect:
		return f.sqlOp(c, m, arg(c, m, m.SQL), argList(c, m, m.Args))
	case apimodel.RoleStmt:
		sqlArg := f.preparedSQL(receiver(c))
		if sqlArg == nil {
			return nil
		}
		return f.sqlOp(c, m, sqlArg, argList(c, m, m.Args))
	}
	return nil
}

// gormCallOp builds GORM's finishers, and its Exec as SQL text.
func (f *Func) gormCallOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	if m.Role.CarriesSQL() {
		return f.sqlCallOp(c, m)
	}
	return f.gormOp(c, m)
}

// txOptions reads the isolation level and the access modes out of a
// transaction options value (*sql.TxOptions or pgx.TxOptions, built as a
// composite literal, possibly outside the closure that begins the
// transaction).
func txOptions(v ssa.Value) (iso apimodel.Isolation, mode apimodel.TxMode) {
	if v == nil {
		return iso, mode
	}
	if elems, ok := flow.VariadicArgs(v); ok {
		// GORM's Begin/Transaction take ...*sql.TxOptions.
		if len(elems) == 0 {
			return iso, mode
		}
		v = elems[0]
	}
	v = flow.Strip(v)
	if l, ok := v.(*ssa.UnOp); ok && l.Op.String() == "*" {
		v = l.X
	}
	for i := 0; i < 4; i++ {
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			break
		}
		// opts built outside the closure that begins the transaction:
		// the closure captures the variable, a cell holding the pointer.
		v = flow.Strip(flow.Captured(fv))
		if stored := flow.SoleStore(v); stored != nil {
			v = flow.Strip(stored)
		}
	}
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return iso, mode
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		name := flow.FieldName(alloc.Type(), fa.Field)
		field, isMode := apimodel.TxModeFields[name]
		if !apimodel.IsolationFields[name] && !isMode {
			continue
		}
		for _, r := range *fa.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok {
				continue
			}
			c, ok := flow.Strip(st.Val).(*ssa.Const)
			if !ok || c.Value == nil {
				continue
			}
			val := c.Value.ExactString()
			if c.Value.Kind() == constant.String {
				val = constant.StringVal(c.Value)
			}
			switch {
			case apimodel.IsolationFields[name]:
				iso = apimodel.IsolationOf(val)
			case val == field.Value && field.Deferrable:
				mode.Deferrable = true
			case val == field.Value:
				mode.ReadOnly = true
			}
		}
	}
	return iso, mode
}

// isTimeNow reports whether v is a call of time.Now (possibly followed by
// a method such as UTC) or of a function that returns a clock reading
// (unix.Now()), which writes a timestamp rather than a decision.
func (f *Func) isTimeNow(v ssa.Value) bool {
	for i := 0; i < 4; i++ {
		v = flow.Strip(v)
		if t := v.Type(); t != nil && isTimeType(t) {
			return true
		}
		if c, ok := v.(*ssa.Call); ok {
			if callee := c.Call.StaticCallee(); callee != nil {
				if fn, ok := callee.Object().(*types.Func); ok && f.pkg.IsClock(fn) {
					return true
				}
			}
		}
		if l, ok := v.(*ssa.UnOp); ok && l.Op == token.MUL {
			// m.LastActive = unix.Now(); UpdateColumn("last_active",
			// m.LastActive): what the store put there.
			if st := f.killingStore(l); st != nil {
				v = st.Val
				continue
			}
			return false
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
	return apimodel.IsTimeType(t)
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
func (f *Func) bindSummary(c ssa.CallInstruction, s *Summary, args []ssa.Value) {
	f.bindTxCallbacks(args, c, s)
	ops := f.boundOps(c, s, args)
	for _, op := range ops {
		if op != nil {
			f.Ops = append(f.Ops, op)
		}
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
