package fixes

// Reading the affected-row count: a write that re-checks the state in its
// WHERE closes the race only if the caller that updated no row acts as
// the loser. These edits make the caller do what its Go check did when
// the check failed.

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

// guard is the Go check a write depends on, in the one shape whose
// failure branch can be repeated for a write that matched no row:
// `if cond { return ... }`, then the write.
type guard struct {
	failure string   // source text of the return in the if's body
	fn      ast.Node // the function declaration or literal holding both
}

// guardReturn finds the check at pos as `if cond { return ... }`, in the
// function that holds w's call, with w on the path where cond is false.
func (e env) guardReturn(w *ops.Op, call *ast.CallExpr, pos token.Pos) (guard, bool) {
	cond := e.rep.CondExpr(pos)
	if cond == nil {
		return guard{}, false
	}
	file := fileOf(e.pass, cond.Pos())
	if file == nil {
		return guard{}, false
	}
	path, _ := astutil.PathEnclosingInterval(file, cond.Pos(), cond.End())
	var ifs *ast.IfStmt
	for _, n := range path {
		if s, ok := n.(*ast.IfStmt); ok && s.Cond == cond {
			ifs = s
			break
		}
	}
	if ifs == nil || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return guard{}, false
	}
	ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	if !ok {
		return guard{}, false
	}
	failure, ok := text(e.pass, ret)
	if !ok || enclosingFunc(path) != enclosingFunc(pathTo(file, call)) {
		return guard{}, false
	}
	for _, ifi := range e.fn.Ifs {
		if report.CondPos(ifi.Cond) != pos {
			continue
		}
		if guarded, branch := flow.Guards(ifi.Block(), w.Block()); guarded && branch == 1 {
			return guard{failure: failure, fn: enclosingFunc(path)}, true
		}
	}
	return guard{}, false
}

func pathTo(file *ast.File, n ast.Node) []ast.Node {
	path, _ := astutil.PathEnclosingInterval(file, n.Pos(), n.End())
	return path
}

func enclosingFunc(path []ast.Node) ast.Node {
	for _, n := range path {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

// readCount returns the edits that make the statement running w's call
// keep its result, and after its error check take failure when the
// write matched no row. Shapes, with CALL the write's call:
//
//	_, err := CALL        then `return err` or `if err != nil { ...; return ... }`
//	if _, err := CALL; err != nil { ...; return ... }
//	err := CALL.Error     (GORM) the same
//	return CALL.Error     (GORM)
//	if err := CALL.Error; err != nil { ...; return ... }   (GORM)
func (e env) readCount(w *ops.Op, call *ast.CallExpr, g guard) ([]analysis.TextEdit, bool) {
	file := fileOf(e.pass, call.Pos())
	if file == nil {
		return nil, false
	}
	path := pathTo(file, call)
	var stmt ast.Stmt
	var block *ast.BlockStmt
	for i, n := range path {
		if s, ok := n.(ast.Stmt); ok {
			stmt = s
			if i+1 < len(path) {
				if ifs, ok := path[i+1].(*ast.IfStmt); ok && ifs.Init == s {
					// if _, err := CALL; err != nil: the if is the statement.
					stmt, i = ifs, i+1
				}
			}
			if i+1 < len(path) {
				block, _ = path[i+1].(*ast.BlockStmt)
			}
			break
		}
	}
	if stmt == nil || block == nil || enclosingFunc(path) != g.fn {
		return nil, false
	}
	fnType := funcType(g.fn)
	res := e.fresh(call.Pos(), "res")
	indent := e.indentOf(stmt.Pos())
	count, countErr, ok := e.countOf(e.pass.TypesInfo.TypeOf(call), res)
	if !ok {
		return nil, false
	}
	next := nextStmt(block, stmt)
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE || len(s.Rhs) != 1 {
			return nil, false
		}
		switch {
		case len(s.Lhs) == 2 && ast.Unparen(s.Rhs[0]) == call && isBlank(s.Lhs[0]):
			// _, err := CALL
			errName, ok := identName(s.Lhs[1])
			if !ok {
				return nil, false
			}
			follow, ok := e.afterErrCheck(next, errName, count, countErr, g, indent, fnType)
			if !ok {
				return nil, false
			}
			return append([]analysis.TextEdit{replace(s.Lhs[0].Pos(), s.Lhs[0].End(), res)}, follow...), true
		case len(s.Lhs) == 1 && isErrorOf(s.Rhs[0], call):
			// err := CALL.Error
			errName, ok := identName(s.Lhs[0])
			if !ok {
				return nil, false
			}
			follow, ok := e.afterErrCheck(next, errName, count, countErr, g, indent, fnType)
			if !ok {
				return nil, false
			}
			return append([]analysis.TextEdit{
				replace(s.Lhs[0].Pos(), call.Pos(), res+" := "),
				replace(call.End(), s.End(), "\n"+indent+errName+" := "+res+".Error"),
			}, follow...), true
		}
	case *ast.ReturnStmt:
		// return CALL.Error
		if len(s.Results) != 1 || !isErrorOf(s.Results[0], call) || !returnsOnlyError(fnType) {
			return nil, false
		}
		in := indent + "\t"
		tail := "\n" + indent + "if " + res + ".Error != nil {\n" + in + "return " + res + ".Error\n" + indent + "}" +
			zeroBranch(count, countErr, "", "", g, indent) +
			"\n" + indent + "return nil"
		return []analysis.TextEdit{replace(s.Pos(), call.Pos(), res+" := "), replace(call.End(), s.End(), tail)}, true
	case *ast.IfStmt:
		// if err := CALL.Error; err != nil { ... }
		init, ok := s.Init.(*ast.AssignStmt)
		if !ok || s.Else != nil || init.Tok != token.DEFINE || len(init.Rhs) != 1 {
			return nil, false
		}
		if len(init.Lhs) == 2 && ast.Unparen(init.Rhs[0]) == call && isBlank(init.Lhs[0]) {
			// if _, err := CALL; err != nil { ... }: the result must
			// outlive the if, so the statement moves before it.
			errName, ok := identName(init.Lhs[1])
			if !ok || !isErrCheck(s, errName) || !endsInReturn(s.Body) {
				return nil, false
			}
			onErr := ""
			if countErr {
				onErr = e.stmtsText(s.Body, indent+"\t")
			}
			return []analysis.TextEdit{
				replace(s.Pos(), init.Lhs[0].End(), res),
				replace(init.End(), s.Cond.Pos(), "\n"+indent+"if "),
				replace(s.End(), s.End(), zeroBranch(count, countErr, onErr, errName, g, indent)),
			}, true
		}
		if len(init.Lhs) != 1 || !isErrorOf(init.Rhs[0], call) {
			return nil, false
		}
		errName, ok := identName(init.Lhs[0])
		if !ok || countErr || !isErrCheck(s, errName) || !endsInReturn(s.Body) {
			return nil, false
		}
		return []analysis.TextEdit{
			replace(s.Pos(), call.Pos(), res+" := "),
			replace(call.End(), init.End(), "\n"+indent+"if "+errName+" := "+res+".Error"),
			replace(s.End(), s.End(), zeroBranch(count, false, "", "", g, indent)),
		}, true
	}
	return nil, false
}

// afterErrCheck returns the edits after `res, err := ...`: the statement
// next must be `return err` (in a function returning only an error) or
// `if err != nil { ...; return ... }`.
func (e env) afterErrCheck(next ast.Stmt, errName, count string, countErr bool, g guard, indent string, fnType *ast.FuncType) ([]analysis.TextEdit, bool) {
	switch s := next.(type) {
	case *ast.ReturnStmt:
		if len(s.Results) != 1 || !isIdent(s.Results[0], errName) || !returnsOnlyError(fnType) {
			return nil, false
		}
		in := indent + "\t"
		tail := "if " + errName + " != nil {\n" + in + "return " + errName + "\n" + indent + "}" +
			zeroBranch(count, countErr, "return "+errName, errName, g, indent) +
			"\n" + indent + "return nil"
		return []analysis.TextEdit{replace(s.Pos(), s.End(), tail)}, true
	case *ast.IfStmt:
		if s.Init != nil || s.Else != nil || !isErrCheck(s, errName) || !endsInReturn(s.Body) {
			return nil, false
		}
		onErr := ""
		if countErr {
			// The count's own error is handled as the write's was.
			onErr = e.stmtsText(s.Body, indent+"\t")
		}
		return []analysis.TextEdit{replace(s.End(), s.End(), zeroBranch(count, countErr, onErr, errName, g, indent))}, true
	}
	return nil, false
}

// zeroBranch is the text, starting with a newline, that reads the count
// and takes g's failure when it is 0. When reading the count can fail
// (database/sql's RowsAffected), onErr handles that error, named errName.
func zeroBranch(count string, countErr bool, onErr, errName string, g guard, indent string) string {
	in := indent + "\t"
	if !countErr {
		return "\n" + indent + "if " + count + " == 0 {\n" + in + g.failure + "\n" + indent + "}"
	}
	return "\n" + indent + "if n, " + errName + " := " + count + "; " + errName + " != nil {\n" + in + onErr +
		"\n" + indent + "} else if n == 0 {\n" + in + g.failure + "\n" + indent + "}"
}

// countOf returns the expression that reads the affected-row count of a
// write's result of type t held in res: the method or field the registry
// calls the affected-row count (RoleAffected; GORM's RowsAffected field),
// and whether reading it also returns an error.
func (e env) countOf(t types.Type, res string) (expr string, withErr, ok bool) {
	if tup, isTuple := t.(*types.Tuple); isTuple {
		if tup.Len() == 0 {
			return "", false, false
		}
		t = tup.At(0).Type()
	}
	ms := types.NewMethodSet(t)
	if !types.IsInterface(t) {
		if _, isPtr := t.(*types.Pointer); !isPtr {
			ms = types.NewMethodSet(types.NewPointer(t))
		}
	}
	model := apimodel.Default()
	for i := 0; i < ms.Len(); i++ {
		fn, isFunc := ms.At(i).Obj().(*types.Func)
		if !isFunc {
			continue
		}
		if m, found := model.Lookup(fn); found && m.Role == apimodel.RoleAffected {
			sig := fn.Type().(*types.Signature)
			if sig.Params().Len() != 0 || sig.Results().Len() == 0 {
				continue
			}
			return res + "." + fn.Name() + "()", sig.Results().Len() == 2, true
		}
	}
	if apimodel.IsGORMHandle(t) {
		return res + ".RowsAffected", false, true
	}
	return "", false, false
}

// fresh returns name, or name2, name3... so that it is not visible at pos.
func (e env) fresh(pos token.Pos, name string) string {
	scope := e.pass.Pkg.Scope().Innermost(pos)
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n += strconv.Itoa(i)
		}
		if scope == nil {
			return n
		}
		if _, obj := scope.LookupParent(n, pos); obj == nil {
			return n
		}
	}
}

// indentOf returns the blanks before the first token on pos's line.
func (e env) indentOf(pos token.Pos) string {
	tf := e.pass.Fset.File(pos)
	if tf == nil {
		return "\t"
	}
	src, err := e.pass.ReadFile(tf.Name())
	if err != nil {
		return "\t"
	}
	line := tf.LineStart(tf.Line(pos))
	off := tf.Offset(line)
	end := off
	for end < len(src) && (src[end] == '\t' || src[end] == ' ') {
		end++
	}
	return string(src[off:end])
}

// stmtsText prints the statements of b, without their comments, one per
// line at indentation in.
func (e env) stmtsText(b *ast.BlockStmt, in string) string {
	var lines []string
	for _, st := range b.List {
		var buf bytes.Buffer
		if err := format.Node(&buf, e.pass.Fset, st); err != nil {
			return ""
		}
		lines = append(lines, strings.ReplaceAll(buf.String(), "\n", "\n"+in))
	}
	return strings.Join(lines, "\n"+in)
}

func replace(pos, end token.Pos, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)}
}

func nextStmt(block *ast.BlockStmt, s ast.Stmt) ast.Stmt {
	for i, x := range block.List {
		if x == s && i+1 < len(block.List) {
			return block.List[i+1]
		}
	}
	return nil
}

func funcType(fn ast.Node) *ast.FuncType {
	switch f := fn.(type) {
	case *ast.FuncDecl:
		return f.Type
	case *ast.FuncLit:
		return f.Type
	}
	return nil
}

func returnsOnlyError(ft *ast.FuncType) bool {
	if ft == nil || ft.Results == nil || len(ft.Results.List) != 1 || len(ft.Results.List[0].Names) > 1 {
		return false
	}
	id, ok := ft.Results.List[0].Type.(*ast.Ident)
	return ok && id.Name == "error" && len(ft.Results.List[0].Names) == 0
}

func isBlank(x ast.Expr) bool { return isIdent(x, "_") }

func isIdent(x ast.Expr, name string) bool {
	id, ok := ast.Unparen(x).(*ast.Ident)
	return ok && id.Name == name
}

func identName(x ast.Expr) (string, bool) {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok || id.Name == "_" {
		return "", false
	}
	return id.Name, true
}

// isErrorOf reports whether x is CALL.Error.
func isErrorOf(x ast.Expr, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Error" && ast.Unparen(sel.X) == call
}

// isErrCheck reports whether s tests `err != nil`.
func isErrCheck(s *ast.IfStmt, errName string) bool {
	b, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	return ok && b.Op == token.NEQ && isIdent(b.X, errName) && isIdent(b.Y, "nil")
}

func endsInReturn(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}
