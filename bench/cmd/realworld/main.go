// Command realworld is racelint's robustness run on code nobody here
// wrote. Given a directory of checked-out public repositories (kept
// outside this tree, never committed), it runs racelint on each in every
// mode a user meets (the standalone command with and without test files,
// and go vet -vettool), twice, and records per repository and commit the
// packages, load failures, findings by rule, wall time, peak RSS, crashes
// (the process died of a panic), contained panics (a function or package
// left out with an internal error) and whether the two runs printed the
// same output. See bench/README.md.
//
//	go run ./bench/cmd/realworld [-modes cli,cli-notest,vet] [-o docs/realworld.md] REPOS-DIR
//
// A repository is a subdirectory with a go.mod (or with modules one level
// below: each go.mod found at depth one is a target of its own). Its
// commit is read from a ".commit" file or from git.
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"
)

var (
	modesFlag   = flag.String("modes", "cli,cli-notest,vet", "modes to run: cli (racelint ./...), cli-notest (-test=false), vet (go vet -vettool)")
	outFlag     = flag.String("o", "", "write the Markdown result table to this file (default stdout)")
	binFlag     = flag.String("racelint", "", "racelint binary (default: built from the tree this command runs in)")
	timeoutFlag = flag.Duration("timeout", 15*time.Minute, "per-run time limit")
	keepFlag    = flag.String("keep", "", "directory to keep each run's stdout and stderr in")
	twiceFlag   = flag.String("twice", "cli,cli-notest,vet", "modes run a second time to check that the output is the same")
)

// mode is one way a user runs racelint.
type mode struct {
	name string
	args func(bin string) []string
}

var allModes = []mode{
	{"cli", func(bin string) []string { return []string{bin, "./..."} }},
	{"cli-notest", func(bin string) []string { return []string{bin, "-test=false", "./..."} }},
	{"vet", func(bin string) []string { return []string{"go", "vet", "-vettool=" + bin, "./..."} }},
}

// run is one execution of racelint in one mode.
type run struct {
	wall      time.Duration
	maxRSS    int64 // KiB, the largest single process
	exit      int
	stdout    string
	stderr    string
	timedOut  bool
	crashed   bool // a panic ended a process
	contained int  // internal errors reported for functions or packages left out
}

// row is the result of one target in one mode.
type row struct {
	repo, commit, mode string
	pkgs               int
	loadFailures       int
	byRule             map[string]int
	runs               []run
	deterministic      string // "yes", "no", or "-" when the mode ran once
}

var (
	findingRE  = regexp.MustCompile(`(?m)^\S+:\d+:\d+: (RL\d{3}) `)
	vetRE      = regexp.MustCompile(`(?m)^(?:vet: )?\S+:\d+:\d+: (RL\d{3}) `)
	loadRE     = regexp.MustCompile(`(?m)^racelint: package \S+: `)
	internalRE = regexp.MustCompile(`internal error while `)
	// panicRE matches a Go runtime's report of an unrecovered panic.
	panicRE = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ \[running\]:)`)
)

func main() {
	log.SetFlags(0)
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: realworld [flags] REPOS-DIR")
	}
	var modes []mode
	for _, name := range strings.Split(*modesFlag, ",") {
		i := slices.IndexFunc(allModes, func(m mode) bool { return m.name == name })
		if i < 0 {
			log.Fatalf("unknown mode %q", name)
		}
		modes = append(modes, allModes[i])
	}
	bin := *binFlag
	if bin == "" {
		bin = buildRacelint()
	}
	targets := findTargets(flag.Arg(0))
	if len(targets) == 0 {
		log.Fatalf("no module in %s", flag.Arg(0))
	}
	var rows []row
	for _, t := range targets {
		pkgs := countPackages(t.dir)
		for _, m := range modes {
			r := row{repo: t.name, commit: t.commit, mode: m.name, pkgs: pkgs, byRule: map[string]int{}}
			n := 1
			if slices.Contains(strings.Split(*twiceFlag, ","), m.name) {
				n = 2
			}
			for i := range n {
				r.runs = append(r.runs, execute(t.dir, m.args(bin)))
				keep(t.name, m.name, i, r.runs[i])
			}
			first := r.runs[0]
			out := first.stdout
			re := findingRE
			if m.name == "vet" {
				out, re = first.stderr, vetRE // vet prints findings on stderr
			}
			for _, sm := range re.FindAllStringSubmatch(out, -1) {
				r.byRule[sm[1]]++
			}
			r.loadFailures = len(loadRE.FindAllString(first.stderr, -1))
			r.deterministic = "-"
			if len(r.runs) == 2 {
				r.deterministic = "**no**"
				if sameOutput(m.name, r.runs[0], r.runs[1]) {
					r.deterministic = "yes"
				}
			}
			log.Printf("%-28s %-10s pkgs %4d exit %d findings %3d load-failures %3d crashed %v contained %d %5.1fs %5d MiB same output %s",
				t.name, m.name, pkgs, first.exit, total(r.byRule), r.loadFailures, r.crashed(),
				first.contained, first.wall.Seconds(), first.maxRSS>>10, r.deterministic)
			rows = append(rows, r)
		}
	}
	table := render(rows)
	if *outFlag == "" {
		fmt.Print(table)
		return
	}
	if err := os.WriteFile(*outFlag, []byte(table), 0o644); err != nil {
		log.Fatal(err)
	}
}

func (r row) crashed() bool {
	return slices.ContainsFunc(r.runs, func(x run) bool { return x.crashed })
}

type target struct{ name, dir, commit string }

// findTargets lists the modules under root: each subdirectory with a
// go.mod, or else the modules one level below it.
func findTargets(root string) []target {
	ents, err := os.ReadDir(root)
	if err != nil {
		log.Fatal(err)
	}
	var out []target
	for _, e := range ents {
		dir := filepath.Join(root, e.Name())
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue // a directory or a link to one
		}
		commit := commitOf(dir)
		if isFile(filepath.Join(dir, "go.mod")) {
			out = append(out, target{e.Name(), dir, commit})
			continue
		}
		subs, _ := os.ReadDir(dir)
		for _, s := range subs {
			if s.IsDir() && isFile(filepath.Join(dir, s.Name(), "go.mod")) {
				out = append(out, target{e.Name() + "/" + s.Name(), filepath.Join(dir, s.Name()), commit})
			}
		}
	}
	return out
}

func isFile(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && !fi.IsDir()
}

func commitOf(dir string) string {
	if data, err := os.ReadFile(filepath.Join(dir, ".commit")); err == nil {
		return strings.TrimSpace(string(data))
	}
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

// buildRacelint builds cmd/racelint from the tree this command runs in.
func buildRacelint() string {
	dir, err := os.MkdirTemp("", "racelint-realworld")
	if err != nil {
		log.Fatal(err)
	}
	bin := filepath.Join(dir, "racelint")
	c := exec.Command("go", "build", "-o", bin, "./cmd/racelint")
	c.Stderr = os.Stderr
	if err := c.Run(); err != nil {
		log.Fatalf("building racelint (run from the racelint tree, or pass -racelint): %v", err)
	}
	return bin
}

// countPackages counts the module's packages as go list sees them, test
// files aside.
func countPackages(dir string) int {
	c := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}", "./...")
	c.Dir = dir
	out, _ := c.Output()
	return bytes.Count(out, []byte("\n"))
}

func execute(dir string, args []string) run {
	c := exec.Command(args[0], args[1:]...)
	c.Dir = dir
	c.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	start := time.Now()
	if err := c.Start(); err != nil {
		log.Fatalf("%s: %v", args[0], err)
	}
	timer := time.AfterFunc(*timeoutFlag, func() { c.Process.Kill() })
	c.Wait()
	timedOut := !timer.Stop()
	r := run{wall: time.Since(start), exit: c.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String(), timedOut: timedOut}
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	r.crashed = panicRE.MatchString(r.stderr)
	r.contained = len(internalRE.FindAllString(r.stderr, -1))
	return r
}

func keep(repo, mode string, i int, r run) {
	if *keepFlag == "" {
		return
	}
	base := filepath.Join(*keepFlag, strings.ReplaceAll(repo, "/", "_")+"."+mode+"."+fmt.Sprint(i+1))
	os.MkdirAll(*keepFlag, 0o755)
	os.WriteFile(base+".stdout", []byte(r.stdout), 0o644)
	os.WriteFile(base+".stderr", []byte(r.stderr), 0o644)
}

// sameOutput compares two runs' output. go vet runs packages in parallel
// and prints each package's lines as it finishes, so its lines are
// compared as sets; the standalone command sorts its output and must
// match byte for byte.
func sameOutput(mode string, a, b run) bool {
	if a.exit != b.exit {
		return false
	}
	if mode != "vet" {
		return a.stdout == b.stdout && a.stderr == b.stderr
	}
	lines := func(s string) []string {
		l := strings.Split(s, "\n")
		slices.Sort(l)
		return l
	}
	return slices.Equal(lines(a.stderr), lines(b.stderr)) && a.stdout == b.stdout
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func render(rows []row) string {
	var b strings.Builder
	b.WriteString("| repository | commit | mode | packages | exit | load failures | findings | by rule | crashed | contained panics | wall | peak RSS | same output twice |\n")
	b.WriteString("|---|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|---|\n")
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(a.repo, b.repo) })
	for _, r := range rows {
		var rules []string
		for id, n := range r.byRule {
			rules = append(rules, fmt.Sprintf("%s×%d", id, n))
		}
		slices.Sort(rules)
		first := r.runs[0]
		crashed := "no"
		if r.crashed() {
			crashed = "**yes**"
		}
		if first.timedOut {
			crashed += " (timed out)"
		}
		same := r.deterministic
		fmt.Fprintf(&b, "| %s | %.10s | %s | %d | %d | %d | %d | %s | %s | %d | %.1f s | %d MiB | %s |\n",
			r.repo, r.commit, r.mode, r.pkgs, first.exit, r.loadFailures, total(r.byRule), strings.Join(rules, " "),
			crashed, first.contained, first.wall.Seconds(), first.maxRSS>>10, same)
	}
	return b.String()
}
