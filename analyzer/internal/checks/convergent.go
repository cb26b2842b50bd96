package checks

// Convergent writes: a check-then-write whose every interleaving ends in
// the same state, with nothing else depending on who won, is not a race.
// Two requests that both see `verified = false` and both set it to true
// leave the row as one would; two that both see an expired session and
// both delete it leave it deleted. What makes "record the first open" a
// race is not the write but what the winner does besides it (a webhook, a
// "first!" result) or a value that differs per winner (the first open's
// time overwritten by the second's), so both are looked at.

import (
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
)

// convergent reports whether write w, guarded by check ch, converges: it
// stores what every caller would store, and the code that runs only
// because the check passed does nothing else a caller could observe.
func (c *funcChecker) convergent(ch check, w *ops.Op) bool {
	if !c.convergentValues(ch, w) {
		return false
	}
	guarded, branch := flow.Guards(ch.cond.Block(), w.Block())
	if !guarded {
		return false
	}
	entry := ch.cond.Block().Succs[branch]
	if len(entry.Preds) != 1 {
		return false // the region is entered from elsewhere too: too loose to judge
	}
	return c.nothingDependsOnWinning(entry, w)
}

// convergentValues reports whether every caller that passes the check
// writes the same thing, and that thing ends what the check tested for:
// a delete (the row is gone whoever deletes it); the checked column set
// to the value that fails the check again (if x != v { x = v }, a
// boolean flag set by a check of the flag, NULL restored after a non-NULL
// check, a last-seen time refreshed after a staleness check, but not a
// first-time stamp written after a NULL check, which the second caller
// overwrites); other columns set to constants or the current time. A
// constant status that is not what the check tested for (pending, then
// running) clobbers whatever transition ran in between: not convergent.
func (c *funcChecker) convergentValues(ch check, w *ops.Op) bool {
	switch w.Kind {
	case ops.Delete:
		return true
	case ops.Update:
	default:
		return false
	}
	writes := w.Writes
	if w.WritesAll && w.Object != nil {
		// session.LastUsed = now; persister.Update(session): the fields
		// set are what changes; the others are written back as read,
		// the same for every caller.
		writes = c.f.StoredFields(w.Object)
	} else if w.WritesAll {
		return false
	}
	if len(writes) == 0 || w.Upsert {
		return false
	}
	for _, a := range writes {
		constant := a.Literal != "" || (a.Value != nil && isConst(flow.Strip(a.Value)))
		switch {
		case a.Atomic:
			return false // n = n + 1 twice is not n = n + 1 once
		case a.Column != ch.column:
			if !constant && !a.Now {
				return false // a value of this caller's (an owner, a token)
			}
		case a.Now:
			if nullness(ch) {
				return false // the first time, overwritten by the second caller's
			}
		case c.writesComparedValue(ch, w):
		case constant && flagTest(ch):
		case constant && nullness(ch) && writesNull(a):
		default:
			return false
		}
	}
	return true
}

// flagTest reports whether the check is the boolean column itself, or
// its negation (if !u.Verified): any constant written to it is the one
// value that fails the check again.
func flagTest(ch check) bool {
	cond := flow.Strip(ch.cond.Cond)
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		cond = flow.Strip(u.X)
	}
	switch cond.(type) {
	case *ssa.BinOp, *ssa.Call, *ssa.Phi:
		return false
	}
	return true
}

func writesNull(a ops.Assign) bool {
	if a.Literal == "null" {
		return true
	}
	k, ok := flow.Strip(a.Value).(*ssa.Const)
	return ok && k.IsNil()
}

// nullness reports whether the check tests its column for NULL (a nil
// comparison or a Valid field).
func nullness(ch check) bool {
	cond := flow.Strip(ch.cond.Cond)
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		cond = flow.Strip(u.X)
	}
	switch x := cond.(type) {
	case *ssa.BinOp:
		for _, v := range []ssa.Value{x.X, x.Y} {
			if k, ok := v.(*ssa.Const); ok && k.IsNil() {
				return true
			}
		}
	case *ssa.Field:
		return flow.FieldName(x.X.Type(), x.Field) == "Valid"
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok {
			return flow.FieldName(fa.X.Type(), fa.Field) == "Valid"
		}
	}
	return false
}

// effectFree are the standard packages whose functions only compute (or
// log): calling them in the guarded region does not make anything depend
// on winning.
var effectFree = map[string]bool{
	"fmt": true, "errors": true, "strings": true, "strconv": true, "time": true, "math": true,
	"bytes": true, "sort": true, "slices": true, "maps": true, "unicode/utf8": true, "context": true,
	"log": true, "log/slog": true,
}

// nothingDependsOnWinning reports whether the blocks entry dominates (the
// code that runs because the check passed) hold nothing but the write, its
// error handling, effect-free computation and stores into the function's
// own memory, and the function returns what the losing caller gets too.
func (c *funcChecker) nothingDependsOnWinning(entry *ssa.BasicBlock, w *ops.Op) bool {
	fn := entry.Parent()
	region := map[*ssa.BasicBlock]bool{}
	for _, b := range fn.Blocks {
		if entry.Dominates(b) {
			region[b] = true
		}
	}
	opOf := map[ssa.CallInstruction]*ops.Op{}
	for _, op := range c.f.Ops {
		opOf[op.Call] = op
	}
	for b := range region {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Go, *ssa.Send:
				return false
			case ssa.CallInstruction:
				if !c.harmlessCall(x, w, opOf) {
					return false
				}
			case *ssa.Store:
				if root, _ := flow.Root(x.Addr); !local(x.Addr) && (w.Object == nil || root != w.Object) {
					return false // the record w writes back is set for w
				}
			case *ssa.MapUpdate:
				if !local(x.Map) {
					return false
				}
			}
		}
	}
	failed := entry.Preds[0].Succs[0]
	if failed == entry {
		failed = entry.Preds[0].Succs[1]
	}
	after := map[*ssa.BasicBlock]bool{} // where the region goes on to
	for b := range region {
		for _, s := range b.Succs {
			if !region[s] {
				maps.Copy(after, reachable(s, region))
			}
		}
	}
	return sameResults(fn, region, reachable(failed, region), after)
}

// reachable returns the blocks reachable from b without entering region.
func reachable(b *ssa.BasicBlock, region map[*ssa.BasicBlock]bool) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || region[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return seen
}

// harmlessCall reports whether call, in the guarded region, leaves
// nothing depending on winning: the write itself, a library call that
// runs no statement (a chain, a result accessor, Commit), an error's
// method, an effect-free standard function or a clock reading.
func (c *funcChecker) harmlessCall(call ssa.CallInstruction, w *ops.Op, opOf map[ssa.CallInstruction]*ops.Op) bool {
	if op := opOf[call]; op != nil {
		return op == w || op.Kind == ops.Read
	}
	com := call.Common()
	var fn *types.Func
	if com.IsInvoke() {
		fn = com.Method
		if fn.Name() == "Error" && types.Identical(com.Value.Type(), types.Universe.Lookup("error").Type()) {
			return true
		}
	} else if callee := com.StaticCallee(); callee != nil {
		if callee.Object() != nil {
			fn, _ = callee.Object().(*types.Func)
		}
		if callee.Parent() != nil {
			return false // a closure: what it does is not looked into
		}
	} else if _, ok := com.Value.(*ssa.Builtin); ok {
		return true
	}
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if m, ok := c.pkg.Model.Lookup(fn); ok {
		return !m.Role.RunsStatement()
	}
	return effectFree[fn.Pkg().Path()] || c.pkg.IsClock(fn)
}

// local reports whether addr is memory this function allocated.
func local(addr ssa.Value) bool {
	root, _ := flow.Root(flow.Strip(addr))
	switch root.(type) {
	case *ssa.Alloc, *ssa.MakeMap:
		return true
	}
	return false
}

// sameResults reports whether the returns in region (the check passed)
// and those in failed (the check failed: the caller that lost) give the
// same results: the same constants at each position both ways, the
// write's own error, and values computed before the check (on the losing
// side, an error from before it). A loser that
// gets ErrNotPending while every racing caller gets nil, or a "first!"
// flag only the winner returns, makes the result depend on winning.
func sameResults(fn *ssa.Function, region, failed, after map[*ssa.BasicBlock]bool) bool {
	var won, lost []*ssa.Return
	errType := types.Universe.Lookup("error").Type()
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			switch {
			case region[b]:
				won = append(won, ret)
			case failed[b] && after[b]:
				// Both sides go on to it (the region merges back into the
				// code the loser runs): the same return, unless a result
				// carries what the region did (first = true).
				if !sharedResults(ret, region, failed, after, errType) {
					return false
				}
			case failed[b]:
				lost = append(lost, ret)
			case after[b]:
				won = append(won, ret)
			}
		}
	}
	if failsEveryone(won, errType) {
		// Every caller that passes the check ends in an error (an
		// expired session deleted, then ErrExpired): none goes on as
		// the winner, so none can tell it won.
		return true
	}
	for _, ret := range won {
		for i, v := range ret.Results {
			v = flow.Strip(v)
			switch {
			case isConst(v):
				if !returns(lost, i, v) {
					return false
				}
			case types.Identical(v.Type(), errType):
				// The write's error: the loser's write fails alike.
			default:
				if in, ok := v.(ssa.Instruction); ok && region[in.Block()] {
					return false // computed because the check passed
				}
			}
		}
	}
	for _, ret := range lost {
		for i, v := range ret.Results {
			v = flow.Strip(v)
			if k, ok := v.(*ssa.Const); ok && k.IsNil() && types.Identical(v.Type(), errType) {
				continue // nil, as the winner's write returns when it succeeds
			}
			if in, ok := v.(ssa.Instruction); ok && types.Identical(v.Type(), errType) && !failed[in.Block()] && !region[in.Block()] {
				continue // an error from before the check (a bare return of err), the same whoever wins
			}
			if !isConst(v) || !returns(won, i, v) {
				return false // ErrNotPending, or a value only the loser gets
			}
		}
	}
	return true
}

// sharedResults reports whether a return both the winner and the loser
// reach gives them the same results: a value set before the check, the
// write's own error (the loser's write fails alike) or nil, and a phi of
// such errors or of one value. A result only one side computes (first =
// true in the region, err = ErrGone on the loser's side) depends on
// winning.
func sharedResults(ret *ssa.Return, region, failed, after map[*ssa.BasicBlock]bool, errType types.Type) bool {
	isErr := func(v ssa.Value) bool { return types.Identical(v.Type(), errType) }
	same := func(v ssa.Value) bool {
		v = flow.Strip(v)
		if k, ok := v.(*ssa.Const); ok {
			return k.IsNil() && isErr(v)
		}
		in, ok := v.(ssa.Instruction)
		switch {
		case !ok:
			return true // a parameter, a global's address
		case region[in.Block()]:
			return isErr(v)
		case failed[in.Block()] && !after[in.Block()]:
			return false
		}
		return true
	}
	for _, v := range ret.Results {
		v = flow.Strip(v)
		phi, ok := v.(*ssa.Phi)
		if !ok {
			if !same(v) {
				return false
			}
			continue
		}
		for _, e := range phi.Edges {
			if !flow.Equivalent(e, phi.Edges[0]) && !(isErr(v) && same(e)) {
				return false
			}
		}
	}
	return true
}

// failsEveryone reports whether each of rets returns a non-nil error as
// its last result: a sentinel (a package-level error variable), a new
// error (errors.New, fmt.Errorf), or an error the return is guarded by a
// test of against nil (if err != nil { return nil, err }).
func failsEveryone(rets []*ssa.Return, errType types.Type) bool {
	if len(rets) == 0 {
		return false
	}
	for _, ret := range rets {
		if len(ret.Results) == 0 {
			return false
		}
		v := flow.Strip(ret.Results[len(ret.Results)-1])
		if !types.Identical(v.Type(), errType) || !nonNilError(v, ret.Block()) {
			return false
		}
	}
	return true
}

// nonNilError reports whether the error v, returned in block b, is
// surely non-nil there.
func nonNilError(v ssa.Value, b *ssa.BasicBlock) bool {
	switch x := v.(type) {
	case *ssa.UnOp:
		if _, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return true // a sentinel: var ErrExpired = errors.New(...)
		}
	case *ssa.Call:
		if fn := x.Call.StaticCallee(); fn != nil && fn.Pkg != nil {
			switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
			case "errors.New", "fmt.Errorf":
				return true
			}
		}
	}
	// if v != nil { ... return v }: b is dominated by the branch where v
	// is not nil.
	for d := b; d != nil; d = d.Idom() {
		if len(d.Preds) != 1 {
			continue
		}
		pred := d.Preds[0]
		ifs, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := flow.Strip(ifs.Cond).(*ssa.BinOp)
		if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
			continue
		}
		tested := cmp.X
		if k, ok := flow.Strip(tested).(*ssa.Const); ok && k.IsNil() {
			tested = cmp.Y
		} else if k, ok := flow.Strip(cmp.Y).(*ssa.Const); !ok || !k.IsNil() {
			continue
		}
		nonNil := pred.Succs[0] // v != nil: the true branch
		if cmp.Op == token.EQL {
			nonNil = pred.Succs[1]
		}
		if nonNil == d && flow.Equivalent(flow.Strip(tested), v) {
			return true
		}
	}
	return false
}

func isConst(v ssa.Value) bool {
	_, ok := v.(*ssa.Const)
	return ok
}

// returns reports whether one of rets gives the constant k at result i.
func returns(rets []*ssa.Return, i int, k ssa.Value) bool {
	want := k.(*ssa.Const).Value
	for _, ret := range rets {
		if i >= len(ret.Results) {
			continue
		}
		if c, ok := flow.Strip(ret.Results[i]).(*ssa.Const); ok && (c.Value == nil) == (want == nil) &&
			(want == nil || flow.SameConstant(c.Value, want)) {
			return true
		}
	}
	return false
}
