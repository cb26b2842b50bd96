package checks

// Check-then-update, lost update and transactions without a lock
// (RL001, RL003, RL005), and conditional writes whose count nobody reads
// (RL004).

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/catalog"
	"github.com/racelint/racelint/analyzer/internal/fixes"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

// update decides RL001, RL003, RL004, RL005 and the FirstOrInit half of
// RL006 for an UPDATE, DELETE or GORM write w.
func (c *funcChecker) update(w *ops.Op) []report.Finding {
	var out []report.Finding
	if w.Kind == ops.Delete && c.inspected[w] && w.Method.Store() == apimodel.StoreSQL {
		// The delete is the claim: of two callers that passed the same
		// check, one deletes the row and the other sees 0 rows (a single-
		// use token, ent's DeleteOneID and its not-found error), and the
		// count decides what each does. Not for key-value stores, whose
		// keys are taken again (a lock released by GET, compare, DEL
		// deletes the next holder's lock, count or not).
		return out
	}
	for _, r := range c.reads(w) {
		if !c.sameRow(r, w) {
			continue
		}
		if r.Kind == ops.FirstOrInit {
			if w.Object != nil && w.Object == r.Object {
				out = append(out, report.Finding{Rule: catalog.RacyHelper, Write: w, Read: r, Table: w.Name,
					Short:   fmt.Sprintf("%s saves what FirstOrInit built for a missing %s", c.r.ShortCallName(w), w.Name),
					Message: fmt.Sprintf("%s saves the object FirstOrInit built when it found no %s row; two requests can both miss and both create it", c.r.CallName(w), w.Name)})
				return out
			}
			continue
		}
		sameTx := ops.SameTx(r.Handle, w.Handle)
		if sameTx && (r.Locking && !r.ShareLock || r.Handle.Isolation >= apimodel.IsolationRepeatableRead) {
			continue // a row lock or the isolation level serialises the two requests
		}
		if c.lockedBefore(r, w) || c.parentLocked(r, w) || !sameTx && r.Locking && !r.ShareLock && c.onOneHandle(r, w) {
			continue
		}
		derived, isDerived := c.derivedWrite(r, w)
		g := c.guard(r, w, func(ch check) bool {
			return overlaps(w, ch.column) && !testsIdentity(ch, w) && !c.writtenBackUnchanged(w, ch.column) && !c.writesComparedValue(ch, w) && !c.convergent(ch, w) &&
				!(w.Kind == ops.Delete && w.Method.Store() == apimodel.StoreSQL && c.selectsRow(ch, r))
		}, ops.Data)
		implicit := ""
		if g == nil && !isDerived && c.keyReadFrom(r, w) {
			// The read's WHERE filtered by state and the write's key came
			// from the row it found: two callers can pick the same row.
			implicit = intersect(r.State, writtenCols(w))
		}
		if !isDerived && g == nil && implicit == "" {
			if f := c.usedTwice(r, w); f != nil {
				out = append(out, *f)
				return out
			}
			if w.Upsert {
				// SET after GET found nothing: the key-value form of
				// check-then-insert.
				if nf := c.guard(r, w, func(check) bool { return true }, ops.NotFound); nf != nil {
					out = append(out, report.Finding{Rule: catalog.CheckThenInsert, Write: w, Read: r, Check: checkPos(nf), Table: w.Name,
						Short:   fmt.Sprintf("%s sets the %s after %s found it missing", c.r.ShortCallName(w), w.Name, c.r.ShortCallName(r)),
						Message: fmt.Sprintf("%s sets the %s when %s found it missing%s; two requests can both find it missing and both set it", c.r.CallName(w), w.Name, c.r.CallName(r), c.testQuote(nf))})
					return out
				}
			}
			continue
		}
		// What the write must re-check in SQL to be safe.
		var want []string
		switch {
		case isDerived:
			want = []string{derived.Column}
		case g != nil:
			want = []string{g.column}
		default:
			want = []string{implicit}
		}
		if rechecks(w, want) {
			// A WHERE predicate racelint cannot take apart (an ent edge
			// predicate, a tenant scope through a join) may be the
			// re-check, so the write is not reported as unconditional; but
			// nothing says it is one, so it is not RL004 either.
			if !c.inspected[w] && !c.retentionDelete(w, want) && rechecksNamed(w, want) {
				out = append(out, report.Finding{Rule: catalog.UncheckedConditionalWrite, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
					Short:   fmt.Sprintf("%s re-checks %s in SQL but ignores the count", c.r.ShortCallName(w), strings.Join(displayNames(w, w.State), ", ")),
					Message: fmt.Sprintf("%s re-checks %s in its WHERE but ignores the affected-row count, so every caller proceeds as the winner", c.r.CallName(w), strings.Join(displayNames(w, w.State), ", "))})
			}
			continue
		}
		checkText := c.checkText(g, r, implicit)
		if g == nil && implicit == "" && isDerived {
			// No check: the lost update is the race.
			checkText = columnName(w.DisplayName(derived.Column)) + " is computed in Go from the value read"
		}
		switch {
		case sameTx && r.ShareLock:
			out = append(out, report.Finding{Rule: catalog.TxWithoutLock, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Short:   fmt.Sprintf("%s writes %s after %s, read FOR SHARE in this tx", c.r.ShortCallName(w), w.Name, c.shortCheck(g, r, implicit)),
				Message: fmt.Sprintf("%s writes the %s row that %s read FOR SHARE in the same transaction (%s); a share lock does not keep others from reading: two transactions both take it and both pass the check, then each write waits for the other's share lock and the database aborts one as a deadlock (PostgreSQL 40P01, MySQL 1213)", c.r.CallName(w), w.Name, c.r.CallName(r), checkText),
				Fixes: func() []analysis.SuggestedFix {
					return fixes.TxWithoutLock(c.r, c.f, r, w, derived.Column, want[0], checkPos(g))
				}})
		case sameTx:
			out = append(out, report.Finding{Rule: catalog.TxWithoutLock, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Short:   fmt.Sprintf("%s writes %s after %s, read in this tx unlocked", c.r.ShortCallName(w), w.Name, c.shortCheck(g, r, implicit)),
				Message: fmt.Sprintf("%s writes %s that %s read in the same transaction without locking it (%s); %s, so the transaction alone does not help", c.r.CallName(w), record(w), c.r.CallName(r), checkText, c.defaultIsolation(w)),
				Fixes: func() []analysis.SuggestedFix {
					return fixes.TxWithoutLock(c.r, c.f, r, w, derived.Column, want[0], checkPos(g))
				}})
		case isDerived:
			out = append(out, report.Finding{Rule: catalog.LostUpdate, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Short:   fmt.Sprintf("%s writes %s computed in Go from its read", c.r.ShortCallName(w), columnName(w.DisplayName(derived.Column))),
				Message: fmt.Sprintf("%s writes %s computed in Go from the value %s read; an update that lands in between is lost", c.r.CallName(w), columnName(w.DisplayName(derived.Column)), c.r.CallName(r)),
				Fixes:   func() []analysis.SuggestedFix { return fixes.LostUpdate(c.r, c.f, r, w, derived.Column, checkPos(g)) }})
		default:
			out = append(out, report.Finding{Rule: catalog.CheckThenUpdate, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Short:   fmt.Sprintf("%s writes %s after %s checked in Go", c.r.ShortCallName(w), w.Name, c.shortCheck(g, r, implicit)),
				Message: fmt.Sprintf("%s writes %s after %s was checked in Go on what %s read; two requests can both pass the check", c.r.CallName(w), record(w), checkText, c.r.CallName(r)),
				Fixes:   func() []analysis.SuggestedFix { return fixes.CheckThenUpdate(c.r, c.f, r, w, want[0], checkPos(g)) }})
		}
		return out
	}
	return out
}

// retentionDelete reports whether w is a clean-up of rows past a cutoff
// (DELETE ... WHERE endpoint_id = $1 AND ts < $2 after the code checked
// the age of the oldest row) that nothing after it builds on: running it
// twice leaves the rows it deleted once, and with no write after it in the
// function no caller acts as the winner, so its count decides nothing.
// A claim (DELETE ... WHERE id = $1 AND used = false, then grant) tests a
// state by equality and stays RL004.
func (c *funcChecker) retentionDelete(w *ops.Op, want []string) bool {
	if w.Kind != ops.Delete || len(want) == 0 {
		return false
	}
	for _, col := range want {
		if col == "" || !slices.Contains(w.Cutoffs, col) {
			return false
		}
	}
	for _, op := range c.f.Ops {
		if op != w && op.Kind.IsWrite() && c.f.ReachesInstr(w.Call, op.Call) {
			return false
		}
	}
	return true
}

// testsIdentity reports whether the check tests the column w names its
// row by (if !a.HasID() { return }, if u.ID == 0): the identity of a row
// does not change, so the check cannot go stale; a row deleted in between
// makes the write match nothing.
// record names what w writes in the words of its store: the emails row,
// the users document, or the key itself (the key jobs).
func record(w *ops.Op) string {
	switch w.Method.Store() {
	case apimodel.StoreKeyValue:
		return "the " + w.Name
	case apimodel.StoreDocument:
		return "the " + w.Name + " document"
	}
	return "the " + w.Name + " row"
}

func testsIdentity(ch check, w *ops.Op) bool {
	pk, ok := w.PrimaryKey()
	return ok && ch.column != "" && ch.column == pk.Column && pk.Column == "id"
}

// selectsRow reports whether a check only picks which of the rows r read
// the code acts on, by comparing a field of the row with a value from
// elsewhere (`for _, k := range keys { if k.Value == req.Key { Delete(k) }
// }`, `if l.UserID != me { return 403 }`): before a delete of that row,
// both callers that pass it delete the same row once, whatever order they
// run in. Not for key-value stores, whose keys are taken again (GET,
// compare with my token, DEL deletes the next holder's lock). A
// comparison with a constant tests a state the row moves through
// (`if d.State == "draft"`), and one on a version or status column is an
// optimistic check in Go; both stay checks.
func (c *funcChecker) selectsRow(ch check, r *ops.Op) bool {
	cmp, ok := ch.cond.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) || isVersion(ch.column) || ch.column == "status" || ch.column == "state" {
		return false
	}
	fromRead := func(v ssa.Value) bool { return c.derivedFrom(v, r, "") }
	picked := func(row, other ssa.Value) bool {
		if _, isConst := flow.Strip(other).(*ssa.Const); isConst {
			return false
		}
		return fromRead(row) && !fromRead(other)
	}
	return picked(cmp.X, cmp.Y) || picked(cmp.Y, cmp.X)
}

// writtenBackUnchanged reports whether w writes a whole record back
// (db.Save(app), UpdateApplication(app)) whose field for column the code
// never set: the check on it (an owner, a permission, a kind) tested a
// value the write leaves as it was, so it decides nothing the write
// changes. A check on a field the code then sets (app.Status = ...) is
// the state transition itself.
func (c *funcChecker) writtenBackUnchanged(w *ops.Op, column string) bool {
	if column == "" || w.Object == nil || !w.WritesAll || w.Kind != ops.Update {
		return false
	}
	return !c.f.StoresField(w.Object, column)
}

// uncheckedClaim decides RL004 for a conditional claim or status
// transition with no read before it: UPDATE ... SET owner_id = $1 WHERE
// ... owner_id IS NULL whose affected-row count nobody reads.
func (c *funcChecker) uncheckedClaim(w *ops.Op) []report.Finding {
	var out []report.Finding
	if c.inspected[w] || len(w.State) == 0 || w.Imprecise {
		return out
	}
	if w.Summarized && !w.CountHandedBack {
		return out // the callee dropped the count itself and is reported there
	}
	// A claim names one row. Bulk changes (WHERE user_id = $1 AND status =
	// 'unread'), resets and backfills are idempotent and have no winner.
	if pk, ok := w.PrimaryKey(); !ok || pk.Column != "id" {
		return out
	}
	for _, a := range w.Writes {
		if a.Column == "" {
			continue
		}
		if a.Now || a.Atomic {
			// SET first_clicked_at = now() WHERE first_clicked_at IS
			// NULL, SET uses = uses + 1 WHERE uses < max_uses: alone, an
			// idempotent touch or a bounded counter; followed by another
			// write that assumes it matched (credit the first click,
			// grant the coupon), a claim whose loser proceeds anyway.
			if slices.Contains(w.State, a.Column) {
				if a.Atomic && w.Method.Store() == apimodel.StoreSQL && !slices.Contains(w.Cutoffs, a.Column) {
					// SET version = version + 1 WHERE ... AND version = $2:
					// an optimistic lock, whose only job is the count.
					out = append(out, report.Finding{Rule: catalog.UncheckedConditionalWrite, Write: w, Table: w.Name,
						Short:   fmt.Sprintf("%s updates only if %s is unchanged but ignores the count", c.r.ShortCallName(w), columnName(w.DisplayName(a.Column))),
						Message: fmt.Sprintf("%s updates only where %s still has the value the caller read (an optimistic lock), but ignores the affected-row count, so a caller that lost to a concurrent update reports success while its change is dropped", c.r.CallName(w), columnName(w.DisplayName(a.Column)))})
					return out
				}
				if next := c.writeAfter(w); next != nil {
					out = append(out, report.Finding{Rule: catalog.UncheckedConditionalWrite, Write: w, Table: w.Name,
						Short:   fmt.Sprintf("%s writes %s only if %s still allows it but ignores the count", c.r.ShortCallName(w), columnName(w.DisplayName(a.Column)), columnName(w.DisplayName(a.Column))),
						Message: fmt.Sprintf("%s changes %s only where its WHERE still allows it, but ignores the affected-row count, and the write at line %d (%s) then runs as if it had matched, for every caller", c.r.CallName(w), columnName(w.DisplayName(a.Column)), c.r.Pass().Fset.Position(next.ReportCall().Pos()).Line, c.r.CallName(next))})
					return out
				}
			}
			continue
		}
		claim := a.Value != nil && !isBoolish(a.Value)
		transition := a.Column == "status" || a.Column == "state"
		if !claim && !transition {
			continue
		}
		for _, s := range w.State {
			if s == a.Column {
				out = append(out, report.Finding{Rule: catalog.UncheckedConditionalWrite, Write: w, Table: w.Name,
					Short:   fmt.Sprintf("%s writes %s only if unclaimed but ignores the count", c.r.ShortCallName(w), columnName(w.DisplayName(a.Column))),
					Message: fmt.Sprintf("%s changes %s only where it is still unclaimed, but ignores the affected-row count, so every caller proceeds as the winner", c.r.CallName(w), columnName(w.DisplayName(a.Column)))})
				return out
			}
		}
	}
	return out
}

// usedTwice decides the one-time-token shape of RL001: w deletes the row
// r found (only its existence was checked), w's count is ignored, and the
// function goes on as the one that used it (it returns what r read, or
// writes more). Two requests both find the code and both use it.
func (c *funcChecker) usedTwice(r, w *ops.Op) *report.Finding {
	if w.Kind != ops.Delete || c.inspected[w] || w.Summarized || r.Summarized {
		return nil
	}
	nf := c.guard(r, w, func(check) bool { return true }, ops.NotFound)
	if nf == nil || c.writeAfter(w) == nil && !c.returnsRead(r) {
		return nil
	}
	if flow.InLoop(nf.cond.Block()) || len(w.Cutoffs) > 0 {
		// rows.Next(), i < len(rows): a loop over many rows, and a delete
		// past a cutoff, are a clean-up, not one code used once.
		return nil
	}
	advice, what := oneTimeAdvice, w.Name+" row"
	if w.Method.Store() == apimodel.StoreKeyValue {
		advice, what = oneTimeAdviceKV, w.Name
	}
	return &report.Finding{Rule: catalog.CheckThenUpdate, Write: w, Read: r, Check: checkPos(nf), Table: w.Name,
		Short:   fmt.Sprintf("%s deletes the %s %s found but ignores the count", c.r.ShortCallName(w), what, c.r.ShortCallName(r)),
		Message: fmt.Sprintf("%s deletes the %s that %s found%s, but ignores how many it deleted: two requests can both find it and both go on as the one that used it (a one-time code or token used twice)", c.r.CallName(w), what, c.r.CallName(r), c.testQuote(nf)),
		Advice:  &advice}
}

var (
	oneTimeAdvice = catalog.Advice{
		Fix:      "take it in one statement whose result decides: DELETE ... RETURNING (sql.ErrNoRows: already used), or RowsAffected() == 0 as used",
		ShortFix: "let the DELETE's count decide",
	}
	oneTimeAdviceKV = catalog.Advice{
		Fix:      "take it in one command whose reply decides: GETDEL (redis.Nil: already used), or DEL's reply 0 as used",
		ShortFix: "GETDEL, or read DEL's reply",
	}
)

// returnsRead reports whether the function returns something r read.
func (c *funcChecker) returnsRead(r *ops.Op) bool {
	for _, b := range c.f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, v := range ret.Results {
			for _, src := range c.f.Sources(v) {
				if src.Op == r && src.Kind == ops.Data {
					return true
				}
			}
		}
	}
	return false
}

// writeAfter returns a database write of this function that runs after
// w (the work that depends on w's match), or nil. A guarded touch of its
// own (a soft-delete cascade: SET deleted_at = now() WHERE ... AND
// deleted_at IS NULL) does nothing for a caller that lost either, so it
// depends on nothing.
func (c *funcChecker) writeAfter(w *ops.Op) *ops.Op {
	for _, op := range c.f.Ops {
		if op != w && op.Kind.IsWrite() && op.Call != w.Call && w.Before(op) && !guardedTouch(op) {
			return op
		}
	}
	return nil
}

// guardedTouch reports whether w only stamps columns its own WHERE finds
// unset: every column it writes is now() or a literal, and tested.
func guardedTouch(w *ops.Op) bool {
	if w.Kind != ops.Update || len(w.Writes) == 0 {
		return false
	}
	for _, a := range w.Writes {
		if !(a.Now || a.Literal != "") || !slices.Contains(w.State, a.Column) {
			return false
		}
	}
	return true
}

func isBoolish(v ssa.Value) bool {
	return v.Type() != nil && v.Type().Underlying().String() == "bool"
}

// derefAll removes every level of pointer from t.
func derefAll(t types.Type) types.Type {
	for i := 0; i < 4; i++ {
		p, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return t
		}
		t = p.Elem()
	}
	return t
}

// writesComparedValue reports whether the check compares the column with
// the very value the write then stores (if m.Value != v { m.Value = v;
// Save }): every interleaving ends with the same row, so it cannot race.
func (c *funcChecker) writesComparedValue(ch check, w *ops.Op) bool {
	cmp, ok := ch.cond.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
		return false
	}
	for _, a := range w.Writes {
		if a.Column != ch.column || a.Value == nil {
			continue
		}
		if l, ok := a.Value.(*ssa.UnOp); ok && c.f.Overwritten(l) {
			continue // code = randomHex() between the check and the write
		}
		if flow.Equivalent(a.Value, cmp.X) || flow.Equivalent(a.Value, cmp.Y) {
			return true
		}
	}
	return false
}

// onOneHandle reports whether r and w run on one library handle that may
// be a transaction racelint did not see begin: tx.db in the callback of a
// helper that joins the caller's transaction through the context, a
// *gorm.DB handed in. A locking read there says the code runs in one, and
// the lock holds until it ends. A pool (*sql.DB, *pgxpool.Pool) is never
// one: each statement commits alone, and FOR UPDATE on it protects
// nothing; nor is an application type (a repository), whose handle is
// not seen.
func (c *funcChecker) onOneHandle(r, w *ops.Op) bool {
	a, b := r.Handle.Value, w.Handle.Value
	if a == nil || b == nil || !flow.Equivalent(a, b) || apimodel.IsPoolType(a.Type()) {
		return false
	}
	return c.pkg.Model.IsHandle(a.Type()) || apimodel.IsEntClientType(a.Type())
}

// lockedBefore reports whether a lock statement (BEGIN IMMEDIATE, LOCK
// TABLE, an advisory lock) runs on the write's connection before the read.
func (c *funcChecker) lockedBefore(r, w *ops.Op) bool {
	for _, l := range c.f.Ops {
		if l.Kind != ops.Lock || !runsBefore(l, r) || l.Handle.Value == nil {
			continue
		}
		for _, h := range []ops.Handle{w.Handle, r.Handle} {
			if h.Value != nil && flow.Equivalent(l.Handle.Value, h.Value) {
				return true
			}
		}
	}
	return false
}

// runsBefore reports whether l runs before r: an earlier operation of
// the function, or, for two operations of one summarised call (a
// helper that locks the row, then reads it: find(ctx, tx, id, true)),
// the one that comes first inside the callee.
func runsBefore(l, r *ops.Op) bool {
	if l.Call == r.Call && l.Summarized && r.Summarized && l.Where.File == r.Where.File {
		return l.Where.Line < r.Where.Line || (l.Where.Line == r.Where.Line && l.Where.Col < r.Where.Col)
	}
	return l.Before(r)
}

// keyReadFrom reports whether w names its row by something r read: a key
// value scanned from the row, or the object r filled.
func (c *funcChecker) keyReadFrom(r, w *ops.Op) bool {
	if w.Object != nil && c.f.Filled(w.Object, r) {
		return true
	}
	pk, ok := w.PrimaryKey()
	return ok && pk.Value != nil && c.derivedFrom(pk.Value, r, "")
}

// parentLocked reports whether, in the transaction of w, a locking read
// before r locked a row keyed by a value w also uses (SELECT ... FROM users
// WHERE id = $1 FOR UPDATE, then a check and an insert keyed by the same
// user, or by the key read back from the locked row): concurrent callers
// queue on that lock, so the later read sees the committed row.
func (c *funcChecker) parentLocked(r, w *ops.Op) bool {
	for _, l := range c.f.Ops {
		if l.Kind != ops.Read || !l.Locking || l == r || !runsBefore(l, r) || !ops.SameTx(l.Handle, w.Handle) {
			continue
		}
		for _, lk := range l.Keys {
			if lk.Value == nil {
				continue
			}
			lv := lk.Value
			if elems, ok := flow.VariadicArgs(lv); ok && len(elems) == 1 {
				lv = elems[0] // In("id", []string{userID})
			}
			// The key value itself, or the locked row's key as read from
			// it (step := lockStep(ctx, tx, id); insert(ctx, tx, step.ID)).
			sameKey := func(v ssa.Value) bool {
				return v != nil && (flow.Equivalent(lv, v) || lk.Column != "" && c.derivedFrom(v, l, lk.Column))
			}
			for _, wk := range w.Keys {
				if sameKey(wk.Value) {
					return true
				}
			}
			if l.Table == "" || l.Table == r.Table {
				// The lock named the row r then read (its table is the
				// same, or SQL built at run time leaves it unnamed), and
				// w writes r's row.
				for _, rk := range r.Keys {
					if rk.Value != nil && flow.Equivalent(lv, rk.Value) {
						return true
					}
				}
			}
			for _, a := range w.Writes {
				if sameKey(a.Value) {
					return true
				}
			}
		}
	}
	return false
}

// defaultIsolation says why a transaction at the default isolation level
// lets two callers both read the row before either writes, for the
// database w runs on as far as the package's drivers tell.
func (c *funcChecker) defaultIsolation(w *ops.Op) string {
	switch apimodel.PackageDialect(w.Method.Library(), c.r.Pass().Pkg.Imports()) {
	case apimodel.DialectPostgres:
		return "at READ COMMITTED, PostgreSQL's default, both transactions read the old row before either writes"
	case apimodel.DialectMySQL:
		return "at REPEATABLE READ, InnoDB's default, a plain SELECT reads a snapshot: both transactions read the old row, and the second write overwrites the first"
	}
	return "at the default isolation level (READ COMMITTED on PostgreSQL, snapshot reads at REPEATABLE READ on MySQL) both transactions read the old row before either writes"
}
