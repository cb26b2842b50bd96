package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// changedLines returns, per absolute file name, the lines added or
// changed since rev in the git work tree holding dir (committed, staged
// and unstaged changes alike), and the files git does not track yet,
// which count as wholly new.
func changedLines(dir, rev string) (lines map[string]map[int]bool, untracked map[string]bool, err error) {
	git := func(args ...string) ([]byte, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, nil, err
	}
	root := strings.TrimSpace(string(top))
	diff, err := git("diff", "--no-color", "--no-ext-diff", "-U0", rev, "--")
	if err != nil {
		return nil, nil, err
	}
	lines = map[string]map[int]bool{}
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "+++ "):
			file = ""
			if name := strings.TrimPrefix(l, "+++ "); name != "/dev/null" {
				file = filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(name, "b/")))
			}
		case strings.HasPrefix(l, "@@ ") && file != "":
			// @@ -a,b +c,d @@: lines c .. c+d-1 are new (d defaults to 1).
			fields := strings.Fields(l)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				continue
			}
			start, count := fields[2][1:], "1"
			if i := strings.IndexByte(start, ','); i >= 0 {
				start, count = start[:i], start[i+1:]
			}
			s, err1 := strconv.Atoi(start)
			n, err2 := strconv.Atoi(count)
			if err1 != nil || err2 != nil {
				continue
			}
			if lines[file] == nil {
				lines[file] = map[int]bool{}
			}
			if n == 0 {
				// Lines were only deleted (a FOR UPDATE on a line of its
				// own, a RowsAffected check): the lines on either side of
				// the gap count as changed.
				n = 2
			}
			for i := s; i < s+n; i++ {
				lines[file][i] = true
			}
		}
	}
	others, err := git("ls-files", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, nil, err
	}
	untracked = map[string]bool{}
	for _, name := range strings.Split(strings.TrimSpace(string(others)), "\n") {
		if name != "" {
			untracked[filepath.Join(root, filepath.FromSlash(name))] = true
		}
	}
	return lines, untracked, nil
}

// applyNewFromRev keeps the findings whose reported line changed since
// rev, in the findings and in the JSON tree alike.
func (d *driver) applyNewFromRev(cfg config, graph *checker.Graph, findings []*finding) ([]*finding, int, bool) {
	lines, untracked, err := changedLines(d.base, cfg.newFromRev)
	if err != nil {
		d.errorf("-new-from-rev: %v", err)
		return nil, ExitUsage, false
	}
	isNew := func(file string, line int) bool {
		file = filepath.Clean(file)
		return untracked[file] || lines[file][line]
	}
	// A race is introduced as often by editing the read (dropping FOR
	// UPDATE) or the check as by editing the write: a finding is new when
	// any of its positions is on a changed line.
	var kept []*finding
	for _, f := range findings {
		changed := isNew(f.posn.Filename, f.posn.Line)
		for _, r := range f.related {
			changed = changed || isNew(r.posn.Filename, r.posn.Line)
		}
		if changed {
			kept = append(kept, f)
		}
	}
	for _, act := range graph.Roots {
		fset := act.Package.Fset
		var diags []analysis.Diagnostic
		for _, diag := range act.Diagnostics {
			p := fset.Position(diag.Pos)
			changed := isNew(p.Filename, p.Line)
			for _, r := range diag.Related {
				rp := fset.Position(r.Pos)
				changed = changed || isNew(rp.Filename, rp.Line)
			}
			if changed {
				diags = append(diags, diag)
			}
		}
		act.Diagnostics = diags
	}
	return kept, 0, true
}
