package facts

// Predicate facts: which fields a function returning one bool or error
// reads of its parameters, so that a check written as its call in another
// package (if !u.IsAdmin()) names the columns it tests. Read from the
// syntax, so that model packages that import no database library (and
// get no SSA form) export them too.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// maxPredicateDepth bounds how far a parameter is followed into methods
// of the same package (CanLogin calling IsLocked).
const maxPredicateDepth = 3

// exportPredicates exports a PredicateFields fact for each function or
// method of the package that returns one bool or error and reads fields
// of a parameter (the receiver is parameter 0) and nothing else of it.
func exportPredicates(pass *analysis.Pass) {
	decls := map[*types.Func]*ast.FuncDecl{}
	var order []*types.Func // source order, so that facts are exported deterministically
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[obj] = fd
					order = append(order, obj)
				}
			}
		}
	}
	for _, obj := range order {
		if !obj.Exported() {
			continue // only other packages read the fact, and they call exported functions
		}
		fd := decls[obj]
		sig := obj.Type().(*types.Signature)
		if sig.Results().Len() != 1 || !predicateResult(sig.Results().At(0).Type()) {
			continue
		}
		var pf PredicateFields
		for i, p := range predicateParams(pass, fd) {
			if fields, ok := fieldsUsed(pass, decls, fd, p, 0); ok {
				pf.Params = append(pf.Params, ParamFields{Index: i, Fields: fields})
			}
		}
		if len(pf.Params) > 0 {
			pass.ExportObjectFact(obj, &pf)
		}
	}
}

func predicateResult(t types.Type) bool {
	return types.Identical(t, types.Typ[types.Bool]) || types.Identical(t, types.Universe.Lookup("error").Type())
}

// predicateParams returns the parameter objects of fd, the receiver
// first, as SSA numbers them; nil entries for unnamed ones.
func predicateParams(pass *analysis.Pass, fd *ast.FuncDecl) []types.Object {
	var out []types.Object
	add := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, field := range fl.List {
			if len(field.Names) == 0 {
				out = append(out, nil)
			}
			for _, n := range field.Names {
				out = append(out, pass.TypesInfo.Defs[n])
			}
		}
	}
	add(fd.Recv)
	add(fd.Type.Params)
	return out
}

// fieldsUsed returns the fields fd reads of p, when every use of p is a
// field selection or a call of a method of this package that only reads
// fields of its receiver.
func fieldsUsed(pass *analysis.Pass, decls map[*types.Func]*ast.FuncDecl, fd *ast.FuncDecl, p types.Object, depth int) ([]string, bool) {
	if p == nil || depth > maxPredicateDepth {
		return nil, false
	}
	var fields []string
	selected := map[*ast.Ident]bool{}
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		sel, isSel := n.(*ast.SelectorExpr)
		if !isSel || !ok {
			return ok
		}
		id, isIdent := ast.Unparen(sel.X).(*ast.Ident)
		if !isIdent || pass.TypesInfo.Uses[id] != p {
			return true
		}
		s := pass.TypesInfo.Selections[sel]
		switch {
		case s == nil:
			ok = false
		case s.Kind() == types.FieldVal:
			fields = append(fields, sel.Sel.Name)
			selected[id] = true
		case s.Kind() == types.MethodVal:
			m, isFunc := s.Obj().(*types.Func)
			callee := decls[m]
			if !isFunc || callee == nil || callee.Recv == nil || len(callee.Recv.List) == 0 || len(callee.Recv.List[0].Names) == 0 {
				ok = false
				return false
			}
			more, good := fieldsUsed(pass, decls, callee, pass.TypesInfo.Defs[callee.Recv.List[0].Names[0]], depth+1)
			if !good {
				ok = false
				return false
			}
			fields = append(fields, more...)
			selected[id] = true
		default:
			ok = false
		}
		return true
	})
	if !ok {
		return nil, false
	}
	// p == nil, p != nil read no column.
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if b, isBin := n.(*ast.BinaryExpr); isBin && (b.Op == token.EQL || b.Op == token.NEQ) {
			for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
				id, isIdent := ast.Unparen(pair[0]).(*ast.Ident)
				if isIdent && pass.TypesInfo.Uses[id] == p && pass.TypesInfo.Types[pair[1]].IsNil() {
					selected[id] = true
				}
			}
		}
		return true
	})
	// Any other use (passed on, compared whole, stored) reads more.
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if id, isIdent := n.(*ast.Ident); isIdent && pass.TypesInfo.Uses[id] == p && !selected[id] {
			ok = false
		}
		return ok
	})
	if !ok || len(fields) == 0 || !onlyComputes(pass, fd, p) {
		return nil, false
	}
	return fields, true
}

// computingPackages are the standard packages a predicate may call: they
// compute, they do not reach a database or another service.
var computingPackages = map[string]bool{
	"strings": true, "bytes": true, "strconv": true, "time": true, "math": true, "unicode": true,
	"unicode/utf8": true, "slices": true, "maps": true, "errors": true, "fmt": true, "regexp": true, "net/mail": true,
}

// onlyComputes reports whether fd calls nothing but methods on p (looked
// into already), conversions, builtins and computing standard functions:
// a repository method that returns an error is not a predicate.
func onlyComputes(pass *analysis.Pass, fd *ast.FuncDecl, p types.Object) bool {
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall || !ok {
			return ok
		}
		if tv, found := pass.TypesInfo.Types[call.Fun]; found && (tv.IsType() || tv.IsBuiltin()) {
			return true
		}
		switch fun := ast.Unparen(call.Fun).(type) {
		case *ast.SelectorExpr:
			if id, isIdent := ast.Unparen(fun.X).(*ast.Ident); isIdent {
				if pass.TypesInfo.Uses[id] == p {
					return true // a method of p, followed by fieldsUsed
				}
				if pkg, isPkg := pass.TypesInfo.Uses[id].(*types.PkgName); isPkg && computingPackages[pkg.Imported().Path()] {
					return true
				}
			}
			if s := pass.TypesInfo.Selections[fun]; s != nil && s.Kind() == types.MethodVal {
				if named := namedPkg(s.Recv()); named != nil && computingPackages[named.Path()] {
					return true // time.Time.Before, strings.Builder...
				}
			}
		}
		ok = false
		return false
	})
	return ok
}

// namedPkg returns the package of t's named type (through a pointer).
func namedPkg(t types.Type) *types.Package {
	if ptr, isPtr := t.(*types.Pointer); isPtr {
		t = ptr.Elem()
	}
	if n, isNamed := types.Unalias(t).(*types.Named); isNamed {
		return n.Obj().Pkg()
	}
	return nil
}
