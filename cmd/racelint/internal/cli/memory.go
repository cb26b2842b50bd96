package cli

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// inFlightAllowance is the memory allowed, per package analysed at once,
// for what the analysis of a package allocates and drops (its SSA form,
// its operations) on top of the loaded program.
const inFlightAllowance = 64 << 20

// limitMemory sets a soft memory limit for the analysis of the loaded
// program, and returns the function that restores the previous one.
//
// Once the program is loaded, the analysis frees more than it keeps: each
// package's syntax, type information and SSA form are dropped when its
// analysis ends, and what stays (types, facts) is small beside them. Yet
// with the default GOGC the heap grows to twice what was live after the
// last collection, which right after loading is the whole program: on a
// 300-package service, 0.26 GB live gave a 0.64 GB peak. A limit of 1.5
// times the loaded program plus an allowance per package in flight makes
// the collector reclaim finished packages instead (0.52 GB, within a few
// percent of the wall time). A user's GOMEMLIMIT wins; the limit is soft,
// so a program that needs more still gets it, at the cost of more
// frequent collections.
func limitMemory() (restore func()) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return func() {}
	}
	runtime.GC() // what the loaded program holds, not what loading it allocated
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	limit := ms.HeapAlloc/2*3 + uint64(runtime.GOMAXPROCS(0))*inFlightAllowance
	if limit > math.MaxInt64 {
		return func() {}
	}
	previous := debug.SetMemoryLimit(int64(limit))
	return func() { debug.SetMemoryLimit(previous) }
}
