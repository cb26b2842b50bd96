// Package fixes builds the suggested fixes attached to racelint's
// findings. A fix is offered only where the rewrite is mechanical and
// keeps what the code does when it runs alone: the race is closed by
// moving the check or the arithmetic into the database, or by locking
// the row, and nothing else changes. Where the right rewrite depends on
// the application (what a caller that lost the race should do), no fix is
// offered; the diagnostic's message names the rewrite instead.
//
// Edits are confined to what the finding's own calls spell out: a SQL
// string literal written directly in the call (never a constant or a
// variable, which other statements may share), an argument expression,
// or a GORM method chain, plus an import when a fix needs one.
//
// The fixes, by rule (see docs/rules/RLxxx.md, "Suggested fixes"):
//
//   - RL005: lock the read (SELECT ... FOR UPDATE, GORM
//     clause.Locking); alternatively, for a counter, the atomic write of
//     RL003, and for a nullable column, the WHERE re-check of RL001.
//   - RL003: compute the new value in the database (SET n = n + $1,
//     gorm.Expr("n + ?", d)) when the value written is exactly the read
//     column plus or minus a delta; when a Go check guards the write,
//     together with the RL001 re-check of that check.
//   - RL002: make the insert conflict-safe (ON CONFLICT DO NOTHING, GORM
//     clause.OnConflict{DoNothing: true}) when the check was "not found"
//     and a unique constraint on the key is declared (DDL, struct tags);
//     without one the clause never fires, and the message asks for one.
//   - RL001: re-check the Go check in the write's WHERE (AND col IS
//     NULL, AND balance >= $3, GORM Where("col IS NULL")) and read the
//     affected-row count, doing what the check did when it failed
//     (`if cond { return X }`) when no row was updated. A fix that could
//     not read the count would leave both callers winning, so then
//     there is none.
//   - RL004, RL006, RL007: none (see the rule pages).
package fixes

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

// env is what building a fix needs: the pass, the function the finding
// is in, and the syntax of its calls.
type env struct {
	pass *analysis.Pass
	fn   *ops.Func
	rep  *report.Reporter
}

func (e env) call(op *ops.Op) *ast.CallExpr {
	if op == nil || op.Summarized {
		return nil // the statement lives in another function: other callers share it
	}
	return e.rep.CallExpr(op)
}

// CheckThenUpdate returns the fixes of an RL001 finding: write w of the
// row read r after a check of column at check.
func CheckThenUpdate(rep *report.Reporter, fn *ops.Func, r, w *ops.Op, column string, check token.Pos) []analysis.SuggestedFix {
	e := env{rep.Pass(), fn, rep}
	return collect(e.recheck(r, w, column, check))
}

// LostUpdate returns the fixes of an RL003 finding: w writes column with
// a value computed from what r read in it, perhaps after a check at check.
func LostUpdate(rep *report.Reporter, fn *ops.Func, r, w *ops.Op, column string, check token.Pos) []analysis.SuggestedFix {
	e := env{rep.Pass(), fn, rep}
	return collect(e.atomic(r, w, column, check))
}

// TxWithoutLock returns the fixes of an RL005 finding: lock the read
// first; then, as alternatives, the atomic write when counter (the
// column written from its own read value) is set, and the WHERE re-check
// when the check at check tests a nullable column.
func TxWithoutLock(rep *report.Reporter, fn *ops.Func, r, w *ops.Op, counter, column string, check token.Pos) []analysis.SuggestedFix {
	e := env{rep.Pass(), fn, rep}
	fixes := collect(e.lock(r))
	if counter != "" {
		fixes = append(fixes, collect(e.atomic(r, w, counter, check))...)
	} else {
		fixes = append(fixes, collect(e.recheck(r, w, column, check))...)
	}
	return fixes
}

// CheckThenInsert returns the fixes of an RL002 finding: insert w runs
// when read r found no row. conflicts says that a unique constraint the
// code declares makes a second insert of the key conflict; without one,
// or after a check of the data (a quota, a flag: not what a unique index
// enforces), ON CONFLICT would not close the race and there is no fix.
func CheckThenInsert(rep *report.Reporter, fn *ops.Func, r, w *ops.Op, conflicts bool) []analysis.SuggestedFix {
	if !conflicts {
		return nil
	}
	e := env{rep.Pass(), fn, rep}
	return collect(e.conflictSafe(r, w))
}

func collect(fixes ...*analysis.SuggestedFix) []analysis.SuggestedFix {
	var out []analysis.SuggestedFix
	for _, f := range fixes {
		if f != nil && len(f.TextEdits) > 0 {
			out = append(out, *f)
		}
	}
	return out
}
