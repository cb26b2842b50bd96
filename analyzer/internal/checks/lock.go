package checks

// Findings whose read and write an in-process lock spans become RL008
// (in-process-lock) when they are emitted.

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/callers"
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
		} else if lock, held := c.callerLocks[c.f.Fn]; held {
			f.Message = fmt.Sprintf("%s is held by every caller of %s, which serialises one process only (%s %s)", lock, c.f.Fn.Name(), f.Rule, f.Message)
			f.Short = fmt.Sprintf("%s, held by every caller, serialises one process only", lock)
			f.Rule, f.Fixes = catalog.InProcessLock, nil
		}
	}
	c.r.Add(f)
}

// inProcessLock returns the in-process lock (sync.Mutex, a keyed lock: any
// Lock method whose receiver also has Unlock), as the source writes it,
// that is taken before r and not released before w. A lock that covers
// only the write protects nothing and is ignored.
func (c *funcChecker) inProcessLock(r, w *ops.Op) (lock string, held bool) {
	return lockHeldAt(c.f.Fn, r.Call, w.Call, c.f.ReachesInstr)
}

// callerLocks returns the functions of the package that only ever run
// with an in-process lock held, and that lock: an unexported function
// every call of which is made with the lock held (taken before it and not
// released), or by a function that itself runs under it, and a function
// literal made while it is held (the callback of a transaction helper
// called under the lock), unless it is started as a goroutine. An
// exported function or method may be called from other packages, and a
// method whose name an interface call in the package uses may run
// through it: neither is judged from the sites here.
func callerLocks(ix *callers.Index, fns []*ssa.Function) map[*ssa.Function]string {
	held := map[*ssa.Function]string{}
	var reach flow.Reach
	lockAt := func(site callers.Site) (string, bool) {
		if lock, ok := held[site.Fn]; ok {
			return lock, true
		}
		return lockHeldAt(site.Fn, site.Instr, site.Instr, reach.ReachesInstr)
	}
	var all []*ssa.Function
	var collect func(fn *ssa.Function)
	collect = func(fn *ssa.Function) {
		all = append(all, fn)
		for _, anon := range fn.AnonFuncs {
			collect(anon)
		}
	}
	for _, fn := range fns {
		if fn.Parent() == nil {
			collect(fn)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, g := range all {
			if _, ok := held[g]; ok {
				continue
			}
			if g.Signature.Recv() != nil && ix.Invoked(g.Name()) {
				continue // it may run through an interface too
			}
			if lock, ok := heldAtEverySite(g, ix.Sites(g), lockAt); ok {
				held[g] = lock
				changed = true
			}
		}
	}
	return held
}

func heldAtEverySite(g *ssa.Function, sites []callers.Site, lockAt func(callers.Site) (string, bool)) (string, bool) {
	closure := g.Parent() != nil
	if len(sites) == 0 || !closure && (g.Object() == nil || g.Object().Exported()) {
		return "", false
	}
	lock := ""
	for _, s := range sites {
		if closure && startedAsGoroutine(s.Instr) || !closure && !s.InLine {
			return "", false
		}
		l, ok := lockAt(s)
		if !ok {
			return "", false
		}
		if lock == "" {
			lock = l
		}
	}
	return lock, true
}

// startedAsGoroutine reports whether the closure made or named at instr
// runs in a goroutine of its own (go func() {...}()).
func startedAsGoroutine(instr ssa.Instruction) bool {
	if _, ok := instr.(*ssa.Go); ok {
		return true
	}
	mc, ok := instr.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	for _, ref := range *mc.Referrers() {
		if _, ok := ref.(*ssa.Go); ok {
			return true
		}
	}
	return false
}

// lockHeldAt returns the in-process lock taken in fn before at on every
// path (a Lock call that dominates it) and not released between the Lock
// and until: a deferred Unlock runs at return, and an Unlock between the
// Lock and the read leaves the read unlocked.
func lockHeldAt(fn *ssa.Function, at, until ssa.Instruction, reaches func(a, b ssa.Instruction) bool) (string, bool) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !isLockCall(call, "Lock") {
				continue
			}
			if !(call.Block() == at.Block() && flow.Index(call) < flow.Index(at)) && !call.Block().Dominates(at.Block()) {
				continue
			}
			if !unlockedBetween(fn, lockReceiver(call), call, until, reaches) {
				return lockText(call), true
			}
		}
	}
	return "", false
}

// unlockedBetween reports whether recv is unlocked in fn on a path from a
// to b.
func unlockedBetween(fn *ssa.Function, recv ssa.Value, a, b ssa.Instruction, reaches func(a, b ssa.Instruction) bool) bool {
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			call, ok := instr.(*ssa.Call) // a deferred Unlock is a Defer, not a Call
			if ok && isLockCall(call, "Unlock") && flow.Equivalent(lockReceiver(call), recv) &&
				reaches(a, call) && reaches(call, b) {
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
