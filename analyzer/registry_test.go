package analyzer_test

import (
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/testenv"
)

// TestRegistryMatchesRealModules checks every registry row of a library
// the example module pins against the real module's types: the function
// or method exists on the receiver the row names, and every argument
// index the row gives (SQL, Args, Dest, Opts, Func, Key, Field, Value) is
// a parameter of it. A row that leaves an index at its zero value by
// mistake points at argument 0 and fails here.
func TestRegistryMatchesRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real modules; skipped in -short mode")
	}
	exampleDir, err := filepath.Abs(filepath.Join("..", "example"))
	if err != nil {
		t.Fatal(err)
	}
	testenv.DownloadExampleModules(t, exampleDir)
	paths := map[string]bool{}
	for _, lib := range apimodel.Registry() {
		for _, m := range lib.Methods {
			paths[m.Pkg] = true
		}
		for fork := range lib.Forks {
			paths[fork] = true
		}
	}
	var patterns []string
	for p := range paths {
		patterns = append(patterns, p)
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedTypes | packages.NeedName,
		Dir:  exampleDir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly"),
	}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	real := map[string]*types.Package{}
	for _, p := range pkgs {
		if p.Types != nil && len(p.Errors) == 0 {
			real[p.PkgPath] = p.Types
		}
	}
	checked, absent := 0, 0
	for _, lib := range apimodel.Registry() {
		if len(lib.Methods) > 0 && real[lib.Methods[0].Pkg] == nil {
			t.Logf("%s: not a dependency of the example module, not checked", lib.Name)
			continue
		}
		// Tables list each method for every receiver that may have it
		// (go-redis result accessors, sql.DB/Tx/Conn); a row for a
		// receiver without the method never matches a call, but a name
		// that no receiver has is a mistake. A fork the example module
		// also pins is read as the library, so a row may be for the
		// fork only (pgx v4's pool.BeginFunc): it is checked there.
		variants := func(path string) []*types.Package {
			var out []*types.Package
			if pkg := real[path]; pkg != nil {
				out = append(out, pkg)
			}
			for fork, canonical := range lib.Forks {
				if pkg := real[fork]; pkg != nil && canonical == path {
					out = append(out, pkg)
				}
			}
			return out
		}
		signature := func(m apimodel.Method) *types.Signature {
			for _, pkg := range variants(m.Pkg) {
				if sig := signatureOf(pkg, m.Recv, m.Name); sig != nil {
					return sig
				}
			}
			return nil
		}
		found := map[string]bool{}
		for _, m := range lib.Methods {
			if signature(m) != nil {
				found[m.Pkg+"."+m.Name] = true
			}
		}
		for _, m := range lib.Methods {
			if len(variants(m.Pkg)) == 0 {
				continue
			}
			id := m.Pkg + "." + m.Recv + "." + m.Name
			sig := signature(m)
			if sig == nil {
				absent++
				if !found[m.Pkg+"."+m.Name] {
					t.Errorf("%s (%s): no receiver in the real module has this method", id, lib.Name)
				}
				continue
			}
			checked++
			n := sig.Params().Len()
			for field, i := range map[string]int{"SQL": m.SQL, "Args": m.Args, "Dest": m.Dest, "Opts": m.Opts,
				"Func": m.Func, "Key": m.Key, "Field": m.Field, "Value": m.Value} {
				// In a variadic call an index past the last parameter
				// names an element of the list (HSet(ctx, key, field, value)).
				if i >= n && !sig.Variadic() {
					t.Errorf("%s: %s = %d, but it takes %d parameters: %s", id, field, i, n, sig)
				}
			}
		}
	}
	t.Logf("%d registry rows checked against the real modules (%d rows name a receiver without the method)", checked, absent)
}

// signatureOf finds pkg's function name, or the method name of the type
// recv (through embedding and pointer receivers).
func signatureOf(pkg *types.Package, recv, name string) *types.Signature {
	if recv == "" {
		fn, _ := pkg.Scope().Lookup(name).(*types.Func)
		if fn == nil {
			return nil
		}
		return fn.Type().(*types.Signature)
	}
	tn, _ := pkg.Scope().Lookup(recv).(*types.TypeName)
	if tn == nil {
		return nil
	}
	t := tn.Type()
	if !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
	fn, _ := obj.(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Type().(*types.Signature)
}
