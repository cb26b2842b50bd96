package cli

import (
	"os"
	"runtime/debug"
)

// analysisGCPercent is the GOGC the loaded program is analysed with.
const analysisGCPercent = 50

// limitMemory makes the collector keep the heap within 1.5 times what is
// live while the loaded program is analysed, and returns the function
// that restores the previous setting.
//
// With the default GOGC the heap grows to twice what was live after the
// last collection. Right after loading, that is the whole program: on a
// 300-package service, 0.26 GB live gave a 0.64 GB peak although the
// analysis then drops each package's syntax, types and SSA form as it
// goes; at GOGC=50 the peak is 0.48-0.52 GB for the same wall time.
// Loading keeps the default: it allocates much that dies young, and a
// lower GOGC there cost 20% of the wall time. A soft memory limit that
// followed the live heap was tried first and dropped: where the live heap
// grows during the analysis (netbird with its tests, 1.3 GB) the heap
// kept reaching the limit before the limit moved, and the collector ran
// without pause (83 s instead of 29 s). A user's GOGC wins.
func limitMemory() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	previous := debug.SetGCPercent(analysisGCPercent)
	return func() { debug.SetGCPercent(previous) }
}
