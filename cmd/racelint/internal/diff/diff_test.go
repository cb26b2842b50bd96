package diff

import (
	"math/rand"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"change middle", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n", `--- a/f
+++ b/f
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+X
 6
 7
 8
`},
		{"insert at start", "a\nb\n", "new\na\nb\n", `--- a/f
+++ b/f
@@ -1,2 +1,3 @@
+new
 a
 b
`},
		{"delete all", "a\n", "", `--- a/f
+++ b/f
@@ -1 +0,0 @@
-a
`},
		{"from empty", "", "a\nb\n", `--- a/f
+++ b/f
@@ -0,0 +1,2 @@
+a
+b
`},
		{"no newline at end", "a\nb", "a\nc", `--- a/f
+++ b/f
@@ -1,2 +1,2 @@
 a
-b
\ No newline at end of file
+c
\ No newline at end of file
`},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "1\nA\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nB\n15\n", `--- a/f
+++ b/f
@@ -1,5 +1,5 @@
 1
-2
+A
 3
 4
 5
@@ -11,5 +11,5 @@
 11
 12
 13
-14
+B
 15
`},
		{"close changes merge", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\nA\n3\n4\n5\n6\n7\nB\n9\n10\n", `--- a/f
+++ b/f
@@ -1,10 +1,10 @@
 1
-2
+A
 3
 4
 5
 6
 7
-8
+B
 9
 10
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("a/f", "b/f", tc.old, tc.new)
			if got != tc.want {
				t.Errorf("Unified:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestLinesRandom checks on random inputs that the script is valid (it
// turns a into b) and minimal (its length matches an LCS computed by
// dynamic programming).
func TestLinesRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func() []string {
		n := rng.Intn(12)
		out := make([]string, n)
		for i := range out {
			out[i] = string(rune('a'+rng.Intn(4))) + "\n"
		}
		return out
	}
	for iter := 0; iter < 3000; iter++ {
		a, b := gen(), gen()
		ops := Lines(a, b)
		var gotA, gotB []string
		equal := 0
		for _, op := range ops {
			switch op.Kind {
			case Equal:
				if a[op.A] != b[op.B] {
					t.Fatalf("%q -> %q: Equal op on different lines %v", a, b, op)
				}
				gotA = append(gotA, a[op.A])
				gotB = append(gotB, b[op.B])
				equal++
			case Delete:
				gotA = append(gotA, a[op.A])
			case Insert:
				gotB = append(gotB, b[op.B])
			}
		}
		if strings.Join(gotA, "") != strings.Join(a, "") || strings.Join(gotB, "") != strings.Join(b, "") {
			t.Fatalf("%q -> %q: script does not reproduce inputs: %v", a, b, ops)
		}
		if want := lcs(a, b); equal != want {
			t.Fatalf("%q -> %q: %d equal lines, LCS is %d", a, b, equal, want)
		}
	}
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// TestUnifiedRoundTrip applies the diff's hunks back to the old text.
func TestUnifiedRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for iter := 0; iter < 500; iter++ {
		var a, b []string
		for i := 0; i < 40; i++ {
			l := string(rune('a'+rng.Intn(20))) + "\n"
			a = append(a, l)
			switch rng.Intn(10) {
			case 0: // drop
			case 1:
				b = append(b, "new\n", l)
			case 2:
				b = append(b, "changed\n")
			default:
				b = append(b, l)
			}
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		if got := apply(t, old, Unified("a", "b", old, new)); got != new {
			t.Fatalf("patch(old, diff) != new\nold:\n%s\nnew:\n%s\ndiff:\n%s", old, new, Unified("a", "b", old, new))
		}
	}
}

// apply is a minimal patch(1) for diffs of files ending in newline.
func apply(t *testing.T, old, d string) string {
	t.Helper()
	if d == "" {
		return old
	}
	a := splitLines(old)
	var out []string
	next := 0 // next unconsumed line of a
	lines := strings.Split(strings.TrimSuffix(d, "\n"), "\n")[2:]
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "@@"):
			var s1, rest string
			f := strings.Fields(l)
			s1 = strings.TrimPrefix(f[1], "-")
			rest, _, _ = strings.Cut(s1, ",")
			start := 0
			for _, c := range rest {
				start = start*10 + int(c-'0')
			}
			if strings.HasSuffix(f[1], ",0") {
				start++ // empty range names the line before
			}
			for next < start-1 {
				out = append(out, a[next])
				next++
			}
		case strings.HasPrefix(l, " "):
			out = append(out, a[next])
			next++
		case strings.HasPrefix(l, "-"):
			if a[next] != l[1:]+"\n" {
				t.Fatalf("patch: delete of %q, file has %q", l[1:], a[next])
			}
			next++
		case strings.HasPrefix(l, "+"):
			out = append(out, l[1:]+"\n")
		}
	}
	out = append(out, a[next:]...)
	return strings.Join(out, "")
}

// TestLinesLargeDistance covers the fallback past maxD: the script must
// still be valid even though it is no longer minimal.
func TestLinesLargeDistance(t *testing.T) {
	var a, b []string
	for i := 0; i < maxD; i++ {
		a = append(a, "a"+strings.Repeat("x", i%7)+string(rune('0'+i%10))+"\n")
		b = append(b, "b"+string(rune('0'+i%10))+"\n")
	}
	a = append([]string{"same\n"}, a...)
	b = append([]string{"same\n"}, b...)
	old, new := strings.Join(a, ""), strings.Join(b, "")
	if got := apply(t, old, Unified("a", "b", old, new)); got != new {
		t.Fatal("patch(old, diff) != new past maxD")
	}
}
