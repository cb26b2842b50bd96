package cli

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// progress tells a user at a terminal what a long run is doing: a status
// line on stderr while packages load and are analysed, rewritten in
// place, and a summary line at the end. It says nothing when stderr is
// not a terminal (CI logs, pipes, tests) or with -q.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	start time.Time
	shown bool
	done  atomic.Int64
}

func newProgress(w io.Writer, on bool) *progress {
	return &progress{w: w, on: on, start: time.Now()}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) status(format string, args ...any) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[Kracelint: "+format+" (%.0f s)", append(args, time.Since(p.start).Seconds())...)
	p.shown = true
}

// clear removes the status line before other output.
func (p *progress) clear() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// count wraps a's Run so that each analysed package advances the status
// line; total is the number of packages the run analyses.
func (p *progress) count(a *analysis.Analyzer, total int) {
	if !p.on {
		return
	}
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		defer func() { p.status("analysed %d of %d packages and test variants", p.done.Add(1), total) }()
		return run(pass)
	}
}

// summary prints the last line of a run: the findings by rule, the
// packages analysed and not analysed, and the time taken.
func (p *progress) summary(findings []*finding, analysed []*packages.Package, notAnalysed int) {
	if !p.on {
		return
	}
	p.clear()
	byRule := map[string]int{}
	for _, f := range findings {
		byRule[cmp.Or(f.category, "?")]++
	}
	var rules []string
	for _, id := range slices.Sorted(maps.Keys(byRule)) {
		rules = append(rules, fmt.Sprintf("%s %d", id, byRule[id]))
	}
	n := distinctPackages(analysed)
	line := fmt.Sprintf("racelint: %d findings", len(findings))
	if len(findings) == 1 {
		line = "racelint: 1 finding"
	}
	if len(rules) > 0 {
		line += " (" + strings.Join(rules, ", ") + ")"
	}
	line += fmt.Sprintf(" in %d packages, %d not analysed, %.1f s", n, notAnalysed, time.Since(p.start).Seconds())
	fmt.Fprintln(p.w, line)
}

// distinctPackages counts pkgs as a user names them: a package and its
// test variant are one, the generated test main is none.
func distinctPackages(pkgs []*packages.Package) int {
	paths := map[string]bool{}
	for _, p := range pkgs {
		if p.Name == "main" && strings.HasSuffix(p.ID, ".test") {
			continue
		}
		paths[cmp.Or(p.PkgPath, p.ID)] = true
	}
	return len(paths)
}
