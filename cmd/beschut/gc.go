package main

import "runtime/debug"

// The garbage collector's settings for the commands that render.
//
// A run allocates much short-lived memory (excelize and fpdf build each
// document in memory) over a small live heap: with Go's default (GOGC=100:
// collect when the heap has doubled) the national run collected 263–268
// times, and the collector took about a fifth of the run's CPU. A higher
// GC percent collects less often; the soft memory limit keeps the peak
// below it when the live data is large (the 5× set). Measured in
// docs/operations.md "Speed and memory"; the decision in
// docs/decisions.md.
const (
	renderGCPercent   = 400
	renderMemoryLimit = 448 << 20 // bytes: the 5× set then peaks at ≈ 457 MiB, below the 512 MiB of issue 16
)

// gcSettings are the collector's settings for command: for run and
// schedule the GC percent and soft memory limit above, for the others
// (validate streams, and its own target is memory) Go's defaults. An
// operator who sets GOGC or GOMEMLIMIT decides alone: then ok is false and
// nothing is changed.
func gcSettings(command string, getenv func(string) string) (percent int, limit int64, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return 0, 0, false
	}
	switch command {
	case "run", "schedule":
		return renderGCPercent, renderMemoryLimit, true
	}
	return 0, 0, false
}

// tuneGC applies gcSettings to the process.
func tuneGC(args []string, getenv func(string) string) {
	if len(args) == 0 {
		return
	}
	if percent, limit, ok := gcSettings(args[0], getenv); ok {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
