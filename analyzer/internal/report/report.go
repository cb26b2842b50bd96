// Package report turns findings into analysis diagnostics: it names the
// user's code in messages, attaches the read and the check as related
// positions, links the rule page, drops what is silenced, generated or
// configured away, and reports in a deterministic order.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/catalog"
	"github.com/racelint/racelint/analyzer/internal/isolate"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/suppress"
)

// Finding is one race, before it becomes a diagnostic.
type Finding struct {
	Rule    string
	Write   *ops.Op   // where the diagnostic points (the write, or the Begin for RL007)
	Read    *ops.Op   // the read, if any
	Check   token.Pos // the check, if any
	Table   string    // the table or model, for -skip-tables
	Message string    // what races and why, in full, without the rule prefix or the fix
	// Short is the headline: what races, in a few words (the one-line
	// message); Message then follows as the first related line.
	Short string
	// Fixes builds the suggested fixes. It is called only for a finding
	// that is reported (enabled, not skipped, generated or suppressed):
	// building a fix walks SSA and source again.
	Fixes func() []analysis.SuggestedFix
	// Advice, when set, is the rewrite for this finding instead of the
	// rule's (a limit counted before an insert is not fixed by ON
	// CONFLICT).
	Advice *catalog.Advice
	// Seeds: the read looked up a fixed row (its keys are constants) in
	// a function that takes nothing from its caller: default rows seeded
	// at start-up or install. The seeds of one function are one finding.
	Seeds bool
}

// Reporter collects the findings of one package.
type Reporter struct {
	pass     *analysis.Pass
	enabled  func(string) bool
	skip     []string
	findings []Finding
	calls    map[token.Pos]*ast.CallExpr
	conds    []ast.Expr
	genFiles map[string]bool
	failures []*isolate.Failure
	added    map[string]*token.File // files read from disk for positions in summaries
	// relatedInMessage folds related positions into the message, for
	// drivers that turn each related position into an issue of its own.
	relatedInMessage bool
}

// Failures are the panics recovered while building suggested fixes in
// Flush.
func (r *Reporter) Failures() []*isolate.Failure { return r.failures }

// New returns a reporter for pass.
func New(pass *analysis.Pass, enabled func(string) bool, skipTables []string, relatedInMessage bool) *Reporter {
	r := &Reporter{pass: pass, enabled: enabled, calls: map[token.Pos]*ast.CallExpr{}, genFiles: map[string]bool{}, relatedInMessage: relatedInMessage}
	for _, t := range skipTables {
		r.skip = append(r.skip, ops.Table(t))
	}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			r.genFiles[pass.Fset.Position(f.Pos()).Filename] = true
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				r.calls[x.Lparen] = x
			case *ast.IfStmt:
				r.conds = append(r.conds, x.Cond)
			case *ast.ForStmt:
				if x.Cond != nil {
					r.conds = append(r.conds, x.Cond)
				}
			case *ast.SwitchStmt:
				if x.Tag != nil {
					r.conds = append(r.conds, x.Tag)
				}
			case *ast.CaseClause:
				r.conds = append(r.conds, x.List...)
			}
			return true
		})
	}
	return r
}

// Pass returns the pass the reporter reports to.
func (r *Reporter) Pass() *analysis.Pass { return r.pass }

// CallExpr returns the syntax of op's call, or nil.
func (r *Reporter) CallExpr(op *ops.Op) *ast.CallExpr { return r.calls[op.ReportCall().Pos()] }

// CondExpr returns the innermost if, for or switch condition containing
// pos, or nil.
func (r *Reporter) CondExpr(pos token.Pos) ast.Expr { return r.condExpr(pos) }

// Add records a finding.
func (r *Reporter) Add(f Finding) { r.findings = append(r.findings, f) }

// Added is the number of findings added so far.
func (r *Reporter) Added() int { return len(r.findings) }

// DropAfter forgets the findings added after the first n, those of a
// function whose checking failed half-way.
func (r *Reporter) DropAfter(n int) { r.findings = r.findings[:n] }

// ShortCallName is CallName for a one-line message: a long chain keeps
// its root and its last call (s.db…Update).
func (r *Reporter) ShortCallName(op *ops.Op) string {
	name := r.CallName(op)
	if len(name) <= 20 {
		return name
	}
	first := strings.Index(name, "(…)")
	last := strings.LastIndex(name, ".")
	if first < 0 || last < first {
		return name
	}
	root := name[:first]
	if dot := strings.LastIndex(root, "."); dot > 0 {
		root = root[:dot]
	}
	return root + "…" + name[last+1:]
}

// CallName renders an operation's call the way the user wrote it, with
// arguments elided: db.Model(…).Where(…).Update.
func (r *Reporter) CallName(op *ops.Op) string {
	call := r.calls[op.ReportCall().Pos()]
	if call == nil {
		if fn := op.ReportCall().Common().StaticCallee(); fn != nil {
			return fn.Name()
		}
		return op.Method.Name
	}
	return chainText(call.Fun, 0)
}

func chainText(e ast.Expr, depth int) string {
	if depth > 12 {
		return "…"
	}
	switch x := e.(type) {
	case *ast.SelectorExpr:
		return chainText(x.X, depth+1) + "." + x.Sel.Name
	case *ast.CallExpr:
		return chainText(x.Fun, depth+1) + "(…)"
	case *ast.IndexExpr:
		return chainText(x.X, depth+1)
	case *ast.IndexListExpr:
		return chainText(x.X, depth+1)
	case *ast.ParenExpr:
		return chainText(x.X, depth+1)
	case *ast.StarExpr:
		return chainText(x.X, depth+1)
	default:
		return types.ExprString(e)
	}
}

// CondPos returns a source position inside the condition v, looking
// through operands when v itself has none (implicit loads).
func CondPos(v ssa.Value) token.Pos {
	seen := map[ssa.Value]bool{}
	queue := []ssa.Value{v}
	for len(queue) > 0 && len(seen) < 64 {
		x := queue[0]
		queue = queue[1:]
		if x == nil || seen[x] {
			continue
		}
		seen[x] = true
		if p := x.Pos(); p.IsValid() {
			return p
		}
		if instr, ok := x.(ssa.Instruction); ok {
			var buf [8]*ssa.Value
			for _, op := range instr.Operands(buf[:0]) {
				if op != nil && *op != nil {
					queue = append(queue, *op)
				}
			}
		}
	}
	return token.NoPos
}

// condExpr returns the innermost condition expression containing pos.
func (r *Reporter) condExpr(pos token.Pos) ast.Expr {
	var best ast.Expr
	for _, e := range r.conds {
		if e.Pos() <= pos && pos < e.End() && (best == nil || e.End()-e.Pos() < best.End()-best.Pos()) {
			best = e
		}
	}
	return best
}

// ExprText returns the condition containing pos as written, shortened.
func (r *Reporter) ExprText(pos token.Pos) string {
	e := r.condExpr(pos)
	if e == nil {
		return ""
	}
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// storeOf is the kind of store op writes to, which decides the advice.
func storeOf(op *ops.Op) catalog.Store {
	switch op.Store() {
	case apimodel.StoreKeyValue:
		return catalog.KeyValue
	case apimodel.StoreDocument:
		return catalog.Document
	}
	return catalog.SQL
}

// Flush reports every finding that survives configuration, generated-code
// filtering and suppression, sorted by position, then the directive
// problems.
func (r *Reporter) Flush() {
	sup := suppress.Parse(r.pass.Fset, r.pass.Files)
	var diags []analysis.Diagnostic
	seen := map[string]bool{}
	// A race is one read, one check and one rule; when it reaches several
	// writes (an insert on each branch of the check), the first in the
	// source is reported and the others are positions of it, with their
	// fixes joined into its fix.
	race := map[raceKey]int{} // index in diags
	r.sortFindings()
	for _, f := range r.findings {
		rule, ok := catalog.ByID(f.Rule)
		if !ok || !r.enabled(f.Rule) || r.skipped(f.Table) {
			continue
		}
		at := f.Write.ReportCall()
		pos, end := at.Pos(), at.Pos()
		if call := r.calls[pos]; call != nil {
			pos, end = call.Pos(), call.End()
		}
		if r.genFiles[r.pass.Fset.Position(pos).Filename] {
			continue
		}
		key := fmt.Sprintf("%d/%s", pos, f.Rule)
		if seen[key] {
			continue
		}
		seen[key] = true
		if sup.Suppressed(pos, f.Rule) || (at.Pos() != pos && sup.Suppressed(at.Pos(), f.Rule)) {
			continue
		}
		rk := raceKey{read: f.Read, check: f.Check, rule: f.Rule}
		if f.Seeds {
			rk = raceKey{seeder: f.Write.Call.Parent(), rule: f.Rule}
		}
		if i, ok := race[rk]; ok && (f.Seeds || f.Read != nil && f.Check.IsValid()) {
			r.joinRace(&diags[i], f, pos, end)
			continue
		}
		advice := rule.AdviceFor(storeOf(f.Write))
		if f.Advice != nil {
			advice = *f.Advice
		}
		d := analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: rule.ID,
			URL:      rule.URL(),
			Message:  fmt.Sprintf("%s %s: %s — %s", rule.ID, rule.Name, f.Message, advice.Fix),
		}
		if f.Short != "" {
			// One short line; the full explanation is the first related
			// line, at the write.
			d.Message = fmt.Sprintf("%s %s: %s — %s", rule.ID, rule.Name, f.Short, advice.ShortFix)
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, End: end, Message: "why: " + f.Message + "; fix: " + advice.Fix})
		}
		if f.Fixes != nil {
			fn := f.Write.Call.Parent()
			// A fix that cannot be built costs the fix, not the finding.
			if failure := isolate.Do(isolate.Check, r.pass.Pkg.Path(), fn.String(), fn.Pos(), func() { d.SuggestedFixes = f.Fixes() }); failure != nil {
				r.failures = append(r.failures, failure)
			}
		}
		if f.Read != nil {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.start(f.Read), Message: fmt.Sprintf("%s read here", orRecord(f.Read.Name))})
			d.Related = append(d.Related, r.inside(f.Read, "reads")...)
		}
		if f.Check.IsValid() {
			p := f.Check
			if e := r.condExpr(p); e != nil {
				p = e.Pos()
			}
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, Message: "checked here"})
		}
		if f.Write.Kind.IsWrite() {
			d.Related = append(d.Related, r.inside(f.Write, "writes")...)
		}
		if f.Seeds || f.Read != nil && f.Check.IsValid() {
			race[rk] = len(diags)
		}
		diags = append(diags, d)
	}
	if r.relatedInMessage {
		for i := range diags {
			diags[i].Message, diags[i].Related = withRelated(r.pass.Fset, diags[i].Message, diags[i].Related), nil
		}
	}
	for _, p := range sup.Problems(r.enabled) {
		diags = append(diags, analysis.Diagnostic{
			Pos: p.Pos, End: p.End, Category: "directive",
			URL:     catalog.DocsBase + "../suppressing.md",
			Message: p.Message,
		})
	}
	// By file name and offset, not by token.Pos: go/packages parses a
	// package's files concurrently, so the order of their bases in the
	// file set, and with it the order of Pos values across files, differs
	// from run to run.
	fset := r.pass.Fset
	sort.SliceStable(diags, func(i, j int) bool {
		pi, pj := fset.PositionFor(diags[i].Pos, false), fset.PositionFor(diags[j].Pos, false)
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		if pi.Offset != pj.Offset {
			return pi.Offset < pj.Offset
		}
		if diags[i].Category != diags[j].Category {
			return diags[i].Category < diags[j].Category
		}
		return diags[i].Message < diags[j].Message
	})
	for _, d := range diags {
		r.pass.Report(d)
	}
}

// raceKey identifies one race among the findings of a package.
type raceKey struct {
	read  *ops.Op
	check token.Pos
	rule  string
	// seeder is the function of Finding.Seeds findings, which are one
	// finding per function and rule.
	seeder *ssa.Function
}

// sortFindings orders the findings by the position of their write, so
// that the first write of a race is the one reported.
func (r *Reporter) sortFindings() {
	fset := r.pass.Fset
	sort.SliceStable(r.findings, func(i, j int) bool {
		pi := fset.PositionFor(r.findings[i].Write.ReportCall().Pos(), false)
		pj := fset.PositionFor(r.findings[j].Write.ReportCall().Pos(), false)
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		return pi.Offset < pj.Offset
	})
}

// joinRace adds another write of the race d reports: its position, what
// it writes inside a callee, and its fix's edits to d's first fix. A fix
// must remove the whole race, so when this write has no fix of its own,
// or its edits overlap the ones already there (both rewrite the check),
// the race keeps no fix at all.
func (r *Reporter) joinRace(d *analysis.Diagnostic, f Finding, pos, end token.Pos) {
	msg := fmt.Sprintf("the same race writes %s here too", orRecord(f.Write.Name))
	if f.Seeds {
		msg = fmt.Sprintf("another fixed %s row is seeded the same way here", orRecord(f.Write.Name))
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, End: end, Message: msg})
	if f.Write.Kind.IsWrite() {
		d.Related = append(d.Related, r.inside(f.Write, "writes")...)
	}
	if len(d.SuggestedFixes) == 0 {
		return
	}
	var more []analysis.SuggestedFix
	if f.Fixes != nil {
		fn := f.Write.Call.Parent()
		if failure := isolate.Do(isolate.Check, r.pass.Pkg.Path(), fn.String(), fn.Pos(), func() { more = f.Fixes() }); failure != nil {
			r.failures = append(r.failures, failure)
		}
	}
	if len(more) == 0 || overlaps(d.SuggestedFixes[0].TextEdits, more[0].TextEdits) {
		d.SuggestedFixes = nil
		return
	}
	d.SuggestedFixes[0].TextEdits = append(d.SuggestedFixes[0].TextEdits, more[0].TextEdits...)
	d.SuggestedFixes = d.SuggestedFixes[:1] // the alternatives fix the first write only
}

// overlaps reports whether an edit of a touches the range of one of b.
func overlaps(a, b []analysis.TextEdit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Pos <= y.End && y.Pos <= x.End {
				return true
			}
		}
	}
	return false
}

func (r *Reporter) start(op *ops.Op) token.Pos {
	if call := r.calls[op.ReportCall().Pos()]; call != nil {
		return call.Pos()
	}
	return op.ReportCall().Pos()
}

func orRecord(name string) string {
	if name == "" {
		return "record"
	}
	return name
}

func (r *Reporter) skipped(table string) bool {
	t := ops.Table(table)
	if t == "" {
		return false
	}
	for _, s := range r.skip {
		if s == t || strings.EqualFold(s, table) {
			return true
		}
	}
	return false
}

// inside points at the statement of a summarised operation, inside the
// repository method (perhaps in another package) that runs it.
func (r *Reporter) inside(op *ops.Op, verb string) []analysis.RelatedInformation {
	if !op.Summarized {
		return nil
	}
	name := op.Method.Name
	pos := r.resolve(op.Where)
	if !pos.IsValid() {
		if fn := op.Call.Common().StaticCallee(); fn != nil && fn.Object() != nil {
			pos = fn.Object().Pos()
		} else if op.Call.Common().IsInvoke() {
			pos = op.Call.Common().Method.Pos()
		}
	}
	if !pos.IsValid() {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: pos, Message: fmt.Sprintf("%s %s %s here", name, verb, orRecord(op.Name))}}
}

// resolve turns a position recorded in a summary into a position of the
// pass's file set. A file parsed in this run is used as it is. A file the
// file set knows only from export data (go vet loads dependencies so) has
// a line table with one byte per line, where a column cannot be placed:
// the file is then read from disk and added to the file set once, so that
// every driver prints the same line and column. When it cannot be read,
// the start of the line is the best there is.
func (r *Reporter) resolve(p ops.Posn) token.Pos {
	if !p.IsValid() {
		return token.NoPos
	}
	var known *token.File
	r.pass.Fset.Iterate(func(f *token.File) bool {
		if f.Name() == p.File && p.Line <= f.LineCount() {
			known = f
			if fits(f, p) {
				return false
			}
		}
		return true
	})
	if known != nil && fits(known, p) {
		return known.LineStart(p.Line) + token.Pos(p.Col-1)
	}
	if f := r.sourceFile(p.File); f != nil && p.Line <= f.LineCount() && fits(f, p) {
		return f.LineStart(p.Line) + token.Pos(p.Col-1)
	}
	if known != nil {
		return known.LineStart(p.Line)
	}
	return token.NoPos
}

// fits reports whether f's line p.Line is long enough for column p.Col.
func fits(f *token.File, p ops.Posn) bool {
	end := f.Base() + f.Size()
	if p.Line < f.LineCount() {
		end = int(f.LineStart(p.Line + 1))
	}
	return int(f.LineStart(p.Line))+p.Col-1 < end
}

// sourceFile reads name from disk into the file set, once per reporter.
func (r *Reporter) sourceFile(name string) *token.File {
	if f, ok := r.added[name]; ok {
		return f
	}
	var f *token.File
	if data, err := os.ReadFile(name); err == nil {
		f = r.pass.Fset.AddFile(name, -1, len(data))
		f.SetLinesForContent(data)
	}
	if r.added == nil {
		r.added = map[string]*token.File{}
	}
	r.added[name] = f
	return f
}

// withRelated appends the related positions to msg as "(emails read here:
// store.go:12; checked here: store.go:15)", file names without their
// directories: the finding's own position says which package it is in.
func withRelated(fset *token.FileSet, msg string, related []analysis.RelatedInformation) string {
	if len(related) == 0 {
		return msg
	}
	parts := make([]string, len(related))
	for i, r := range related {
		p := fset.Position(r.Pos)
		parts[i] = fmt.Sprintf("%s: %s:%d", r.Message, filepath.Base(p.Filename), p.Line)
	}
	return msg + " (" + strings.Join(parts, "; ") + ")"
}
