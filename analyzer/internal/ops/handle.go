package ops

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// Handle is the connection or transaction an operation runs on.
type Handle struct {
	Value     ssa.Value // the root value: a Begin call, a parameter, a field load
	Tx        bool      // it is a transaction
	Begin     *Op       // the Begin that started it, when seen
	Isolation apimodel.Isolation
}

// SameTx reports whether two operations provably run in one transaction.
func SameTx(a, b Handle) bool {
	return a.Tx && b.Tx && a.Value != nil && b.Value != nil && flow.Equivalent(a.Value, b.Value)
}

// handle resolves the handle a call runs on.
func (f *Func) handle(v ssa.Value) Handle {
	root := f.handleRoot(v)
	h := Handle{Value: root}
	if root == nil {
		return h
	}
	switch r := root.(type) {
	case *ssa.Call:
		if op := f.byVal[r]; op != nil && op.Kind == Begin {
			h.Tx, h.Begin, h.Isolation = true, op, op.Isolation
		}
	case *ssa.Parameter:
		if begin := f.pkg.txFuncs[r.Parent()]; begin != nil {
			h.Tx, h.Begin, h.Isolation = true, begin, begin.Isolation
		}
	case *ssa.Field, *ssa.UnOp:
		// r.Orders in `uow.Do(ctx, func(ctx, r Repos) error {...})`: a
		// repository the unit of work built on its transaction and handed
		// to the callback.
		if p, ok := f.fieldBase(r).(*ssa.Parameter); ok {
			if begin := f.pkg.txFuncs[p.Parent()]; begin != nil && begin.Summarized {
				h.Tx, h.Begin, h.Isolation = true, begin, begin.Isolation
			}
		}
	}
	if !h.Tx {
		// xorm: sess.Begin() makes the session itself the transaction.
		for _, op := range f.Ops {
			if op.Kind == Begin && op.Method.InPlace && op.Handle.Value == root {
				h.Tx, h.Begin, h.Isolation = true, op, op.Isolation
			}
		}
	}
	if !h.Tx && isTxValue(root) {
		h.Tx = true
	}
	return h
}

// isTxValue reports whether a handle root is a transaction by its type:
// a *sql.Tx, or the call of the application's own BeginTx (a lock
// wrapper, a tracing helper) whose result is one even though we cannot
// see the Begin that made it.
func isTxValue(root ssa.Value) bool {
	if c, ok := root.(*ssa.Call); ok && returnsTx(c) {
		return true
	}
	return apimodel.IsTxType(root.Type())
}

// handleRoot follows a handle back to where it was made: through GORM
// chain calls, the tuple of a Begin call, and local variables stored once.
func (f *Func) handleRoot(v ssa.Value) ssa.Value {
	return f.handleRootDepth(v, 0)
}

func (f *Func) handleRootDepth(v ssa.Value, depth int) ssa.Value {
	if depth > 8 {
		return v
	}
	for i := 0; i < 32 && v != nil; i++ {
		v = flow.Strip(v)
		switch x := v.(type) {
		case *ssa.Extract:
			v = x.Tuple
		case *ssa.Call:
			m, ok := f.model.Lookup(callee(x))
			if ok && m.Role == apimodel.RoleChain {
				v = receiver(x)
				continue
			}
			if h := f.carriedHandle(x); !ok && h != nil {
				v = h
				continue
			}
			return x
		case *ssa.UnOp:
			if x.Op.String() != "*" {
				return x
			}
			if fa, ok := x.X.(*ssa.FieldAddr); ok && flow.Embedded(fa.X.Type(), fa.Field) {
				// sqlx.Tx embeds *sql.Tx: tx.ExecContext runs on tx.
				v = fa.X
				continue
			}
			alloc, ok := x.X.(*ssa.Alloc)
			if !ok {
				return x
			}
			stored := f.singleStore(alloc)
			if stored == nil {
				return x
			}
			v = stored
		case *ssa.Alloc:
			// A variable a closure captures (`defer func() {
			// tx.TX.Rollback() }()`) lives in memory: chains reach
			// its address, and the handle is what was stored there once.
			stored := f.singleStore(x)
			if stored == nil {
				return x
			}
			v = stored
		case *ssa.Field:
			if !flow.Embedded(x.X.Type(), x.Field) {
				return x
			}
			v = x.X
		case *ssa.Phi:
			var first ssa.Value
			for _, e := range x.Edges {
				if e == x {
					continue
				}
				r := f.handleRootDepth(e, depth+1)
				if first == nil {
					first = r
				} else if r != first {
					return x
				}
			}
			return first
		default:
			return v
		}
	}
	return v
}

// singleStore returns the value stored into a local variable when it is
// stored exactly once.
func (f *Func) singleStore(alloc *ssa.Alloc) ssa.Value {
	var val ssa.Value
	for _, st := range f.store[alloc] {
		if st.Addr != alloc {
			continue
		}
		if val != nil {
			return nil
		}
		val = st.Val
	}
	return val
}

// observed finds the read operation a row, rows value or result comes
// from (db.QueryRow(...) for row.Scan, rows for pgx.CollectOneRow).
func (f *Func) observed(v ssa.Value) *Op {
	for i := 0; i < 16 && v != nil; i++ {
		v = flow.Strip(v)
		if op := f.byVal[v]; op != nil {
			return op
		}
		if rs := f.results[v]; len(rs) > 0 {
			return rs[0].op // a wrapper returning the *sql.Row it ran
		}
		switch x := v.(type) {
		case *ssa.Extract:
			if rs := f.results[x.Tuple]; len(rs) > 0 {
				for _, r := range rs {
					if r.index == x.Index {
						return r.op
					}
				}
			}
			v = x.Tuple
		case *ssa.FieldAddr:
			// cmd.Err() is (*baseCmd).Err on &cmd.baseCmd.
			if !flow.Embedded(x.X.Type(), x.Field) {
				return nil
			}
			v = x.X
		case *ssa.UnOp:
			alloc, ok := x.X.(*ssa.Alloc)
			if !ok || x.Op.String() != "*" {
				return nil
			}
			v = f.singleStore(alloc)
		case *ssa.Phi:
			if len(x.Edges) == 0 {
				return nil
			}
			v = x.Edges[0]
		default:
			return nil
		}
	}
	return nil
}

// observer is a call that observes what an operation read or wrote:
// row.Scan, rows.Next, result.RowsAffected, pgx.CollectOneRow.
type observer struct {
	op   *Op
	role apimodel.Role
}

// recordScan registers observation calls and the memory they fill.
func (f *Func) recordScan(c ssa.CallInstruction) {
	if op := f.opOfCall(c); op != nil {
		if op.Method.Role == apimodel.RoleRead && op.Method.Args >= 0 {
			// bun Scan(ctx, &a), squirrel Scan(&a, &b): the destinations,
			// or the model the chain named. Positional ones take the
			// selected columns in order, like Row.Scan.
			dests := argList(c, op.Method, op.Method.Args)
			if len(dests) == 0 && op.Object != nil {
				dests = []ssa.Value{op.Object}
			}
			positional := op.Method.Positional && op.Stmt != nil && len(dests) == len(op.Stmt.Columns)
			for k, d := range dests {
				root, path := flow.Root(flow.Strip(d))
				col := ""
				if positional && op.Stmt.Columns[k] != "*" {
					col = normalizeColumn(op.Stmt.Columns[k])
				}
				f.fills[root] = append(f.fills[root], fill{op: op, at: c, path: path, column: col, exists: existenceColumn(col)})
			}
			return
		}
		if op.Method.Dest >= 0 && op.Kind != Insert && op.Kind != Update && op.Kind != Delete {
			if dest := arg(c, op.Method, op.Method.Dest); dest != nil {
				root, path := flow.Root(flow.Strip(dest))
				fl := fill{op: op, at: c, path: path}
				// Get(&n, "SELECT counter ..."): a single column names what
				// a scalar destination holds. Pluck names it itself.
				if op.Stmt != nil && len(op.Stmt.Columns) == 1 && op.Stmt.Columns[0] != "*" {
					fl.column = normalizeColumn(op.Stmt.Columns[0])
				}
				if op.Method.Field >= 0 { // Pluck("col", &dest)
					if col, ok := flow.ConstString(arg(c, op.Method, op.Method.Field)); ok {
						fl.column = normalizeColumn(col)
					}
				}
				if op.Method.Role == apimodel.RoleCount {
					fl.column, fl.exists = "count(*)", true
				}
				fl.exists = fl.exists || existenceColumn(fl.column)
				f.fills[root] = append(f.fills[root], fl)
			}
		}
		return
	}
	m, ok := f.model.Lookup(callee(c))
	if !ok {
		return
	}
	switch m.Role {
	case apimodel.RoleScan, apimodel.RoleNext, apimodel.RoleAffected, apimodel.RoleResult:
	default:
		return
	}
	src := receiver(c)
	if m.Recv == "" {
		src = arg(c, m, 0)
	}
	op := f.observed(src)
	if op == nil {
		return
	}
	if v, ok := c.(ssa.Value); ok {
		f.observers[v] = observer{op: op, role: m.Role}
	}
	if m.Role == apimodel.RoleResult {
		// Decode(&e), Scan(&v), All(ctx, &docs): the destination.
		if dest := arg(c, m, m.Dest); dest != nil {
			root, path := flow.Root(flow.Strip(dest))
			f.fills[root] = append(f.fills[root], fill{op: op, at: c, path: path})
		}
		return
	}
	if m.Role != apimodel.RoleScan || m.Args < 0 {
		return
	}
	dests := argList(c, m, m.Args)
	// Positional columns name scanned variables only when every column
	// has its own destination; StructScan(&e) maps by field name instead.
	positional := op.Stmt != nil && len(dests) == len(op.Stmt.Columns)
	for k, d := range dests {
		root, path := flow.Root(flow.Strip(d))
		col := ""
		if positional && op.Stmt.Columns[k] != "*" {
			col = normalizeColumn(op.Stmt.Columns[k])
		}
		f.fills[root] = append(f.fills[root], fill{op: op, at: c, path: path, column: col, exists: existenceColumn(col)})
	}
}

// existenceColumn reports whether a scanned SELECT column only says
// whether rows exist: count(*), exists(...), a literal 1 or true.
func existenceColumn(col string) bool {
	switch {
	case col == "1", col == "true", strings.HasPrefix(col, "count("), strings.HasPrefix(col, "exists("):
		return true
	}
	return false
}

func (f *Func) opOfCall(c ssa.CallInstruction) *Op {
	for _, op := range f.Ops {
		if op.Call == c {
			return op
		}
	}
	return nil
}

// carriedHandle returns the handle a call of the application's own code
// hands back wrapped: the one library handle among its arguments
// (`NewUserPersister(tx)`, `q.WithTx(tx)`, `p.OrdersOn(tx)` through an
// interface), or the context it picks a transaction from (`func (r *Repo)
// conn(ctx) DBTX { if tx, ok := ctx.Value(txKey{}).(pgx.Tx); ok { return
// tx }; return r.pool }`). Operations on what it returns run on that
// handle or on that context's transaction, so it stands for their handle:
// a repository built inside a unit of work runs in the unit's
// transaction. nil for other calls.
func (f *Func) carriedHandle(c *ssa.Call) ssa.Value {
	com := c.Call
	var pkg *types.Package
	var body *ssa.Function
	switch {
	case com.IsInvoke():
		pkg = com.Method.Pkg()
	case com.StaticCallee() != nil && com.StaticCallee().Pkg != nil:
		body = com.StaticCallee()
		pkg = body.Pkg.Pkg
	}
	if pkg == nil || apimodel.LibraryIDOf(pkg) != apimodel.LibNone || apimodel.IsOpaque(pkg.Path()) {
		return nil
	}
	if returnsTx(c) {
		return nil // beginTx(db) makes a transaction of its own; it is not db
	}
	var handle, ctx ssa.Value
	handles, contexts := 0, 0
	for _, a := range com.Args {
		// gen.New(tx) boxes tx into the generated DBTX interface: the
		// handle is what was boxed.
		switch t := a.Type(); {
		case f.model.IsHandle(t):
			handle, handles = a, handles+1
		case f.model.IsHandle(flow.Strip(a).Type()):
			handle, handles = flow.Strip(a), handles+1
		case isContext(t):
			ctx, contexts = a, contexts+1
		}
	}
	switch {
	case handles == 1:
		return handle
	case handles == 0 && contexts == 1:
		if body != nil && len(body.Blocks) > 0 && !readsContextValue(body, 2) {
			return nil // the helper does not look into the context
		}
		return ctx
	}
	return nil
}

// returnsTx reports whether a call returns a transaction handle.
func returnsTx(c *ssa.Call) bool {
	if t, ok := c.Type().(*types.Tuple); ok {
		for i := 0; i < t.Len(); i++ {
			if apimodel.IsTxType(t.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return apimodel.IsTxType(c.Type())
}

// readsContextValue reports whether fn, or a function it calls within
// depth static calls, asks a context for a value.
func readsContextValue(fn *ssa.Function, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			com := c.Common()
			if com.IsInvoke() && com.Method.Name() == "Value" && isContext(com.Value.Type()) {
				return true
			}
			if callee := com.StaticCallee(); callee != nil && depth > 0 && callee != fn && readsContextValue(callee, depth-1) {
				return true
			}
		}
	}
	return false
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool { return apimodel.IsNamed(t, "context", "Context") }

// fieldBase follows field selections and loads (r.Orders, (*r).Orders)
// down to the value they select from, through a local variable stored
// once (a struct parameter whose field is addressed).
func (f *Func) fieldBase(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		switch x := v.(type) {
		case *ssa.Field:
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			v = x.X
		case *ssa.Alloc:
			if v = f.singleStore(x); v == nil {
				return x
			}
		default:
			return v
		}
	}
	return v
}
