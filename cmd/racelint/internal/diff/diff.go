// Package diff computes line-based unified diffs, so that racelint -fix
// -diff can show what its fixes would change without writing any file. It
// uses Myers' O(ND) algorithm on whole lines; the fixes racelint applies are
// small and local, so D stays small and the diff minimal.
package diff

import (
	"fmt"
	"strings"
)

// Context is the number of unchanged lines shown around each change, as
// diff -u and git do.
const Context = 3

// maxD bounds the edit distance Myers explores. Its trace costs O(D²)
// memory; beyond the bound the middle of the files is reported as one
// replacement, which is still a correct (if not minimal) diff.
const maxD = 2000

// Unified returns the unified diff that turns old into new, with headers
// "--- oldName" and "+++ newName" and Context lines of context. It returns
// "" when the contents are equal.
func Unified(oldName, newName, old, new string) string {
	if old == new {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := Lines(a, b)

	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops) {
		writeHunk(&sb, a, b, ops[h[0]:h[1]])
	}
	return sb.String()
}

// Kind says what an Op does.
type Kind int

const (
	Equal  Kind = iota // line present in both
	Delete             // line only in old
	Insert             // line only in new
)

// Op is one line of an edit script: for Equal and Delete, A is the index
// of the line in old; for Equal and Insert, B is the index in new.
type Op struct {
	Kind Kind
	A, B int
}

// Lines returns a shortest edit script turning a into b, one Op per line.
// Within a change, deletions come before insertions.
func Lines(a, b []string) []Op {
	// Intern lines so that the inner loop compares ints, not strings.
	ids := map[string]int{}
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := intern(a), intern(b)

	// Common prefix and suffix need no search and are the usual case for
	// local fixes; trimming them keeps D (and the trace) tiny.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}

	var ops []Op
	for i := 0; i < pre; i++ {
		ops = append(ops, Op{Equal, i, i})
	}
	for _, op := range myers(x[pre:len(x)-suf], y[pre:len(y)-suf]) {
		op.A += pre
		op.B += pre
		ops = append(ops, op)
	}
	for i := 0; i < suf; i++ {
		ops = append(ops, Op{Equal, len(x) - suf + i, len(y) - suf + i})
	}
	return ops
}

// myers is the greedy forward algorithm from Myers (1986), "An O(ND)
// Difference Algorithm and Its Variations", with the V array saved per
// step so that the path can be recovered.
func myers(x, y []int) []Op {
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		return replace(0, n, 0, m)
	}
	max := n + m
	if max > maxD {
		max = maxD
	}
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max && found < 0; d++ {
		for k := -d; k <= d; k += 2 {
			var px int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				px = v[off+k+1] // down: insertion
			} else {
				px = v[off+k-1] + 1 // right: deletion
			}
			py := px - k
			for px < n && py < m && x[px] == y[py] {
				px++
				py++
			}
			v[off+k] = px
			if px >= n && py >= m {
				found = d
				break
			}
		}
		// Save only the diagonals this step could reach.
		snap := make([]int, 2*d+1)
		copy(snap, v[off-d:off+d+1])
		trace = append(trace, snap)
	}
	if found < 0 {
		return replace(0, n, 0, m)
	}

	// Walk back from (n, m) through the saved V arrays.
	var rev []Op
	px, py := n, m
	for d := found; d > 0; d-- {
		prev := trace[d-1] // V after step d-1, indexed k+(d-1)
		at := func(k int) int { return prev[k+d-1] }
		k := px - py
		down := k == -d || (k != d && at(k-1) < at(k+1))
		pk := k - 1 // came right: a deletion
		if down {
			pk = k + 1 // came down: an insertion
		}
		sx := at(pk)
		sy := sx - pk
		// (mx, my) is where the move ended and the snake began.
		mx, my := sx+1, sy
		if down {
			mx, my = sx, sy+1
		}
		for px > mx && py > my {
			px--
			py--
			rev = append(rev, Op{Equal, px, py})
		}
		if down {
			rev = append(rev, Op{Insert, sx, sy})
		} else {
			rev = append(rev, Op{Delete, sx, sy})
		}
		px, py = sx, sy
	}
	for px > 0 && py > 0 {
		px--
		py--
		rev = append(rev, Op{Equal, px, py})
	}

	ops := make([]Op, len(rev))
	for i, op := range rev {
		ops[len(rev)-1-i] = op
	}
	return deletesFirst(ops)
}

// replace is the trivial script: delete a[i:j], insert b[k:l].
func replace(i, j, k, l int) []Op {
	var ops []Op
	for ; i < j; i++ {
		ops = append(ops, Op{Delete, i, k})
	}
	for ; k < l; k++ {
		ops = append(ops, Op{Insert, j, k})
	}
	return ops
}

// deletesFirst reorders each run of adjacent changes so that deletions
// precede insertions, the conventional reading order of a diff.
func deletesFirst(ops []Op) []Op {
	out := make([]Op, 0, len(ops))
	for i := 0; i < len(ops); {
		if ops[i].Kind == Equal {
			out = append(out, ops[i])
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].Kind != Equal {
			j++
		}
		for _, op := range ops[i:j] {
			if op.Kind == Delete {
				out = append(out, op)
			}
		}
		for _, op := range ops[i:j] {
			if op.Kind == Insert {
				out = append(out, op)
			}
		}
		i = j
	}
	return out
}

// hunks groups ops into [start, end) ranges: each change plus Context
// equal lines either side, merging changes whose context would touch.
func hunks(ops []Op) [][2]int {
	var out [][2]int
	for i := 0; i < len(ops); {
		if ops[i].Kind == Equal {
			i++
			continue
		}
		start := max(0, i-Context)
		end := i
		for end < len(ops) {
			if ops[end].Kind != Equal {
				end++
				continue
			}
			// Count the run of equal lines; a run of at most 2*Context
			// lines followed by another change joins the two hunks.
			j := end
			for j < len(ops) && ops[j].Kind == Equal {
				j++
			}
			if j < len(ops) && j-end <= 2*Context {
				end = j
				continue
			}
			end = min(j, end+Context)
			break
		}
		if len(out) > 0 && start < out[len(out)-1][1] {
			start = out[len(out)-1][1]
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

func writeHunk(sb *strings.Builder, a, b []string, ops []Op) {
	// Line numbers are 1-based; an empty range names the line before it,
	// as GNU diff does.
	aStart, bStart := -1, -1
	aLen, bLen := 0, 0
	for _, op := range ops {
		if op.Kind != Insert {
			if aStart < 0 {
				aStart = op.A
			}
			aLen++
		}
		if op.Kind != Delete {
			if bStart < 0 {
				bStart = op.B
			}
			bLen++
		}
	}
	if aStart < 0 {
		aStart = ops[0].A
	}
	if bStart < 0 {
		bStart = ops[0].B
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", rangeSpec(aStart, aLen), rangeSpec(bStart, bLen))
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			writeLine(sb, ' ', a[op.A])
		case Delete:
			writeLine(sb, '-', a[op.A])
		case Insert:
			writeLine(sb, '+', b[op.B])
		}
	}
}

func rangeSpec(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func writeLine(sb *strings.Builder, prefix byte, line string) {
	sb.WriteByte(prefix)
	sb.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}

// splitLines splits s after each newline; the last line keeps no newline
// when s does not end with one, so that the diff can say so.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
