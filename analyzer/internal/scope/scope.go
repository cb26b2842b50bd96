// Package scope decides which code racelint reports on: not the code that
// cannot run concurrently with itself by construction (database
// migrations, run once and in order by a migration framework; tests), and
// not the paths a project excludes with skip-paths.
package scope

import (
	"go/types"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/callers"
)

// Scope holds the settings and a cache of module roots. It is safe for
// concurrent use; one value lives as long as the analyzer that owns it.
type Scope struct {
	skipPaths  []string
	migrations bool // report migration code too

	mu    sync.Mutex
	roots map[string]string // directory -> module root ("" when none)
}

// New returns a scope that excludes the files matching skipPaths and,
// unless migrations is set, migration code.
func New(skipPaths []string, migrations bool) *Scope {
	var clean []string
	for _, p := range skipPaths {
		if p = strings.Trim(filepath.ToSlash(strings.TrimSpace(p)), "/"); p != "" {
			clean = append(clean, p)
		}
	}
	return &Scope{skipPaths: clean, migrations: migrations, roots: map[string]string{}}
}

// Package reports why a whole package is out of scope: a migrations
// package (an import path element "migrations" or "migration"), unless
// migrations are reported.
func (s *Scope) Package(pkgPath string) (why string, out bool) {
	if s.migrations {
		return "", false
	}
	for _, elem := range strings.Split(pkgPath, "/") {
		if elem == "migrations" || elem == "migration" {
			return "a migrations package", true
		}
	}
	return "", false
}

// IsTestFile reports whether file is a _test.go file. Test code is left out
// like migrations: it runs under go test, which seeds fixtures, reads them
// back and asserts, one step after another, and never serves two requests
// at once. The races it could show are in the functions it calls, which
// are analysed in their own files.
func IsTestFile(file string) bool { return strings.HasSuffix(file, "_test.go") }

// File reports whether file (an absolute path) matches skip-paths. A
// pattern is a path relative to the module root: a directory excludes
// everything below it, and path.Match globs match the file's path or the
// directory it is in ("internal/legacy", "cmd/*/admin.go", "**/seed").
func (s *Scope) File(file string) bool {
	if len(s.skipPaths) == 0 || file == "" {
		return false
	}
	rel, inModule := s.relative(file)
	for _, p := range s.skipPaths {
		if !inModule && !strings.HasPrefix(p, "**/") {
			p = "**/" + p // outside a module (GOPATH mode): match at any depth
		}
		if matches(p, rel) {
			return true
		}
	}
	return false
}

func matches(pattern, rel string) bool {
	if strings.HasPrefix(pattern, "**/") {
		// Any depth: try the pattern at every directory boundary.
		rest := strings.TrimPrefix(pattern, "**/")
		parts := strings.Split(rel, "/")
		for i := range parts {
			if matches(rest, strings.Join(parts[i:], "/")) {
				return true
			}
		}
		return false
	}
	pattern = strings.TrimSuffix(pattern, "/**")
	if rel == pattern || strings.HasPrefix(rel, pattern+"/") {
		return true
	}
	for dir := rel; dir != "." && dir != ""; dir = path.Dir(dir) {
		if ok, _ := path.Match(pattern, dir); ok {
			return true
		}
	}
	return false
}

// relative returns file relative to its module root, slash-separated, or
// the whole path when it is in no module.
func (s *Scope) relative(file string) (string, bool) {
	dir := filepath.Dir(file)
	s.mu.Lock()
	root, ok := s.roots[dir]
	if !ok {
		root = ModuleRoot(dir)
		s.roots[dir] = root
	}
	s.mu.Unlock()
	if root == "" {
		return filepath.ToSlash(file), false
	}
	rel, err := filepath.Rel(root, file)
	if err != nil {
		return filepath.ToSlash(file), false
	}
	return filepath.ToSlash(rel), true
}

// Migrations returns the functions of fns that a migration framework of
// the registry runs (goose.AddMigration(up, down), a gormigrate or
// xormigrate Migration{Migrate: ..., Rollback: ...}), with the function
// literals inside them. Nothing is returned when migrations are reported.
func (s *Scope) Migrations(fns []*ssa.Function) map[*ssa.Function]bool {
	if s.migrations {
		return nil
	}
	out := map[*ssa.Function]bool{}
	var mark func(v ssa.Value)
	mark = func(v ssa.Value) {
		var fn *ssa.Function
		switch x := v.(type) {
		case *ssa.Function:
			fn = x
		case *ssa.MakeClosure:
			fn, _ = x.Fn.(*ssa.Function)
		case *ssa.ChangeType:
			mark(x.X)
			return
		}
		if fn == nil || out[fn] {
			return
		}
		out[fn] = true
		for _, anon := range fn.AnonFuncs {
			mark(anon)
		}
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case ssa.CallInstruction:
					callee := x.Common().StaticCallee()
					if callee == nil || callee.Pkg == nil || !apimodel.IsMigrationRegistration(callee.Pkg.Pkg.Path(), callee.Name()) {
						continue
					}
					for _, a := range x.Common().Args {
						mark(a)
					}
				case *ssa.Store:
					fa, ok := x.Addr.(*ssa.FieldAddr)
					if !ok {
						continue
					}
					ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
					if !ok {
						continue
					}
					if n, ok := types.Unalias(ptr.Elem()).(*types.Named); ok && n.Obj().Pkg() != nil &&
						apimodel.IsMigrationType(n.Obj().Pkg().Path(), n.Obj().Name()) {
						mark(x.Val)
					}
				}
			}
		}
	}
	markHelpers(fns, out)
	return out
}

// markHelpers adds to migrations the functions of fns that only migration
// code refers to (the data step a migration callback dispatches to by
// version, a helper of it), until no more are added: what runs only
// inside a migration runs once too. A function that anything else in the
// package calls or takes the value of stays in scope.
func markHelpers(fns []*ssa.Function, migrations map[*ssa.Function]bool) {
	if len(migrations) == 0 {
		return
	}
	ix := callers.New(fns)
	for changed := true; changed; {
		changed = false
		for _, g := range fns {
			sites := ix.Sites(g)
			if migrations[g] || len(sites) == 0 || g.Name() == "init" {
				continue
			}
			if !slices.ContainsFunc(sites, func(s callers.Site) bool { return !InMigration(s.Fn, migrations) }) {
				migrations[g] = true
				changed = true
			}
		}
	}
}

// InMigration reports whether fn, or a function it is a literal of, is
// one of migrations.
func InMigration(fn *ssa.Function, migrations map[*ssa.Function]bool) bool {
	for ; fn != nil; fn = fn.Parent() {
		if migrations[fn] {
			return true
		}
	}
	return false
}

// ModuleRoot returns the nearest directory at or above dir holding a
// go.mod, or "".
func ModuleRoot(dir string) string {
	for i := 0; i < 32 && dir != ""; i++ {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}
