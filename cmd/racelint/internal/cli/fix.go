package cli

import (
	"cmp"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/racelint/racelint/cmd/racelint/internal/diff"
)

// applyFixes applies the first suggested fix of every finding, or with
// diffOnly prints what that would change. Files are all-or-nothing: a
// file with conflicting edits, or whose result would not parse, is left
// unchanged and reported. It returns false if a file could not be read
// or written.
func (d *driver) applyFixes(findings []*finding, diffOnly bool) bool {
	byFile := map[string][]edit{}
	for _, f := range findings {
		for _, e := range f.fix {
			byFile[e.file] = append(byFile[e.file], e)
		}
	}
	files := make([]string, 0, len(byFile))
	for name := range byFile {
		files = append(files, name)
	}
	sort.Strings(files) // deterministic diff and message order

	ok := true
	for _, name := range files {
		edits, conflict := normalize(byFile[name])
		if conflict {
			d.errorf("%s: conflicting fixes, file left unchanged", d.rel(name))
			continue
		}
		old, err := os.ReadFile(name)
		if err != nil {
			d.errorf("%v", err)
			ok = false
			continue
		}
		// Offsets are only meaningful in the bytes that were parsed.
		if size := edits[0].size; size >= 0 && size != len(old) {
			d.errorf("%s: file changed since it was analysed, left unchanged", d.rel(name))
			continue
		}
		new, err := apply(old, edits)
		if err != nil {
			d.errorf("%s: %v, file left unchanged", d.rel(name), err)
			continue
		}
		if strings.HasSuffix(name, ".go") {
			if _, err := parser.ParseFile(token.NewFileSet(), name, new, parser.ParseComments|parser.SkipObjectResolution); err != nil {
				d.errorf("%s: fixed file would not parse (%v), left unchanged", d.rel(name), err)
				continue
			}
		}
		if diffOnly {
			r := filepath.ToSlash(d.rel(name))
			oldName, newName := "a/"+r, "b/"+r
			if filepath.IsAbs(r) || strings.HasPrefix(r, "/") {
				oldName, newName = r, r
			}
			fmt.Fprint(d.stdout, diff.Unified(oldName, newName, string(old), string(new)))
			continue
		}
		if err := writeFileAtomic(name, new); err != nil {
			d.errorf("%v", err)
			ok = false
		}
	}
	return ok
}

// normalize sorts edits by position, drops exact duplicates (two findings
// may ask for the same change, such as adding one import) and reports
// whether any two remaining edits overlap. Two insertions at the same
// offset also conflict: their order would be arbitrary.
func normalize(edits []edit) ([]edit, bool) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.text, b.text))
	})
	edits = slices.CompactFunc(edits, func(a, b edit) bool {
		return a.start == b.start && a.end == b.end && a.text == b.text
	})
	for i, e := range edits {
		if e.start > e.end || e.start < 0 {
			return nil, true
		}
		if i == 0 {
			continue
		}
		p := edits[i-1]
		if e.start < p.end || (e.start == p.start && e.start == e.end && p.start == p.end) {
			return nil, true
		}
	}
	return edits, false
}

// apply applies sorted, non-overlapping edits to src, last first so that
// earlier offsets stay valid.
func apply(src []byte, edits []edit) ([]byte, error) {
	out := slices.Clone(src)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		if e.end > len(out) {
			return nil, fmt.Errorf("edit at offset %d beyond end of file", e.end)
		}
		out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
	}
	return out, nil
}

// writeFileAtomic replaces name with data so that a crash or a concurrent
// reader sees either the old or the new file, never a partial one: the
// data goes to a temporary file in the same directory (same file system,
// so rename is atomic), is synced, gets the original mode, and is renamed
// over the original.
func writeFileAtomic(name string, data []byte) (err error) {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".racelint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		return err
	}
	return nil
}
