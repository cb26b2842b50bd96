package checks

// Serializable transactions without a retry (RL007).

import (
	"fmt"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/catalog"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

// serializable decides RL007 for a transaction begun Serializable or
// Repeatable Read.
func (c *funcChecker) serializable(b *ops.Op) []report.Finding {
	var out []report.Finding
	if b.Watch {
		return out // Redis WATCH and MongoDB WithTransaction retry by design
	}
	if !b.TxMode.AbortsAt(b.Isolation) || c.retries(b) {
		return out
	}
	if b.Method.Store() == apimodel.StoreKeyValue {
		// go-redis Watch: optimistic, and run once. A caller whose EXEC
		// fails gets redis.TxFailedErr; that loses its write when the
		// write was computed from what it read (an increment), while a
		// checked transition only fails the caller that would have lost
		// the check anyway.
		if !c.writesWhatItRead(b.TxFunc) {
			return out
		}
		out = append(out, report.Finding{Rule: catalog.SerializableWithoutRetry, Write: b,
			Short:   fmt.Sprintf("%s runs a WATCH transaction that nothing retries", c.r.ShortCallName(b)),
			Message: fmt.Sprintf("%s runs its callback once: when another client changes a watched key before EXEC, EXEC fails with redis.TxFailedErr and nothing runs it again, so that caller's write is lost", c.r.CallName(b))})
		return out
	}
	level := "Serializable"
	if b.Isolation == apimodel.IsolationRepeatableRead {
		level = "Repeatable Read"
	}
	msg := fmt.Sprintf("%s begins a %s transaction but nothing retries it; under contention it fails with SQLSTATE 40001", c.r.CallName(b), level)
	if b.TxMode.ReadOnly {
		// The one read-only case that can still abort; DEFERRABLE waits
		// for a snapshot that cannot, which is cheaper than a retry loop.
		msg += "; being read-only, it can also be made DEFERRABLE, which cannot fail"
	}
	out = append(out, report.Finding{Rule: catalog.SerializableWithoutRetry, Write: b,
		Short:   fmt.Sprintf("%s begins a %s tx that nothing retries", c.r.ShortCallName(b), level),
		Message: msg})
	return out
}

// retries reports whether a serialization failure of the transaction b
// begins is retried: b runs in a loop, inside a function literal passed to
// a retry helper, the code around it looks at SQLSTATE 40001, or a caller
// retries the function (see package retries).
func (c *funcChecker) retries(b *ops.Op) bool {
	if flow.InLoop(b.Block()) {
		return true
	}
	for fn := c.f.Fn; fn != nil; fn = fn.Parent() {
		if mentionsSerializationFailure(fn) {
			return true
		}
		if fn.Parent() == nil {
			if obj, ok := fn.Object().(*types.Func); ok && c.retried.Retried(obj) {
				return true
			}
			break
		}
		if site := closureSite(fn); site != nil {
			if flow.InLoop(site.Block()) || retryNamed(site) {
				return true
			}
		}
	}
	if b.TxFunc != nil && mentionsSerializationFailure(b.TxFunc) {
		return true
	}
	if c.callersKnown {
		return false
	}
	// A package that tests for serialization failures anywhere (a
	// Retryable(err) helper next to the transaction) retries somewhere:
	// the loop may be in a caller in a package this driver does not show
	// us.
	for _, fn := range c.pkg.Funcs {
		if isRetryPredicate(fn) {
			return true
		}
	}
	return false
}

// writesWhatItRead reports whether the transaction callback fn writes a
// value computed from something it read (n+1 after GET n).
func (c *funcChecker) writesWhatItRead(fn *ssa.Function) bool {
	for _, f := range c.pkg.Funcs {
		if f.Fn != fn {
			continue
		}
		for _, w := range f.Ops {
			if !w.Kind.IsWrite() {
				continue
			}
			for _, a := range w.Writes {
				if a.Value == nil || a.Atomic {
					continue
				}
				for _, src := range f.Sources(a.Value) {
					if src.Op != w && src.Op.Kind == ops.Read && src.Kind == ops.Data {
						return true
					}
				}
			}
		}
	}
	return false
}

// isConflictSentinel reports whether k is a library's typed constant that
// says a transaction lost to a concurrent change (go-redis's TxFailedErr).
func isConflictSentinel(k *ssa.Const) bool {
	n, ok := types.Unalias(k.Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || k.Value == nil || k.Value.Kind() != constant.String {
		return false
	}
	return apimodel.ConstSentinel(n.Obj().Pkg().Path(), n.Obj().Name(), constant.StringVal(k.Value)) == apimodel.Conflict
}

// isRetryPredicate reports whether fn looks like a helper that classifies
// errors for a retry loop elsewhere (Retryable(err) bool): it mentions
// SQLSTATE 40001, begins no transaction and returns a bool.
func isRetryPredicate(f *ops.Func) bool {
	res := f.Fn.Signature.Results()
	if res.Len() != 1 || res.At(0).Type().Underlying().String() != "bool" {
		return false
	}
	for _, op := range f.Ops {
		if op.Kind == ops.Begin {
			return false
		}
	}
	return mentionsSerializationFailure(f.Fn)
}

// closureSite returns the call in fn's parent that receives fn as a
// function literal.
func closureSite(fn *ssa.Function) ssa.CallInstruction {
	for _, blk := range fn.Parent().Blocks {
		for _, instr := range blk.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			for _, ref := range *mc.Referrers() {
				if call, ok := ref.(ssa.CallInstruction); ok {
					return call
				}
			}
		}
	}
	return nil
}

func retryNamed(call ssa.CallInstruction) bool {
	return calleeNameContains(call, "retry", "backoff", "attempt")
}

// calleeNameContains reports whether the called function's or method's
// name contains one of words, ignoring case.
func calleeNameContains(call ssa.CallInstruction, words ...string) bool {
	name := ""
	if fn := call.Common().StaticCallee(); fn != nil {
		name = fn.Name()
	} else if call.Common().IsInvoke() {
		name = call.Common().Method.Name()
	}
	n := strings.ToLower(name)
	for _, w := range words {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func mentionsSerializationFailure(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var buf [16]*ssa.Value
			for _, p := range instr.Operands(buf[:0]) {
				if p == nil || *p == nil {
					continue
				}
				if k, ok := (*p).(*ssa.Const); ok {
					if isConflictSentinel(k) {
						return true // errors.Is(err, redis.TxFailedErr)
					}
					s := strings.ToLower(k.String())
					for _, code := range apimodel.SerializationFailureCodes {
						if strings.Contains(s, code) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}
