package fixes

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

const (
	pkgGORM   = apimodel.GORMPath
	pkgClause = apimodel.GORMClausePath
)

var plainColumn = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ---- RL005: lock the read ----

// lock locks the row r reads: FOR UPDATE appended to its SQL literal, or
// clause.Locking inserted into its GORM chain.
func (e env) lock(r *ops.Op) *analysis.SuggestedFix {
	if r != nil && r.Kind == ops.Read && r.ShareLock {
		return e.exclusiveLock(r)
	}
	if r == nil || r.Kind != ops.Read || r.Locking {
		return nil
	}
	call := e.call(r)
	if call == nil {
		return nil
	}
	if r.Method.Lib == apimodel.LibGORM {
		return e.lockGORM(r, call)
	}
	if lib := r.Method.Library(); lib != nil && r.Stmt == nil && (r.Method.LockedForm != "" || lib.LockChain != "") {
		return e.lockMethod(r, call, lib)
	}
	if r.Stmt == nil || r.Stmt.Verb != sqltext.Select || r.Stmt.Lock != sqltext.NoLock || r.Stmt.WithCTE {
		return nil
	}
	lit := literalArg(call, r.Method.SQL)
	if lit == nil {
		return nil
	}
	toks := lexSQL(lit.sql)
	if statements(toks) != 1 || !lockable(toks) || e.dialect(r, toks) == sqlite {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Lock the %s row when reading it: append FOR UPDATE to the SELECT", orRow(r.Name)),
		TextEdits: []analysis.TextEdit{lit.insert(lit.contentEnd(), " FOR UPDATE")},
	}
}

// exclusiveLock turns the share lock of r's SQL literal into FOR UPDATE:
// FOR SHARE and FOR KEY SHARE (PostgreSQL), LOCK IN SHARE MODE (MySQL).
func (e env) exclusiveLock(r *ops.Op) *analysis.SuggestedFix {
	call := e.call(r)
	if call == nil || r.Stmt == nil {
		return nil
	}
	lit := literalArg(call, r.Method.SQL)
	if lit == nil || !lit.plain() {
		return nil
	}
	toks := lexSQL(lit.sql)
	word := func(i int, w string) bool {
		return i < len(toks) && toks[i].kind == tWord && strings.EqualFold(toks[i].text, w)
	}
	for i := range toks {
		var from, to int
		switch {
		case word(i, "FOR") && word(i+1, "SHARE"):
			from, to = toks[i].start, toks[i+1].end
		case word(i, "FOR") && word(i+1, "KEY") && word(i+2, "SHARE"):
			from, to = toks[i].start, toks[i+2].end
		case word(i, "LOCK") && word(i+1, "IN") && word(i+2, "SHARE") && word(i+3, "MODE"):
			from, to = toks[i].start, toks[i+3].end
		default:
			continue
		}
		edit := lit.insert(from, "FOR UPDATE")
		edit.End = lit.pos + token.Pos(to)
		return &analysis.SuggestedFix{
			Message:   fmt.Sprintf("Lock the %s row for the write when reading it: FOR UPDATE instead of %s", orRow(r.Name), lit.sql[from:to]),
			TextEdits: []analysis.TextEdit{edit},
		}
	}
	return nil
}

// lockable reports whether FOR UPDATE can be appended to the SELECT toks
// as is: PostgreSQL rejects it with aggregates, GROUP BY, DISTINCT, set
// operations, window functions and on the nullable side of outer joins,
// and a SELECT that already says FOR or LOCK is left alone.
func lockable(toks []tok) bool {
	for i, t := range toks {
		if t.kind != tWord {
			continue
		}
		switch strings.ToUpper(t.text) {
		case "FOR", "LOCK", "GROUP", "DISTINCT", "UNION", "INTERSECT", "EXCEPT", "HAVING", "OVER", "WINDOW",
			"LEFT", "RIGHT", "FULL", "OUTER", "INTO":
			return false
		case "COUNT", "SUM", "AVG", "MIN", "MAX", "ARRAY_AGG", "STRING_AGG", "JSON_AGG", "JSONB_AGG", "BOOL_AND", "BOOL_OR", "EVERY", "GROUP_CONCAT":
			if i+1 < len(toks) && toks[i+1].punct("(") {
				return false
			}
		}
	}
	return true
}

// lockMethod locks the row r reads through the library's own API: the
// locking form of the read method (beego Read: ReadForUpdate), or the
// locking chain method inserted before a finisher of a chain that has one
// (beego QuerySeter One: ForUpdate().One). Counts are left alone: FOR
// UPDATE is not allowed with aggregates.
func (e env) lockMethod(r *ops.Op, call *ast.CallExpr, lib *apimodel.Library) *analysis.SuggestedFix {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || r.Existence {
		return nil
	}
	if form := r.Method.LockedForm; form != "" {
		return &analysis.SuggestedFix{
			Message:   fmt.Sprintf("Lock the %s row when reading it: call %s instead of %s", orRow(r.Name), form, r.Method.Name),
			TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(form)}},
		}
	}
	if !slices.ContainsFunc(lib.Methods, func(m apimodel.Method) bool {
		return m.Recv == r.Method.Recv && m.Name == lib.LockChain && m.Clause == apimodel.ClauseLock
	}) || chainHas(sel.X, lib.LockChain) {
		return nil
	}
	lock, imp := lib.LockChain+"()", []analysis.TextEdit(nil)
	if a := lib.LockArg; a != nil {
		name, edits, ok := importName(e.pass, call.Pos(), a.Pkg, a.Ident)
		if !ok {
			return nil
		}
		lock, imp = fmt.Sprintf("%s(%s.%s)", lib.LockChain, name, a.Name), edits
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Lock the %s row when reading it: add %s before %s", orRow(r.Name), lock, r.Method.Name),
		TextEdits: append([]analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte(lock + ".")}}, imp...),
	}
}

// gormFinishers are the GORM reads that may take a row lock.
var gormFinishers = map[string]bool{"First": true, "Take": true, "Last": true, "Find": true}

func (e env) lockGORM(r *ops.Op, call *ast.CallExpr) *analysis.SuggestedFix {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || r.Stmt != nil || !gormFinishers[r.Method.Name] || chainHas(sel.X, "Raw", "Clauses") {
		return nil
	}
	name, imp, ok := importName(e.pass, call.Pos(), pkgClause, "clause")
	if !ok {
		return nil
	}
	ins := fmt.Sprintf("Clauses(%s.Locking{Strength: %q}).", name, "UPDATE")
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Lock the %s row when reading it: add Clauses(clause.Locking{Strength: \"UPDATE\"}) before %s", orRow(r.Name), r.Method.Name),
		TextEdits: append([]analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte(ins)}}, imp...),
	}
}

// chainHas reports whether the method chain x calls one of names.
func chainHas(x ast.Expr, names ...string) bool {
	for i := 0; i < 64 && x != nil; i++ {
		switch c := ast.Unparen(x).(type) {
		case *ast.CallExpr:
			if s, ok := c.Fun.(*ast.SelectorExpr); ok {
				for _, n := range names {
					if s.Sel.Name == n {
						return true
					}
				}
				x = s.X
				continue
			}
			return false
		case *ast.SelectorExpr:
			x = c.X
		default:
			return false
		}
	}
	return false
}

// ---- RL003: atomic write ----

// atomic rewrites the write of column, whose value is exactly the value
// r read plus or minus a delta, into an expression the database computes.
// When a Go check at check guards the write (if balance < amount {
// return ... }), computing in the database alone would leave both
// requests passing that check: the fix then also moves the check into
// the WHERE and reads the affected-row count, or there is no fix.
func (e env) atomic(r, w *ops.Op, column string, check token.Pos) *analysis.SuggestedFix {
	fix := e.atomicWrite(r, w, column)
	if fix == nil || !check.IsValid() {
		return fix
	}
	checked := e.checkedColumn(r, check)
	if checked == "" {
		return nil
	}
	where, ok := e.recheckEdits(r, w, e.call(w), checked, check)
	if !ok {
		return nil
	}
	fix.Message += "; " + lowerFirst(where.message)
	fix.TextEdits = append(fix.TextEdits, where.edits...)
	return fix
}

// checkedColumn returns the one column of what r read that the check at
// pos tests, or "".
func (e env) checkedColumn(r *ops.Op, pos token.Pos) string {
	col := ""
	for _, ifi := range e.fn.Ifs {
		if report.CondPos(ifi.Cond) != pos {
			continue
		}
		for _, s := range e.fn.Sources(ifi.Cond) {
			switch {
			case s.Op != r:
			case s.Kind != ops.Data || s.Column == "" || (col != "" && s.Column != col):
				return ""
			default:
				col = s.Column
			}
		}
	}
	return col
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// atomicWrite is atomic without the guard.
func (e env) atomicWrite(r, w *ops.Op, column string) *analysis.SuggestedFix {
	if r == nil || w == nil || column == "" || w.Kind != ops.Update {
		return nil
	}
	call := e.call(w)
	if call == nil || call.Ellipsis.IsValid() {
		return nil
	}
	var a *ops.Assign
	for i := range w.Writes {
		if w.Writes[i].Column == column && w.Writes[i].Value != nil && !w.Writes[i].Atomic {
			a = &w.Writes[i]
			break
		}
	}
	if a == nil {
		return nil
	}
	bin, _ := flow.Strip(a.Value).(*ssa.BinOp)
	if bin == nil || (bin.Op != token.ADD && bin.Op != token.SUB) {
		return nil
	}
	if w.Method.Lib == apimodel.LibEnt {
		return e.atomicEnt(r, w, call, bin, column)
	}
	expr := findBinary(call, bin.Pos(), bin.Op)
	if expr == nil || !numeric(e.pass.TypesInfo.TypeOf(expr)) {
		return nil
	}
	// Which operand is the value read, and which the delta?
	var read, delta ast.Expr
	switch {
	case e.isReadValue(r, column, bin.X, expr.X) && !e.dependsOn(r, column, bin.Y):
		read, delta = expr.X, expr.Y
	case bin.Op == token.ADD && e.isReadValue(r, column, bin.Y, expr.Y) && !e.dependsOn(r, column, bin.X):
		read, delta = expr.Y, expr.X
	default:
		return nil
	}
	deltaText, ok1 := text(e.pass, delta)
	readText, ok2 := text(e.pass, read)
	if !ok1 || !ok2 {
		return nil
	}
	op := bin.Op.String()
	if w.Method.Lib == apimodel.LibGORM {
		return e.atomicGORM(w, call, expr, op, deltaText, readText, column)
	}
	return e.atomicSQL(w, call, expr, op, deltaText, column)
}

// findBinary returns the binary expression at opPos among call's
// arguments (directly, or as the value of a map literal entry).
func findBinary(call *ast.CallExpr, opPos token.Pos, op token.Token) *ast.BinaryExpr {
	var found *ast.BinaryExpr
	for _, arg := range call.Args {
		ast.Inspect(arg, func(n ast.Node) bool {
			if b, ok := n.(*ast.BinaryExpr); ok && b.OpPos == opPos && b.Op == op {
				found = b
			}
			return found == nil
		})
	}
	return found
}

func numeric(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsInteger|types.IsFloat) != 0
}

// isReadValue reports whether v (spelled x) is the value r read in
// column, as is: a variable or a field, no arithmetic or call.
func (e env) isReadValue(r *ops.Op, column string, v ssa.Value, x ast.Expr) bool {
	if !isPath(x) {
		return false
	}
	for _, s := range e.fn.ComputedFrom(v) {
		if s.Op == r && s.Kind == ops.Data && s.Column == column {
			return true
		}
	}
	return false
}

// dependsOn reports whether v is computed from what r read in column.
func (e env) dependsOn(r *ops.Op, column string, v ssa.Value) bool {
	for _, s := range e.fn.Sources(v) {
		if s.Op == r && (s.Column == column || s.Column == "") {
			return true
		}
	}
	return false
}

// isPath reports whether x is a variable, a field path or a dereference
// of one.
func isPath(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPath(x.X)
	case *ast.StarExpr:
		return isPath(x.X)
	}
	return false
}

// atomicSQL turns SET col = $N (with argument x±d) into SET col = col ± $N
// (with argument d).
func (e env) atomicSQL(w *ops.Op, call *ast.CallExpr, expr *ast.BinaryExpr, op, delta, column string) *analysis.SuggestedFix {
	if w.Stmt == nil || w.Stmt.Verb != sqltext.Update || w.Method.SQL < 0 || w.Method.Args < 0 {
		return nil
	}
	lit := literalArg(call, w.Method.SQL)
	if lit == nil || !lit.plain() {
		return nil
	}
	param := -1
	for _, s := range w.Stmt.Set {
		if ops.NormalizeColumn(s.Column) == column && s.Value.Kind == sqltext.OpParam && s.Value.Param >= 0 && !s.SelfRef {
			param = s.Value.Param
		}
	}
	if param < 0 || w.Method.Args+param >= len(call.Args) || ast.Unparen(call.Args[w.Method.Args+param]) != expr {
		return nil
	}
	toks := lexSQL(lit.sql)
	if statements(toks) != 1 {
		return nil
	}
	at := paramToken(toks, param)
	if at < 2 || !toks[at-1].punct("=") {
		return nil
	}
	name, ok := toks[at-2].ident()
	if !ok || ops.NormalizeColumn(name) != column {
		return nil
	}
	spelled := toks[at-2].text
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Compute %s in the database: SET %s = %s %s %s", spelled, spelled, spelled, op, toks[at].text),
		TextEdits: []analysis.TextEdit{
			lit.insert(toks[at].start, spelled+" "+op+" "),
			{Pos: call.Args[w.Method.Args+param].Pos(), End: call.Args[w.Method.Args+param].End(), NewText: []byte(delta)},
		},
	}
}

// paramToken returns the index of the token binding argument param, when
// that argument is bound exactly once ($N used once, or the param-th ?).
func paramToken(toks []tok, param int) int {
	at, n, q := -1, 0, 0
	want := "$" + strconv.Itoa(param+1)
	for i, t := range toks {
		if t.kind != tParam {
			continue
		}
		switch {
		case t.text == want:
			at, n = i, n+1
		case t.text == "?":
			if q == param {
				at, n = i, n+1
			}
			q++
		}
	}
	if n != 1 {
		return -1
	}
	return at
}

// atomicGORM turns Update("col", x±d) (or a map entry "col": x±d) into
// gorm.Expr("col ± ?", d).
func (e env) atomicGORM(w *ops.Op, call *ast.CallExpr, expr *ast.BinaryExpr, op, delta, read, column string) *analysis.SuggestedFix {
	col := ""
	switch w.Method.Name {
	case "Update", "UpdateColumn":
		if len(call.Args) == 2 && ast.Unparen(call.Args[1]) == expr {
			col = stringLit(call.Args[0])
		}
	case "Updates", "UpdateColumns":
		if len(call.Args) == 1 {
			if cl, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit); ok {
				if _, isMap := e.pass.TypesInfo.TypeOf(cl).Underlying().(*types.Map); isMap {
					for _, el := range cl.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok && ast.Unparen(kv.Value) == expr {
							col = stringLit(kv.Key)
						}
					}
				}
			}
		}
	}
	if col == "" || !plainColumn.MatchString(col) || ops.NormalizeColumn(col) != column {
		return nil
	}
	name, imp, ok := importName(e.pass, call.Pos(), pkgGORM, "gorm")
	if !ok {
		return nil
	}
	repl := fmt.Sprintf("%s.Expr(%q, %s)", name, col+" "+op+" ?", delta)
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Compute %s in the database: %s (%s in memory keeps the value read)", col, repl, read),
		TextEdits: append([]analysis.TextEdit{{Pos: expr.Pos(), End: expr.End(), NewText: []byte(repl)}}, imp...),
	}
}

// atomicEnt turns an ent setter of the value read plus or minus a delta
// (SetHits(c.Hits+1) in UpdateOneID(id).SetHits(...).Exec(ctx)) into the
// generated adder, which ent runs as SET hits = hits + $1: AddHits(1),
// AddBalance(-amount).
func (e env) atomicEnt(r, w *ops.Op, call *ast.CallExpr, bin *ssa.BinOp, column string) *analysis.SuggestedFix {
	// The setter is a call of the chain before the finisher.
	var setter *ast.CallExpr
	var expr *ast.BinaryExpr
	ast.Inspect(call, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || setter != nil || len(c.Args) != 1 {
			return setter == nil
		}
		if b, ok := ast.Unparen(c.Args[0]).(*ast.BinaryExpr); ok && b.OpPos == bin.Pos() && b.Op == bin.Op {
			setter, expr = c, b
		}
		return setter == nil
	})
	if setter == nil {
		return nil
	}
	sel, ok := setter.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	field, ok := strings.CutPrefix(sel.Sel.Name, "Set")
	if !ok || ops.NormalizeColumn(field) != column {
		return nil
	}
	// The adder must exist on the same builder, taking the setter's type.
	recv := e.pass.TypesInfo.TypeOf(sel.X)
	adder, _, _ := types.LookupFieldOrMethod(recv, true, e.pass.Pkg, "Add"+field)
	addFn, ok := adder.(*types.Func)
	if !ok {
		return nil
	}
	sig := addFn.Type().(*types.Signature)
	if sig.Params().Len() != 1 || !numeric(sig.Params().At(0).Type()) {
		return nil
	}
	var read, delta ast.Expr
	switch {
	case e.isReadValue(r, column, bin.X, expr.X) && !e.dependsOn(r, column, bin.Y):
		read, delta = expr.X, expr.Y
	case bin.Op == token.ADD && e.isReadValue(r, column, bin.Y, expr.Y) && !e.dependsOn(r, column, bin.X):
		read, delta = expr.Y, expr.X
	default:
		return nil
	}
	deltaText, ok1 := text(e.pass, delta)
	readText, ok2 := text(e.pass, read)
	if !ok1 || !ok2 || !e.usedOutside(read, expr) {
		return nil
	}
	if bin.Op == token.SUB {
		if b, ok := sig.Params().At(0).Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsUnsigned != 0 {
			return nil // -delta does not fit an unsigned adder
		}
		if isPath(delta) || isLiteral(delta) {
			deltaText = "-" + deltaText
		} else {
			deltaText = "-(" + deltaText + ")"
		}
	}
	repl := fmt.Sprintf("Add%s(%s)", field, deltaText)
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Compute %s in the database: %s (%s in memory keeps the value read)", w.DisplayName(column), repl, readText),
		TextEdits: []analysis.TextEdit{
			{Pos: sel.Sel.Pos(), End: setter.Rparen + 1, NewText: []byte(repl)},
		},
	}
}

// usedOutside reports whether the variable at the root of x (c in c.Hits)
// is used in the function outside span: the fix drops x, and a variable
// defined by := and used nowhere else would no longer compile.
func (e env) usedOutside(x ast.Expr, span ast.Node) bool {
	root := ast.Unparen(x)
	for {
		sel, ok := root.(*ast.SelectorExpr)
		if !ok {
			break
		}
		root = ast.Unparen(sel.X)
	}
	id, ok := root.(*ast.Ident)
	if !ok {
		return false
	}
	obj := e.pass.TypesInfo.Uses[id]
	body, ok := e.fn.Fn.Syntax().(*ast.FuncDecl)
	if obj == nil || !ok || body.Body == nil {
		return false
	}
	used := false
	ast.Inspect(body.Body, func(n ast.Node) bool {
		if n == nil || used {
			return false
		}
		if n.Pos() >= span.Pos() && n.End() <= span.End() {
			return false
		}
		if i, ok := n.(*ast.Ident); ok && e.pass.TypesInfo.Uses[i] == obj {
			used = true
		}
		return true
	})
	return used
}

func isLiteral(x ast.Expr) bool {
	_, ok := ast.Unparen(x).(*ast.BasicLit)
	return ok
}

func stringLit(x ast.Expr) string {
	lit, ok := ast.Unparen(x).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return ""
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return ""
	}
	return s
}

// ---- RL001: re-check the Go check in the write ----

// recheck moves the check at check (a nil test of a nullable column, or a
// comparison of the column with a value) into the WHERE of the write it
// guards, and makes the caller read the affected-row count and do what
// the check did when it failed. Without all three the race stays, so
// there is no fix.
func (e env) recheck(r, w *ops.Op, column string, check token.Pos) *analysis.SuggestedFix {
	if r == nil || w == nil || column == "" || column == "id" || !check.IsValid() || w.Imprecise {
		return nil
	}
	call := e.call(w)
	if call == nil {
		return nil
	}
	where, ok := e.recheckEdits(r, w, call, column, check)
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{Message: where.message, TextEdits: where.edits}
}

// rechecked is the part of a fix that moves a Go check into the write.
type rechecked struct {
	message string // "Re-check opened_at in the write: ..."
	edits   []analysis.TextEdit
}

// recheckEdits returns the edits that add the check at check, of column,
// to w's WHERE and read w's affected-row count.
func (e env) recheckEdits(r, w *ops.Op, call *ast.CallExpr, column string, check token.Pos) (rechecked, bool) {
	g, ok := e.guardReturn(w, call, check)
	if !ok {
		return rechecked{}, false
	}
	pred, bind, ok := e.nullness(r, w, column, check), "", true
	if pred == "" {
		pred, bind, ok = e.comparison(r, column, check)
	}
	if w.Method.Lib == apimodel.LibEnt && pred == "" {
		pred, bind, ok = e.entComparison(r, column, check)
	}
	if !ok || pred == "" {
		return rechecked{}, false
	}
	if w.Method.Lib == apimodel.LibEnt {
		return e.recheckEnt(r, w, call, column, check, g, pred, bind)
	}
	var where *analysis.SuggestedFix
	if w.Method.Lib == apimodel.LibGORM {
		where = e.recheckGORM(w, call, column, pred, bind)
	} else {
		where = e.recheckSQL(w, call, column, pred, bind)
	}
	if where == nil {
		return rechecked{}, false
	}
	count, ok := e.readCount(w, call, g)
	if !ok {
		return rechecked{}, false
	}
	return rechecked{
		message: where.Message + ", and " + g.failure + " when it updates no row",
		edits:   append(where.TextEdits, count...),
	}, true
}

// comparison returns, for a check `v OP x` (or `x OP v`) of the value v
// that r read in column, the SQL predicate that holds where the write
// runs (the check's false branch) with a placeholder, and the source text
// of x to bind to it.
func (e env) comparison(r *ops.Op, column string, pos token.Pos) (pred, bind string, ok bool) {
	// Only numbers: a string or a time would need the SQL's quoting and
	// the driver's conversions spelled out.
	return e.comparisonOf(r, column, pos, func(t types.Type, _ token.Token) bool { return numeric(t) })
}

// entComparison is comparison for ent's predicates, which take Go values:
// any comparable value for = and <>, numbers for the order comparisons.
func (e env) entComparison(r *ops.Op, column string, pos token.Pos) (pred, bind string, ok bool) {
	return e.comparisonOf(r, column, pos, func(t types.Type, op token.Token) bool {
		if op == token.EQL || op == token.NEQ {
			return t != nil && types.Comparable(t)
		}
		return numeric(t)
	})
}

func (e env) comparisonOf(r *ops.Op, column string, pos token.Pos, allowed func(types.Type, token.Token) bool) (pred, bind string, ok bool) {
	cond, _ := ast.Unparen(e.rep.CondExpr(pos)).(*ast.BinaryExpr)
	if cond == nil {
		return "", "", false
	}
	for _, ifi := range e.fn.Ifs {
		if report.CondPos(ifi.Cond) != pos {
			continue
		}
		bin, isBin := ifi.Cond.(*ssa.BinOp)
		if !isBin || bin.Op != cond.Op {
			continue
		}
		op, x := bin.Op, cond.Y
		switch {
		case e.isReadValue(r, column, bin.X, cond.X) && !e.dependsOn(r, column, bin.Y):
		case e.isReadValue(r, column, bin.Y, cond.Y) && !e.dependsOn(r, column, bin.X):
			op, x = flow.Mirror(op), cond.X
		default:
			continue
		}
		sqlOp, known := sqlComparison[negate(op)]
		if !known || !allowed(e.pass.TypesInfo.TypeOf(x), op) {
			continue
		}
		xText, ok := text(e.pass, x)
		if !ok {
			continue
		}
		return sqlOp, xText, true
	}
	return "", "", false
}

var sqlComparison = map[token.Token]string{
	token.LSS: "<", token.LEQ: "<=", token.GTR: ">", token.GEQ: ">=", token.EQL: "=", token.NEQ: "<>",
}

// negate returns the comparison that holds when op does not.
func negate(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GEQ
	case token.LEQ:
		return token.GTR
	case token.GTR:
		return token.LEQ
	case token.GEQ:
		return token.LSS
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	}
	return token.ILLEGAL
}

// nullness returns the predicate the write can re-check when the check
// at pos is a lone nil comparison or .Valid test of column, deciding
// whether w runs: "IS NULL" or "IS NOT NULL", as it holds where w runs;
// "" for any other check.
func (e env) nullness(r, w *ops.Op, column string, pos token.Pos) string {
	cond := e.rep.CondExpr(pos)
	if cond == nil || !simpleNullTest(cond) {
		return ""
	}
	for _, ifi := range e.fn.Ifs {
		if report.CondPos(ifi.Cond) != pos {
			continue
		}
		ok := false
		for _, s := range e.fn.Sources(ifi.Cond) {
			ok = ok || s.Op == r && s.Kind == ops.Data && s.Column == column
		}
		if !ok {
			continue
		}
		nullIfTrue, known := nullWhenTrue(ifi.Cond)
		if !known {
			continue
		}
		guarded, branch := flow.Guards(ifi.Block(), w.Block())
		if !guarded {
			continue
		}
		if nullIfTrue == (branch == 0) {
			return "IS NULL"
		}
		return "IS NOT NULL"
	}
	return ""
}

// simpleNullTest reports whether the condition as written is only a nil
// comparison or a .Valid test, perhaps negated: a compound condition
// decides more than the column's nullness.
func simpleNullTest(x ast.Expr) bool {
	x = ast.Unparen(x)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		return simpleNullTest(u.X)
	}
	switch x := x.(type) {
	case *ast.BinaryExpr:
		if x.Op != token.EQL && x.Op != token.NEQ {
			return false
		}
		isNil := func(e ast.Expr) bool { id, ok := ast.Unparen(e).(*ast.Ident); return ok && id.Name == "nil" }
		return isNil(x.X) && isPath(x.Y) || isNil(x.Y) && isPath(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name == "Valid" && isPath(x.X)
	}
	return false
}

// nullWhenTrue reports whether v, a nil comparison or a .Valid test,
// is true exactly when the column is NULL.
func nullWhenTrue(v ssa.Value) (null, ok bool) {
	switch x := v.(type) {
	case *ssa.BinOp:
		if x.Op != token.EQL && x.Op != token.NEQ {
			return false, false
		}
		if isNilConst(x.X) || isNilConst(x.Y) {
			return x.Op == token.EQL, true
		}
	case *ssa.UnOp:
		switch x.Op {
		case token.NOT:
			n, ok := nullWhenTrue(x.X)
			return !n, ok
		case token.MUL:
			if fa, ok := x.X.(*ssa.FieldAddr); ok && flow.FieldName(fa.X.Type(), fa.Field) == "Valid" {
				return false, true
			}
		}
	case *ssa.Field:
		if flow.FieldName(x.X.Type(), x.Field) == "Valid" {
			return false, true
		}
	}
	return false, false
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// recheckSQL appends AND col IS [NOT] NULL, or AND col OP $M binding
// bind as a new last argument, to WHERE id = $N.
func (e env) recheckSQL(w *ops.Op, call *ast.CallExpr, column, pred, bind string) *analysis.SuggestedFix {
	st := w.Stmt
	if st == nil || (st.Verb != sqltext.Update && st.Verb != sqltext.Delete) || st.WhereOr || len(st.Where) != 1 {
		return nil
	}
	if k := st.Where[0]; k.Column != "id" || k.Op != "=" || k.Value.Kind != sqltext.OpParam {
		return nil
	}
	lit := literalArg(call, w.Method.SQL)
	if lit == nil || !lit.plain() {
		return nil
	}
	toks := lexSQL(lit.sql)
	if statements(toks) != 1 {
		return nil
	}
	where := -1
	depth := 0
	for i, t := range toks {
		switch {
		case t.punct("("):
			depth++
		case t.punct(")"):
			depth--
		case depth == 0 && t.is("WHERE"):
			where = i
		}
	}
	if where < 0 {
		return nil
	}
	// WHERE [t.]id = $N, then the end or RETURNING.
	i := where + 1
	if i+2 < len(toks) && toks[i+1].punct(".") {
		i += 2
	}
	if i+2 >= len(toks) || !toks[i+1].punct("=") || toks[i+2].kind != tParam {
		return nil
	}
	if name, ok := toks[i].ident(); !ok || ops.NormalizeColumn(name) != "id" {
		return nil
	}
	after := i + 3
	if after < len(toks) && !toks[after].is("RETURNING") && !toks[after].punct(";") {
		return nil
	}
	spelled := ""
	for _, t := range toks {
		if name, ok := t.ident(); ok && spelled == "" && ops.NormalizeColumn(name) == column && (t.kind == tQuoted || !reservedWord(name)) {
			spelled = t.text
		}
	}
	if spelled == "" {
		return nil
	}
	cond := " AND " + spelled + " " + pred
	edits := []analysis.TextEdit{lit.insert(toks[i+2].end, "")}
	if bind != "" {
		// The new placeholder binds a new last argument.
		if call.Ellipsis.IsValid() || w.Method.Args < 0 || len(call.Args) <= w.Method.Args {
			return nil
		}
		placeholder := "?"
		if strings.HasPrefix(toks[i+2].text, "$") {
			n := len(call.Args) - w.Method.Args
			for _, t := range toks {
				if t.kind == tParam && paramNumber(t.text) > n {
					return nil // numbered past the arguments: not a plain list
				}
			}
			placeholder = "$" + strconv.Itoa(n+1)
		} else if toks[i+2].text != "?" {
			return nil
		}
		cond += " " + placeholder
		last := call.Args[len(call.Args)-1]
		edits = append(edits, analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + bind)})
	}
	edits[0] = lit.insert(toks[i+2].end, cond)
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Re-check %s in the write: add%s to its WHERE", spelled, cond),
		TextEdits: edits,
	}
}

// paramNumber returns N of a $N placeholder, 0 for any other.
func paramNumber(p string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(p, "$"))
	return n
}

func reservedWord(s string) bool {
	switch strings.ToUpper(s) {
	case "UPDATE", "DELETE", "FROM", "SET", "WHERE", "AND", "OR", "NOT", "NULL", "IS", "RETURNING", "TRUE", "FALSE", "NOW":
		return true
	}
	return false
}

// recheckGORM inserts Where("col IS [NOT] NULL"), or Where("col OP ?",
// bind), before Update.
func (e env) recheckGORM(w *ops.Op, call *ast.CallExpr, column, pred, bind string) *analysis.SuggestedFix {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || (w.Method.Name != "Update" && w.Method.Name != "UpdateColumn") || len(call.Args) != 2 || chainHas(sel.X, "Raw", "Or", "Not") {
		return nil
	}
	col := stringLit(call.Args[0])
	if !plainColumn.MatchString(col) || ops.NormalizeColumn(col) != column {
		return nil
	}
	where := fmt.Sprintf("Where(%q)", col+" "+pred)
	if bind != "" {
		where = fmt.Sprintf("Where(%q, %s)", col+" "+pred+" ?", bind)
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Re-check %s in the write: add %s before %s", col, where, w.Method.Name),
		TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte(where + ".")}},
	}
}

// ---- RL002: conflict-safe insert ----

// conflictSafe makes insert w ignore a row that already exists.
func (e env) conflictSafe(r, w *ops.Op) *analysis.SuggestedFix {
	if r == nil || w == nil || w.Kind != ops.Insert || w.ConflictSafe || len(r.Keys) == 0 {
		return nil
	}
	call := e.call(w)
	if call == nil {
		return nil
	}
	index := fmt.Sprintf("%s(%s)", orRow(w.Name), keyColumns(r))
	if w.Method.Lib == apimodel.LibGORM {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || w.Method.Name != "Create" || chainHas(sel.X, "Raw", "Clauses") {
			return nil
		}
		name, imp, ok := importName(e.pass, call.Pos(), pkgClause, "clause")
		if !ok {
			return nil
		}
		ins := fmt.Sprintf("Clauses(%s.OnConflict{DoNothing: true}).", name)
		return &analysis.SuggestedFix{
			Message:   fmt.Sprintf("Insert conflict-safely: add Clauses(clause.OnConflict{DoNothing: true}) before Create (needs a unique index on %s; RowsAffected == 0 means the row already existed, on MariaDB 10.5+ only with mysql.Config{DisableWithReturning: true})", index),
			TextEdits: append([]analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.Pos(), NewText: []byte(ins)}}, imp...),
		}
	}
	st := w.Stmt
	if st == nil || st.Verb != sqltext.Insert || st.Conflict != sqltext.NoConflictClause || st.Returning || st.WithCTE {
		return nil
	}
	lit := literalArg(call, w.Method.SQL)
	if lit == nil {
		return nil
	}
	toks := lexSQL(lit.sql)
	if statements(toks) != 1 || len(toks) < 3 || !toks[0].is("INSERT") || !toks[1].is("INTO") {
		return nil
	}
	values := false
	for _, t := range toks {
		if t.is("VALUES") {
			values = true
		}
		if t.is("ON") || t.is("RETURNING") || t.is("IGNORE") || t.is("SELECT") {
			return nil
		}
	}
	if d := e.dialect(w, toks); !values || (d != postgres && d != sqlite) {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Insert conflict-safely: append ON CONFLICT DO NOTHING (needs a unique index on %s; 0 affected rows means the row already existed)", index),
		TextEdits: []analysis.TextEdit{lit.insert(lit.contentEnd(), " ON CONFLICT DO NOTHING")},
	}
}

func keyColumns(r *ops.Op) string {
	var cols []string
	for _, k := range r.Keys {
		if k.Column != "" {
			cols = append(cols, k.Column)
		}
	}
	if len(cols) == 0 {
		return "the looked-up column"
	}
	return strings.Join(cols, ", ")
}

func orRow(name string) string {
	if name == "" {
		return "record"
	}
	return name
}

// ---- dialects ----

type dialectKind int

const (
	unknownDialect dialectKind = iota
	postgres
	mysql
	sqlite
)

// dialect guesses the database op's SQL runs on: pgx is PostgreSQL; a
// package that imports exactly one family of drivers runs on it; $N
// placeholders are PostgreSQL's. SQL with ? placeholders and no driver in
// sight may be MySQL or SQLite.
func (e env) dialect(op *ops.Op, toks []tok) dialectKind {
	switch apimodel.PackageDialect(op.Method.Library(), e.pass.Pkg.Imports()) {
	case apimodel.DialectPostgres:
		return postgres
	case apimodel.DialectMySQL:
		return mysql
	case apimodel.DialectSQLite:
		return sqlite
	}
	for _, t := range toks {
		if t.kind == tParam && t.text[0] == '$' {
			return postgres
		}
	}
	return unknownDialect
}
