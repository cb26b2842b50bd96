package checks

// Findings whose read and write an in-process lock spans become RL008
// (in-process-lock) when they are emitted.

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/catalog"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

// emit reports the findings a decider returned. A finding whose read and
// write a sync.Mutex spans becomes RL008 here, the one place that decides
// it.
func (c *funcChecker) emit(findings []report.Finding) {
	for _, f := range findings {
		c.emitOne(f)
	}
}

func (c *funcChecker) emitOne(f report.Finding) {
	c.reported[f.Write] = true
	switch f.Rule {
	case catalog.CheckThenUpdate, catalog.CheckThenInsert, catalog.LostUpdate, catalog.TxWithoutLock:
		if f.Read == nil {
			break
		}
		if lock, held := c.inProcessLock(f.Read, f.Write); held {
			// A sync.Mutex held from the read to the write serialises this
			// process only; RL008 (off by default) says so instead.
			f.Message = fmt.Sprintf("%s is held across the read and the write, which serialises one process only (%s %s)", lock, f.Rule, f.Message)
			f.Short = fmt.Sprintf("%s serialises one process only", lock)
			f.Rule, f.Fixes = catalog.InProcessLock, nil
		}
	}
	c.r.Add(f)
}

// inProcessLock returns the in-process lock (sync.Mutex, a keyed lock: any
// Lock method whose receiver also has Unlock), as the source writes it,
// that is taken before r and not released between r and w. A lock that
// covers only the write protects nothing and is ignored.
func (c *funcChecker) inProcessLock(r, w *ops.Op) (lock string, held bool) {
	for _, b := range c.f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !isLockCall(call, "Lock") {
				continue
			}
			if !(call.Block() == r.Block() && flow.Index(call) < flow.Index(r.Call)) && !call.Block().Dominates(r.Block()) {
				continue
			}
			recv := lockReceiver(call)
			if c.unlockedBetween(recv, r, w) {
				continue
			}
			return lockText(call), true
		}
	}
	return "", false
}

// unlockedBetween reports whether recv is unlocked after r and before w.
func (c *funcChecker) unlockedBetween(recv ssa.Value, r, w *ops.Op) bool {
	for _, b := range c.f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call) // a deferred Unlock runs at return
			if !ok || !isLockCall(call, "Unlock") || !flow.Equivalent(lockReceiver(call), recv) {
				continue
			}
			if c.f.ReachesInstr(r.Call, call) && c.f.ReachesInstr(call, w.Call) {
				return true
			}
		}
	}
	return false
}

// isLockCall reports whether call is a method name of a type that also has
// Unlock (sync.Mutex, sync.RWMutex, keyed mutexes).
func isLockCall(call *ssa.Call, name string) bool {
	var recv types.Type
	switch {
	case call.Call.IsInvoke():
		if call.Call.Method.Name() != name {
			return false
		}
		recv = call.Call.Value.Type()
	default:
		fn := call.Call.StaticCallee()
		if fn == nil || fn.Name() != name || fn.Signature.Recv() == nil {
			return false
		}
		recv = fn.Signature.Recv().Type()
	}
	ms := types.NewMethodSet(recv)
	if _, isPtr := recv.Underlying().(*types.Pointer); !isPtr {
		ms = types.NewMethodSet(types.NewPointer(recv))
	}
	return ms.Lookup(nil, "Unlock") != nil || lookupExported(ms, "Unlock")
}

func lookupExported(ms *types.MethodSet, name string) bool {
	for i := 0; i < ms.Len(); i++ {
		if ms.At(i).Obj().Name() == name {
			return true
		}
	}
	return false
}

func lockReceiver(call *ssa.Call) ssa.Value {
	if call.Call.IsInvoke() {
		return call.Call.Value
	}
	if len(call.Call.Args) > 0 {
		return call.Call.Args[0]
	}
	return nil
}

func lockText(call *ssa.Call) string {
	if fn := call.Call.StaticCallee(); fn != nil && fn.Signature.Recv() != nil {
		return "the " + apimodel.TypeName(fn.Signature.Recv().Type()) + " lock"
	}
	return "an in-process lock"
}
