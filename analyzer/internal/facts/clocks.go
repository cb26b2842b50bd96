package facts

// Clock readings: functions that return the current time in some form
// (unix.Now() returning time.Now().Unix(), utils.GetMillis()). A write of
// what they return is a timestamp, like a write of time.Now(): a touch
// of last_active, a deletion stamp, not a value that decides who won.

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// ClockReading is the fact attached to a function whose one result is
// always a reading of the clock: time.Now(), a method of it other than
// Add, AddDate and Sub (Unix, UnixMilli, UTC, Format), a conversion of
// one, one divided or multiplied by a constant, or another clock reading.
type ClockReading struct{}

// AFact marks ClockReading as a fact.
func (*ClockReading) AFact() {}

func (*ClockReading) String() string { return "clock" }

// exportClocks attaches ClockReading to the package's clock readings,
// from their syntax alone: they are mostly in small utility packages that
// touch no database and are never built into SSA.
func exportClocks(pass *analysis.Pass) {
	var decls []*ast.FuncDecl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type.Results != nil && fd.Type.Results.NumFields() == 1 {
				decls = append(decls, fd)
			}
		}
	}
	clocks := map[*types.Func]bool{}
	isClock := func(fn *types.Func) bool {
		if clocks[fn] {
			return true
		}
		return fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn, new(ClockReading))
	}
	// Until nothing changes: clock readings may call each other.
	for changed := true; changed; {
		changed = false
		for _, fd := range decls {
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || clocks[obj] || !returnsOnlyClock(pass.TypesInfo, fd.Body, isClock) {
				continue
			}
			clocks[obj] = true
			changed = true
		}
	}
	for _, fd := range decls { // source order: facts are exported deterministically
		if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && clocks[obj] {
			pass.ExportObjectFact(obj, &ClockReading{})
		}
	}
}

// returnsOnlyClock reports whether body returns, and every return
// statement of it (outside function literals) returns a clock reading.
func returnsOnlyClock(info *types.Info, body *ast.BlockStmt, isClock func(*types.Func) bool) bool {
	returns, all := 0, true
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(x.Results) != 1 || !clockExpr(info, x.Results[0], isClock) {
				all = false
			}
		}
		return all
	})
	return returns > 0 && all
}

// clockExpr reports whether e reads the clock (see ClockReading).
func clockExpr(info *types.Info, e ast.Expr, isClock func(*types.Func) bool) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		constant := func(e ast.Expr) bool { return info.Types[e].Value != nil }
		switch x.Op.String() {
		case "/", "*":
			return clockExpr(info, x.X, isClock) && constant(x.Y) || constant(x.X) && clockExpr(info, x.Y, isClock)
		}
		return false
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() {
			return len(x.Args) == 1 && clockExpr(info, x.Args[0], isClock) // int64(time.Now().Unix())
		}
		var fn *types.Func
		switch f := ast.Unparen(x.Fun).(type) {
		case *ast.Ident:
			fn, _ = info.Uses[f].(*types.Func)
		case *ast.SelectorExpr:
			fn, _ = info.Uses[f.Sel].(*types.Func)
			if sel, ok := info.Selections[f]; ok && sel.Kind() == types.MethodVal {
				switch fn.Name() {
				case "Add", "AddDate", "Sub":
					return false // a time away from now
				}
				return isTimeValue(sel.Recv()) && clockExpr(info, f.X, isClock)
			}
		}
		if fn == nil || fn.Pkg() == nil {
			return false
		}
		if fn.Pkg().Path() == "time" && fn.Name() == "Now" {
			return true
		}
		return isClock(fn)
	}
	return false
}

func isTimeValue(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}
