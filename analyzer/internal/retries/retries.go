// Package retries finds the functions that a caller runs again when they
// fail: RL007 asks whether a Serializable transaction is retried, and the
// loop that retries it is often in another function, even another package,
// than the BeginTx (a store that calls its driver's Apply until the driver
// says the error is not retryable).
//
// A call is retried when it is
//   - inside a loop that hands the error the call returned to a retry
//     predicate (`if err == nil || !d.IsRetryable(err) { return err }`), or
//     that tests a serialization-failure code itself; or
//   - inside a function literal passed to a retry helper
//     (`retry.Do(ctx, func() error { return s.drv.Apply(ctx, m) })`).
//
// The index is built from syntax and type information, so a driver that
// loads the whole program can build it for every package before any is
// analysed; facts could not carry it, since they flow from callee to
// caller only.
package retries

import (
	"go/ast"
	"go/types"
	"strings"
)

// Callees records the functions some loaded code retries.
type Callees struct {
	funcs   map[*types.Func]bool
	methods map[string][]*types.Func // interface methods, by name
}

// New returns an empty index.
func New() *Callees {
	return &Callees{funcs: map[*types.Func]bool{}, methods: map[string][]*types.Func{}}
}

// retryWords mark a function that decides or performs a retry by its name:
// IsRetryable, retriable, isSerializationFailure, isTransient, WithRetry.
var retryWords = []string{"retr", "serializ", "transient", "backoff"}

// Add indexes the retried calls in files, whose type information is info.
// It must not run concurrently with Retried.
func (c *Callees) Add(files []*ast.File, info *types.Info, codes []string) {
	if info == nil {
		return
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt:
				c.loop(n.Body, info, codes)
			case *ast.RangeStmt:
				c.loop(n.Body, info, codes)
			case *ast.CallExpr:
				if fn := calleeOf(n, info); fn != nil && named(fn.Name(), retryWords) {
					for _, a := range n.Args {
						if lit, ok := a.(*ast.FuncLit); ok {
							c.errorCalls(lit.Body, info, func(*ast.CallExpr, types.Object) bool { return true })
						}
					}
				}
			}
			return true
		})
	}
}

// loop indexes the calls of a loop body whose error the loop tests for a
// retry.
func (c *Callees) loop(body *ast.BlockStmt, info *types.Info, codes []string) {
	if mentionsCode(body, codes) {
		c.errorCalls(body, info, func(*ast.CallExpr, types.Object) bool { return true })
		return
	}
	tested := map[types.Object]bool{} // error variables handed to a retry predicate
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if fn := calleeOf(call, info); fn != nil && named(fn.Name(), retryWords) {
			for _, a := range call.Args {
				if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] != nil {
					tested[info.Uses[id]] = true
				}
			}
		}
		return true
	})
	if len(tested) == 0 {
		return
	}
	c.errorCalls(body, info, func(_ *ast.CallExpr, errVar types.Object) bool { return tested[errVar] })
}

// errorCalls adds the callees of `err = f(...)` and `v, err := f(...)` in
// body (outside nested function literals) for which keep holds.
func (c *Callees) errorCalls(body *ast.BlockStmt, info *types.Info, keep func(*ast.CallExpr, types.Object) bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			// retry.Do(func() error { return s.drv.Apply(ctx, m) })
			for _, r := range n.Results {
				if call, ok := ast.Unparen(r).(*ast.CallExpr); ok && keep(call, nil) {
					c.add(call, info)
				}
			}
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			for _, l := range n.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				obj := info.ObjectOf(id)
				if obj != nil && isError(obj.Type()) && keep(call, obj) {
					c.add(call, info)
				}
			}
		}
		return true
	})
}

func (c *Callees) add(call *ast.CallExpr, info *types.Info) {
	fn := calleeOf(call, info)
	if fn == nil {
		return
	}
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil && types.IsInterface(recv.Type()) {
		c.methods[fn.Name()] = append(c.methods[fn.Name()], fn)
		return
	}
	c.funcs[fn.Origin()] = true
}

// Retried reports whether some indexed code retries fn: it calls fn
// itself, or an interface method that fn implements.
func (c *Callees) Retried(fn *types.Func) bool {
	if c == nil || fn == nil {
		return false
	}
	fn = fn.Origin()
	if c.funcs[fn] {
		return true
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	for _, m := range c.methods[fn.Name()] {
		iface, ok := m.Type().(*types.Signature).Recv().Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		if types.Implements(t, iface) || types.Implements(types.NewPointer(t), iface) {
			return true
		}
	}
	return false
}

func calleeOf(call *ast.CallExpr, info *types.Info) *types.Func {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr: // a generic function instantiated explicitly
		if sel, ok := f.X.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else if x, ok := f.X.(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

func named(name string, words []string) bool {
	n := strings.ToLower(name)
	for _, w := range words {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// mentionsCode reports whether body spells one of the serialization
// failure codes in a string literal (`pgErr.Code == "40001"`).
func mentionsCode(body *ast.BlockStmt, codes []string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && named(lit.Value, codes) {
			found = true
		}
		return !found
	})
	return found
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
