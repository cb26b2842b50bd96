package checks

// Stale whole-row write-back (RL009): a row is read into an object, some
// fields are changed in Go, and the whole object is written back (GORM
// Save, an Updates of the struct, xorm AllCols). Every column the code did
// not change is written with the value it read, so a change another
// request or a background job made to one of them in between is reverted:
// a user's edit undone by a worker that only meant to set a status.

import (
	"fmt"
	"strings"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/catalog"
	"github.com/racelint/racelint/analyzer/internal/ops"
	"github.com/racelint/racelint/analyzer/internal/report"
)

// staleWriteBack decides RL009 for w, a write of a whole record that no
// other rule reported: the record was filled by a read of this function,
// the code changed some of its fields, and nothing serialises the two (a
// row lock, Repeatable Read or Serializable, a lock statement). A record
// the code did not change is a no-op write; one it built itself was not
// read.
func (c *funcChecker) staleWriteBack(w *ops.Op) []report.Finding {
	if !w.WholeRecord || w.Object == nil || w.Method.Store() != apimodel.StoreSQL {
		return nil
	}
	changed := c.f.StoredFields(w.Object)
	if len(changed) == 0 {
		return nil
	}
	for _, s := range w.State {
		if isVersion(s) {
			return nil // an optimistic version guard: RL004 looks at its count
		}
	}
	for _, r := range c.reads(w) {
		if r.Kind != ops.Read || !sameTable(r, w) || !c.f.Filled(w.Object, r) || c.f.Replaced(w.Object, r, w.Call) {
			continue // another table's row, or the request's body decoded over the one read
		}
		sameTx := ops.SameTx(r.Handle, w.Handle)
		if sameTx && (r.Locking && !r.ShareLock || r.Handle.Isolation >= apimodel.IsolationRepeatableRead) {
			return nil
		}
		if c.lockedBefore(r, w) || c.parentLocked(r, w) || !sameTx && r.Locking && !r.ShareLock && c.onOneHandle(r, w) {
			return nil
		}
		var cols []string
		for _, a := range changed {
			if a.Column != "" && len(cols) < 3 {
				cols = append(cols, columnName(w.DisplayName(a.Column)))
			}
		}
		what := "some fields"
		if len(cols) > 0 {
			what = strings.Join(cols, ", ")
			if len(changed) > len(cols) {
				what += ", ..."
			}
		}
		return []report.Finding{{Rule: catalog.StaleWriteBack, Write: w, Read: r, Table: w.Name,
			Short:   fmt.Sprintf("%s writes back the whole %s row %s read", c.r.ShortCallName(w), w.Name, c.r.ShortCallName(r)),
			Message: fmt.Sprintf("%s writes back every column of the %s row that %s read, with only %s changed here; a change another request makes to any other column in between is reverted", c.r.CallName(w), w.Name, c.r.CallName(r), what)}}
	}
	return nil
}
