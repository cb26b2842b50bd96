// Command compare measures racelint against go vet and staticcheck on the
// same machine in one run: wall time, CPU time and peak memory of
// `racelint ./...`, `go vet ./...`, go vet's analyzers through the same
// standalone driver as racelint (bench/cmd/vetsuite) and `staticcheck
// ./...` on generated modules of increasing size and on any module
// directories given as arguments. Runs are interleaved (A B C A B C …)
// and the ratios are medians of the ratios within each round, so that
// drift on a shared machine hits both sides of a ratio alike. See
// bench/README.md.
//
//	go run ./bench/cmd/compare [-sizes 50,200] [-huge] [-runs 3] [module-dir ...]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	sizesFlag   = flag.String("sizes", "50,200", "package counts of the generated modules (comma-separated; empty for none)")
	huge        = flag.Bool("huge", false, "also generate and measure an 800-package module")
	runs        = flag.Int("runs", 3, "timed runs of each tool per target (the median is reported)")
	workFlag    = flag.String("work", filepath.Join(os.TempDir(), "racelint-bench"), "work directory: generated modules, binaries, staticcheck caches")
	srcFlag     = flag.String("src", "", "racelint source tree to build (default: the working tree this command runs from)")
	scVersion   = flag.String("staticcheck", "latest", "staticcheck version installed from the module proxy")
	toolsFlag   = flag.String("tools", "racelint,vet,vetsuite,staticcheck", "tools to measure")
	racelintArg = flag.String("racelint-flags", "", "extra flags for racelint (space-separated)")
	testsFlag   = flag.Bool("tests", true, "analyse test files too (racelint and vetsuite -test, staticcheck -tests; go vet always does)")
)

type tool struct {
	name string
	cmd  func(dir string, run int) *exec.Cmd
}

type sample struct {
	wall     time.Duration
	cpu      time.Duration
	maxRSS   int64 // KiB, largest single process (getrusage of the child, incl. reaped descendants)
	treeRSS  int64 // KiB, sampled peak of the summed RSS of the child's process tree
	exit     int
	outLines int
}

type result struct {
	target, tool string
	pkgs         int
	samples      []sample
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("compare: ")
	flag.Parse()
	work, err := filepath.Abs(*workFlag)
	check(err)
	check(os.MkdirAll(work, 0o755))
	self := repoRoot() // the tree holding bench/gen
	src := *srcFlag
	if src == "" {
		src = self
	}
	src, err = filepath.Abs(src)
	check(err)

	bin := filepath.Join(work, "bin")
	gobin := filepath.Join(work, "gobin")
	racelint := filepath.Join(bin, "racelint")
	log.Printf("building racelint from %s", src)
	mustRun(src, nil, "go", "build", "-o", racelint, "./cmd/racelint")
	vetsuite := filepath.Join(bin, "vetsuite")
	mustRun(self, nil, "go", "build", "-o", vetsuite, "./bench/cmd/vetsuite")
	want := map[string]bool{}
	for _, t := range strings.Split(*toolsFlag, ",") {
		want[strings.TrimSpace(t)] = true
	}
	staticcheck := filepath.Join(gobin, "staticcheck")
	if want["staticcheck"] {
		log.Printf("installing honnef.co/go/tools/cmd/staticcheck@%s into %s", *scVersion, gobin)
		mustRun(work, []string{"GOBIN=" + gobin}, "go", "install", "honnef.co/go/tools/cmd/staticcheck@"+*scVersion)
	}
	goVersion := strings.TrimSpace(output(work, "go", "version"))
	scVer := ""
	if want["staticcheck"] {
		scVer = strings.TrimSpace(output(work, staticcheck, "-version"))
	}

	var targets []string
	sizes := []int{}
	for _, s := range strings.Split(*sizesFlag, ",") {
		if s = strings.TrimSpace(s); s != "" {
			n, err := strconv.Atoi(s)
			check(err)
			sizes = append(sizes, n)
		}
	}
	if *huge {
		sizes = append(sizes, 800)
	}
	for _, n := range sizes {
		dir := filepath.Join(work, fmt.Sprintf("gen%d", n))
		check(os.RemoveAll(dir))
		log.Printf("generating %d packages into %s", n, dir)
		mustRun(self, nil, "go", "run", "./bench/gen", "-n", strconv.Itoa(n), "-o", dir, "-example", filepath.Join(src, "example"))
		targets = append(targets, dir)
	}
	for _, a := range flag.Args() {
		d, err := filepath.Abs(a)
		check(err)
		targets = append(targets, d)
	}
	if len(targets) == 0 {
		log.Fatal("nothing to measure")
	}

	var extra []string
	if *racelintArg != "" {
		extra = strings.Fields(*racelintArg)
	}
	tests := strconv.FormatBool(*testsFlag)
	nonce := time.Now().UnixNano()
	all := []tool{
		{"racelint", func(dir string, run int) *exec.Cmd {
			return exec.Command(racelint, append(append(extra, "-test="+tests), "./...")...)
		}},
		// go vet caches its results in the build cache; a flag value that
		// changes on every run is part of the cache key, so every run
		// re-analyses every package (compiled export data stays cached).
		{"vet", func(dir string, run int) *exec.Cmd {
			// The value also differs per target: the standard library's
			// and shared dependencies' vet actions would hit the cache
			// of the previous target's run otherwise.
			return exec.Command("go", "vet", fmt.Sprintf("-printf.funcs=RacelintBench%d_%d_%s", nonce, run+1, filepath.Base(dir)), "./...")
		}},
		// go vet's analyzers in racelint's driver: one process, the
		// packages loaded from source, as racelint does.
		{"vetsuite", func(dir string, run int) *exec.Cmd {
			return exec.Command(vetsuite, "-test="+tests, "./...")
		}},
		// staticcheck caches per-package results; a fresh cache directory
		// per run makes it re-analyse (it still uses go's build cache for
		// export data).
		{"staticcheck", func(dir string, run int) *exec.Cmd {
			c := exec.Command(staticcheck, "-tests="+tests, "./...")
			c.Env = append(os.Environ(), "STATICCHECK_CACHE="+filepath.Join(work, fmt.Sprintf("sccache-%d-%d-%s", nonce, run+1, filepath.Base(dir))))
			return c
		}},
	}
	var tools []tool
	for _, t := range all {
		if want[t.name] {
			tools = append(tools, t)
		}
	}

	var results []*result
	for _, dir := range targets {
		name := filepath.Base(dir)
		log.Printf("%s: warming the build cache (go mod download; go build ./...; one untimed run of each tool)", name)
		env := []string{"GOWORK=off"}
		// A real module may need a module the proxy refuses, or hold a
		// package that does not build: every tool meets the same, so the
		// warm-up goes on.
		tryRun(dir, env, "go", "mod", "download")
		tryRun(dir, env, "go", "build", "./...")
		pkgs := len(strings.Fields(tryOutput(dir, "go", "list", "-e", "./...")))
		for _, t := range tools {
			s := measure(t.cmd(dir, -1), dir)
			log.Printf("  warm-up %-11s %6.1fs exit %d", t.name, s.wall.Seconds(), s.exit)
		}
		rs := map[string]*result{}
		for run := 0; run < *runs; run++ {
			for _, t := range tools { // interleaved, so that drift hits every tool alike
				s := measure(t.cmd(dir, run), dir)
				log.Printf("  run %d %-11s %6.1fs cpu %6.1fs maxrss %5d MiB tree %5d MiB exit %d", run+1, t.name, s.wall.Seconds(), s.cpu.Seconds(), s.maxRSS>>10, s.treeRSS>>10, s.exit)
				r := rs[t.name]
				if r == nil {
					r = &result{target: name, tool: t.name, pkgs: pkgs}
					rs[t.name] = r
					results = append(results, r)
				}
				r.samples = append(r.samples, s)
			}
		}
		matches, _ := filepath.Glob(filepath.Join(work, fmt.Sprintf("sccache-%d-*", nonce)))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
	printReport(os.Stdout, results, goVersion, scVer, src)
}

// measure runs c in dir and returns its wall time, CPU time (user+sys of
// the child and the descendants it reaped), the largest RSS of any of
// those processes (wait4's rusage, as /usr/bin/time -v reports it) and
// the sampled peak of the whole process tree's summed RSS (go vet runs
// one vet process per package, several at a time).
func measure(c *exec.Cmd, dir string) sample {
	c.Dir = dir
	if c.Env == nil {
		c.Env = os.Environ()
	}
	c.Env = append(c.Env, "GOWORK=off")
	var out bytes.Buffer
	c.Stdout = &out
	c.Stderr = &out
	start := time.Now()
	if err := c.Start(); err != nil {
		log.Fatalf("%s: %v", c.Path, err)
	}
	var peak int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if s := treeRSS(c.Process.Pid); s > peak {
				peak = s
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	err := c.Wait()
	wall := time.Since(start)
	close(done)
	wg.Wait()
	s := sample{wall: wall, treeRSS: peak, outLines: strings.Count(out.String(), "\n")}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		s.maxRSS = ru.Maxrss // KiB on Linux
	}
	if s.maxRSS > s.treeRSS {
		s.treeRSS = s.maxRSS // a short-lived peak the sampler missed
	}
	s.exit = c.ProcessState.ExitCode()
	if err != nil && s.exit < 0 {
		log.Fatalf("%s: %v", c.Path, err)
	}
	if s.exit != 0 && s.outLines > 0 && os.Getenv("COMPARE_VERBOSE") != "" {
		io.Copy(os.Stderr, &out)
	}
	return s
}

// treeRSS sums VmRSS (KiB) over pid and its descendants.
func treeRSS(root int) int64 {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	children := map[int][]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may contain spaces.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		children[ppid] = append(children[ppid], pid)
	}
	var sum int64
	stack := []int{root}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		sum += vmRSS(p)
		stack = append(stack, children[p]...)
	}
	return sum
}

func vmRSS(pid int) int64 {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

type stat struct{ wall, cpu, maxRSS, treeRSS, min, max float64 }

func summarize(r *result) stat {
	var w, c, m, t []float64
	for _, s := range r.samples {
		w = append(w, s.wall.Seconds())
		c = append(c, s.cpu.Seconds())
		m = append(m, float64(s.maxRSS)/1024)
		t = append(t, float64(s.treeRSS)/1024)
	}
	sort.Float64s(w)
	return stat{median(w), median(c), median(m), median(t), w[0], w[len(w)-1]}
}

func printReport(w io.Writer, results []*result, goVersion, scVer, src string) {
	fmt.Fprintf(w, "\n%s, staticcheck %s, %d CPUs, racelint built from %s\n", goVersion, cmpOr(scVer, "-"), numCPU(), src)
	fmt.Fprintf(w, "build cache warmed first (go build ./... + one untimed run of each tool); analysis caches cold on every run\n")
	fmt.Fprintf(w, "median of %d runs; maxRSS = largest single process (wait4 rusage, as /usr/bin/time -v); tree = sampled peak of the summed RSS of the process tree\n\n", *runs)
	fmt.Fprintf(w, "| target | pkgs | tool | wall s (min–max) | CPU s | maxRSS MiB | tree RSS MiB | exit | output lines |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n")
	bySample := map[string]map[string]*result{}
	var order []string
	pkgs := map[string]int{}
	for _, r := range results {
		st := summarize(r)
		if bySample[r.target] == nil {
			bySample[r.target] = map[string]*result{}
			order = append(order, r.target)
		}
		bySample[r.target][r.tool] = r
		pkgs[r.target] = r.pkgs
		last := r.samples[len(r.samples)-1]
		fmt.Fprintf(w, "| %s | %d | %s | %.2f (%.2f–%.2f) | %.2f | %.0f | %.0f | %d | %d |\n",
			r.target, r.pkgs, r.tool, st.wall, st.min, st.max, st.cpu, st.maxRSS, st.treeRSS, last.exit, last.outLines)
	}
	fmt.Fprintf(w, "\nracelint / other tool, median over the rounds of the ratio within each round\n\n")
	fmt.Fprintf(w, "| target | pkgs | against | wall | CPU | maxRSS | tree RSS |\n|---|---:|---|---:|---:|---:|---:|\n")
	for _, t := range order {
		rl := bySample[t]["racelint"]
		for _, other := range []string{"vet", "vetsuite", "staticcheck"} {
			o := bySample[t][other]
			if rl == nil || o == nil {
				continue
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s |\n", t, pkgs[t], other,
				pairedRatio(rl, o, func(s sample) float64 { return s.wall.Seconds() }),
				pairedRatio(rl, o, func(s sample) float64 { return s.cpu.Seconds() }),
				pairedRatio(rl, o, func(s sample) float64 { return float64(s.maxRSS) }),
				pairedRatio(rl, o, func(s sample) float64 { return float64(s.treeRSS) }))
		}
	}
}

// pairedRatio is the median of a's run i over b's run i: the two ran in
// the same round, one after the other.
func pairedRatio(a, b *result, of func(sample) float64) string {
	var rs []float64
	for i := range min(len(a.samples), len(b.samples)) {
		if d := of(b.samples[i]); d > 0 {
			rs = append(rs, of(a.samples[i])/d)
		}
	}
	if len(rs) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", median(rs))
}

func numCPU() int { return runtime.NumCPU() }

func cmpOr(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// repoRoot is the racelint module root: the directory of the go.mod that
// declares github.com/racelint/racelint, above the working directory.
func repoRoot() string {
	d, err := os.Getwd()
	check(err)
	for {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && bytes.HasPrefix(b, []byte("module github.com/racelint/racelint\n")) {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			log.Fatal("run from inside the racelint module, or pass -src")
		}
		d = p
	}
}

func mustRun(dir string, env []string, name string, args ...string) {
	if err := runIn(dir, env, name, args...); err != nil {
		log.Fatalf("%s %s (in %s): %v", name, strings.Join(args, " "), dir, err)
	}
}

// tryRun is mustRun for a step whose failure only needs saying.
func tryRun(dir string, env []string, name string, args ...string) {
	if err := runIn(dir, env, name, args...); err != nil {
		log.Printf("warning: %s %s (in %s): %v", name, strings.Join(args, " "), dir, err)
	}
}

// runIn runs the command in dir, its output on stderr.
func runIn(dir string, env []string, name string, args ...string) error {
	c := exec.Command(name, args...)
	c.Dir = dir
	c.Env = append(os.Environ(), env...)
	c.Stdout = os.Stderr
	c.Stderr = os.Stderr
	return c.Run()
}

func output(dir, name string, args ...string) string {
	b, err := outputErr(dir, name, args...)
	if err != nil {
		log.Fatalf("%s %s (in %s): %v", name, strings.Join(args, " "), dir, err)
	}
	return b
}

// tryOutput is output for a command whose failure only needs saying
// (go list on a module whose build list the proxy refuses): what it
// printed, maybe nothing.
func tryOutput(dir, name string, args ...string) string {
	b, err := outputErr(dir, name, args...)
	if err != nil {
		log.Printf("warning: %s %s (in %s): %v", name, strings.Join(args, " "), dir, err)
	}
	return b
}

func outputErr(dir, name string, args ...string) (string, error) {
	c := exec.Command(name, args...)
	c.Dir = dir
	c.Env = append(os.Environ(), "GOWORK=off")
	b, err := c.Output()
	return string(b), err
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
