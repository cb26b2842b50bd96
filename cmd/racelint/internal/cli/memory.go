package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// inFlightAllowance is the memory allowed, per package analysed at once,
// for what the analysis of a package allocates and drops (its SSA form,
// its operations), on top of what is live.
const inFlightAllowance = 64 << 20

// limitMemory keeps a soft memory limit of 1.5 times the live heap plus
// an allowance per CPU while the loaded program is analysed, updated
// after every collection, and returns the function that ends it and
// restores the previous limit.
//
// With the default GOGC the heap grows to twice what was live after the
// last collection. Right after loading, that is the whole program: on a
// 300-package service, 0.26 GB live gave a 0.64 GB peak although the
// analysis then drops each package's syntax, types and SSA form as it
// goes. A fixed limit taken after loading brought it to 0.52 GB, but
// where the facts kept grow (a generated module of 800 packages) the live
// heap rose towards the limit and the collector ran without pause, 1.5x
// the wall time: so the limit follows the live heap. GOGC still bounds
// the heap when it is the lower; a user's GOMEMLIMIT wins.
func limitMemory() (stop func()) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return func() {}
	}
	previous := debug.SetMemoryLimit(-1)
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	update := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		live := sample[0].Value.Uint64()
		debug.SetMemoryLimit(int64(live/2*3 + uint64(runtime.GOMAXPROCS(0))*inFlightAllowance))
	}
	runtime.GC() // what the loaded program holds, not what loading it allocated
	update()
	afterEachGC(func() bool {
		if stopped.Load() {
			return false
		}
		update()
		return true
	})
	return func() {
		stopped.Store(true)
		debug.SetMemoryLimit(previous)
	}
}

// gcSentinel is garbage whose finalizer runs after the collection that
// found it unreachable.
type gcSentinel struct{ _ *int }

// afterEachGC calls f after every collection until f returns false.
func afterEachGC(f func() bool) {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if f() {
			afterEachGC(f)
		}
	})
}
