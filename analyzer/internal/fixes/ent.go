package fixes

// RL001's fix for ent: the check moves into the update builder's Where,
// as a predicate of the entity's generated package, and the not-found
// error UpdateOne returns when the predicate no longer holds takes the
// check's failure.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/ops"
)

// entPredicates names the generated predicate of each SQL test the
// check's negation is: OpenedAtIsNil(), OwnerIDNotNil(), BalanceGTE(n).
var entPredicates = map[string]string{
	"IS NULL": "IsNil", "IS NOT NULL": "NotNil",
	"=": "EQ", "<>": "NEQ", "<": "LT", "<=": "LTE", ">": "GT", ">=": "GTE",
}

// recheckEnt rewrites an ent UpdateOne/UpdateOneID chain run with Exec
// after a check of one field: Where(<entity>.<Field><Op>(...)) before
// Exec, and ent.IsNotFound(err) taking the check's failure. Shapes:
//
//	if err := CHAIN.Exec(ctx); err != nil { ... }
//	return CHAIN.Exec(ctx)      (in a function returning only an error)
func (e env) recheckEnt(r, w *ops.Op, call *ast.CallExpr, column string, check token.Pos, g guard, pred, bind string) (rechecked, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || w.Method.Name != "Exec" {
		return rechecked{}, false
	}
	builder, ok := e.pass.TypesInfo.TypeOf(sel.X).(*types.Pointer)
	if !ok {
		return rechecked{}, false
	}
	named, ok := builder.Elem().(*types.Named)
	if !ok {
		return rechecked{}, false
	}
	client := named.Obj().Pkg()
	entity, kind := apimodel.EntBuilder(client, named.Obj().Name())
	if kind != "UpdateOne" {
		return rechecked{}, false // Update() counts rows through Save instead
	}
	field := e.checkedField(check, column)
	suffix, known := entPredicates[pred]
	if field == "" || !known {
		return rechecked{}, false
	}
	preds := entityPackage(client, strings.ToLower(entity))
	if preds == nil {
		return rechecked{}, false
	}
	if _, ok := preds.Scope().Lookup(field + suffix).(*types.Func); !ok {
		return rechecked{}, false
	}
	if _, ok := client.Scope().Lookup("IsNotFound").(*types.Func); !ok {
		return rechecked{}, false
	}
	predName, predImport, ok := importName(e.pass, call.Pos(), preds.Path(), preds.Name())
	if !ok {
		return rechecked{}, false
	}
	entName, entImport, ok := importName(e.pass, call.Pos(), client.Path(), client.Name())
	if !ok {
		return rechecked{}, false
	}
	where := fmt.Sprintf("Where(%s.%s%s(%s))", predName, field, suffix, bind)
	notFound, ok := e.entNotFound(call, g, entName)
	if !ok {
		return rechecked{}, false
	}
	edits := []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte(where + ".")}}
	edits = append(edits, notFound...)
	edits = append(edits, predImport...)
	edits = append(edits, entImport...)
	return rechecked{
		message: fmt.Sprintf("Re-check %s in the write: add %s before Exec, and %s when %s.IsNotFound(err) (no row matched)", w.DisplayName(column), where, g.failure, entName),
		edits:   edits,
	}, true
}

// checkedField returns the Go field the check at pos tests, spelled as
// in the code (OpenedAt in `e.OpenedAt != nil`), when it is column's.
func (e env) checkedField(pos token.Pos, column string) string {
	cond := e.rep.CondExpr(pos)
	if cond == nil {
		return ""
	}
	field := ""
	ast.Inspect(cond, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok && field == "" && ops.NormalizeColumn(s.Sel.Name) == column {
			if _, isField := e.pass.TypesInfo.Selections[s]; isField {
				field = s.Sel.Name
			}
		}
		return field == ""
	})
	return field
}

// entityPackage finds the generated package of an entity (ent/email for
// Email) among the packages the client imports.
func entityPackage(client *types.Package, name string) *types.Package {
	for _, imp := range client.Imports() {
		if imp.Path() == client.Path()+"/"+name {
			return imp
		}
	}
	return nil
}

// entNotFound returns the edits that make the not-found error of the
// write take failure.
func (e env) entNotFound(call *ast.CallExpr, g guard, entName string) ([]analysis.TextEdit, bool) {
	file := fileOf(e.pass, call.Pos())
	if file == nil {
		return nil, false
	}
	path := pathTo(file, call)
	if enclosingFunc(path) != g.fn {
		return nil, false
	}
	for i, n := range path {
		stmt, ok := n.(ast.Stmt)
		if !ok {
			continue
		}
		indent := e.indentOf(stmt.Pos())
		switch s := stmt.(type) {
		case *ast.AssignStmt:
			// if err := CALL; err != nil { ... }
			if i+1 >= len(path) {
				return nil, false
			}
			ifs, ok := path[i+1].(*ast.IfStmt)
			if !ok || ifs.Init != s || ifs.Else != nil || s.Tok != token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 || ast.Unparen(s.Rhs[0]) != call {
				return nil, false
			}
			errName, ok := identName(s.Lhs[0])
			if !ok || !isErrCheck(ifs, errName) || !endsInReturn(ifs.Body) {
				return nil, false
			}
			head := fmt.Sprintf("%s.IsNotFound(%s) {\n%s\t%s\n%s} else if ", entName, errName, indent, g.failure, indent)
			return []analysis.TextEdit{replace(ifs.Cond.Pos(), ifs.Cond.Pos(), head)}, true
		case *ast.ReturnStmt:
			// return CALL
			if len(s.Results) != 1 || ast.Unparen(s.Results[0]) != call || !returnsOnlyError(funcType(g.fn)) {
				return nil, false
			}
			errName, assign := "err", " = "
			if !e.errInScope(call.Pos()) {
				errName, assign = e.fresh(call.Pos(), "err"), " := "
			}
			tail := fmt.Sprintf("\n%sif %s.IsNotFound(%s) {\n%s\t%s\n%s}\n%sreturn %s", indent, entName, errName, indent, g.failure, indent, indent, errName)
			return []analysis.TextEdit{
				replace(s.Pos(), call.Pos(), errName+assign),
				replace(call.End(), s.End(), tail),
			}, true
		}
		return nil, false
	}
	return nil, false
}

// errInScope reports whether a local variable err of type error is in
// scope at pos, so that the fix can assign to it.
func (e env) errInScope(pos token.Pos) bool {
	scope := e.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent("err", pos)
	v, ok := obj.(*types.Var)
	return ok && v.Parent() != e.pass.Pkg.Scope() && types.Identical(v.Type(), types.Universe.Lookup("error").Type())
}
