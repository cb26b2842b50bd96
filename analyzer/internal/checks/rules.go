package checks

import (
	"fmt"
	"go/token"
	"go/types"
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
func (c *funcChecker) update(w *ops.Op) {
	for _, r := range c.reads(w) {
		if !c.sameRow(r, w) {
			continue
		}
		if r.Kind == ops.FirstOrInit {
			if w.Object != nil && w.Object == r.Object {
				c.emit(report.Finding{Rule: catalog.RacyHelper, Write: w, Read: r, Table: w.Name,
					Message: fmt.Sprintf("%s saves the object FirstOrInit built when it found no %s row; two requests can both miss and both create it", c.r.CallName(w), w.Name)})
				return
			}
			continue
		}
		sameTx := ops.SameTx(r.Handle, w.Handle)
		if sameTx && (r.Locking || r.Handle.Isolation >= apimodel.IsolationRepeatableRead) {
			continue // a row lock or the isolation level serialises the two requests
		}
		if c.lockedBefore(r, w) || c.parentLocked(r, w) {
			continue
		}
		derived, isDerived := c.derivedWrite(r, w)
		g := c.guard(r, w, func(ch check) bool { return overlaps(w, ch.column) && !c.writesComparedValue(ch, w) }, ops.Data)
		implicit := ""
		if g == nil && !isDerived && c.keyReadFrom(r, w) {
			// The read's WHERE filtered by state and the write's key came
			// from the row it found: two callers can pick the same row.
			implicit = intersect(r.State, writtenCols(w))
		}
		if !isDerived && g == nil && implicit == "" {
			if w.Upsert {
				// SET after GET found nothing: the key-value form of
				// check-then-insert.
				if nf := c.guard(r, w, func(check) bool { return true }, ops.NotFound); nf != nil {
					c.emit(report.Finding{Rule: catalog.CheckThenInsert, Write: w, Read: r, Check: checkPos(nf), Table: w.Name,
						Message: fmt.Sprintf("%s sets the %s when %s found it missing%s; two requests can both find it missing and both set it", c.r.CallName(w), w.Name, c.r.CallName(r), c.testQuote(nf))})
					return
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
			if !c.inspected[w] {
				c.emit(report.Finding{Rule: catalog.UncheckedConditionalWrite, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
					Message: fmt.Sprintf("%s re-checks %s in its WHERE but ignores the affected-row count, so every caller proceeds as the winner", c.r.CallName(w), strings.Join(w.State, ", "))})
			}
			continue
		}
		checkText := c.checkText(g, r, implicit)
		switch {
		case sameTx:
			c.emit(report.Finding{Rule: catalog.TxWithoutLock, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Message: fmt.Sprintf("%s writes the %s row that %s read in the same transaction without locking it (%s); at READ COMMITTED both transactions read the old row before either writes, so the transaction alone does not help", c.r.CallName(w), w.Name, c.r.CallName(r), checkText),
				Fixes: func() []analysis.SuggestedFix {
					return fixes.TxWithoutLock(c.r, c.f, r, w, derived.Column, want[0], checkPos(g))
				}})
		case isDerived:
			c.emit(report.Finding{Rule: catalog.LostUpdate, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Message: fmt.Sprintf("%s writes %s computed in Go from the value %s read; an update that lands in between is lost", c.r.CallName(w), columnName(derived.Column), c.r.CallName(r)),
				Fixes:   func() []analysis.SuggestedFix { return fixes.LostUpdate(c.r, c.f, r, w, derived.Column) }})
		default:
			c.emit(report.Finding{Rule: catalog.CheckThenUpdate, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Message: fmt.Sprintf("%s writes the %s row after %s was checked in Go on what %s read; two requests can both pass the check", c.r.CallName(w), w.Name, checkText, c.r.CallName(r)),
				Fixes:   func() []analysis.SuggestedFix { return fixes.CheckThenUpdate(c.r, c.f, r, w, want[0], checkPos(g)) }})
		}
		return
	}
}

// insert decides RL002 and the FirstOrInit half of RL006.
func (c *funcChecker) insert(w *ops.Op) {
	for _, r := range c.reads(w) {
		if r.Kind == ops.FirstOrInit && w.Object != nil && w.Object == r.Object {
			c.emit(report.Finding{Rule: catalog.RacyHelper, Write: w, Read: r, Table: w.Name,
				Message: fmt.Sprintf("%s creates the object FirstOrInit built when it found no %s row; two requests can both miss and both create it", c.r.CallName(w), w.Name)})
			return
		}
		if !sameTable(r, w) || r.Table == "" || r.Imprecise || !c.insertMatches(r, w) {
			continue
		}
		g := c.guard(r, w, func(check) bool { return true }, ops.NotFound, ops.Data)
		if g == nil {
			continue
		}
		if w.ConflictSafe || c.duplicateHandled(w) || c.lockedBefore(r, w) || c.parentLocked(r, w) {
			return
		}
		if ops.SameTx(r.Handle, w.Handle) && r.Handle.Isolation == apimodel.IsolationSerializable {
			return
		}
		msg := fmt.Sprintf("%s inserts into %s when %s found no row%s; two requests can both find none and both insert", c.r.CallName(w), w.Name, c.r.CallName(r), c.testQuote(g))
		if g.kind == ops.Data {
			msg = fmt.Sprintf("%s inserts into %s after %s was checked on what %s read; two requests can both pass the check and both insert", c.r.CallName(w), w.Name, c.checkText(g, r, ""), c.r.CallName(r))
		}
		msg += c.constraintAdvice(r, w)
		c.emit(report.Finding{Rule: catalog.CheckThenInsert, Write: w, Read: r, Check: checkPos(g), Table: w.Name, Message: msg,
			Fixes: func() []analysis.SuggestedFix { return fixes.CheckThenInsert(c.r, c.f, r, w, g.kind == ops.NotFound) }})
		return
	}
}

// insertMatches reports whether insert w writes the key r looked up.
func (c *funcChecker) insertMatches(r, w *ops.Op) bool {
	if len(r.Keys) == 0 {
		// A keyless read in this function (count the rows, then seed the
		// first one) guards any insert of this function into the table. A
		// summarised read or insert without keys is different: its keys
		// were bound to values this function cannot see, so nothing says
		// the two touch the same row.
		return !r.Summarized && !w.Summarized
	}
	if w.Object != nil {
		// Count(...).Where("key = ?", c.Key) then Create(&c).
		for _, rk := range r.Keys {
			if rk.Value == nil {
				continue
			}
			if root, path := flow.Root(loadedAddr(rk.Value)); root == w.Object && len(path) > 0 {
				return true
			}
		}
	}
	for _, rk := range r.Keys {
		for _, a := range w.Writes {
			if rk.Value != nil && a.Value != nil && flow.Equivalent(rk.Value, a.Value) {
				return true
			}
		}
	}
	return false
}

// duplicateHandled reports whether the code after w looks at a
// duplicate-key error: SQLSTATE 23505, MySQL 1062, gorm.ErrDuplicatedKey,
// errors.As into a driver error type, or a "duplicate"/"unique" message.
func (c *funcChecker) duplicateHandled(w *ops.Op) bool {
	found := false
	for _, b := range c.f.Fn.Blocks {
		if !c.f.Reaches(w.Block(), b) {
			continue
		}
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && isDuplicateCheck(call) {
				found = true
			}
			var buf [16]*ssa.Value
			for _, p := range instr.Operands(buf[:0]) {
				if p == nil || *p == nil {
					continue
				}
				if isDuplicateMarker(c.pkg.Model, *p) {
					found = true
				}
			}
		}
	}
	return found
}

func isDuplicateMarker(m *apimodel.Model, v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Const:
		s := strings.ToLower(strings.Trim(x.String(), `"`))
		if i := strings.IndexByte(s, ':'); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		for _, code := range apimodel.DuplicateKeyCodes {
			if strings.Contains(s, code) {
				return true
			}
		}
		return strings.Contains(s, "duplicate") || strings.Contains(s, "unique")
	case *ssa.Global:
		if v, ok := x.Object().(*types.Var); ok {
			return m.SentinelOf(v) == apimodel.DuplicateKey
		}
	case *ssa.Alloc:
		for _, t := range apimodel.DuplicateKeyErrorTypes {
			if apimodel.IsNamed(derefAll(x.Type()), t[0], t[1]) {
				return true
			}
		}
	}
	return false
}

// firstOrCreate decides RL006 for GORM FirstOrCreate.
// A call of a function that wraps FirstOrCreate is not reported: the
// wrapper's own call is, once, instead of at every caller up the chain.
func (c *funcChecker) firstOrCreate(w *ops.Op) {
	if w.Summarized || w.ConflictSafe || (w.Handle.Tx && w.Handle.Isolation == apimodel.IsolationSerializable) {
		return
	}
	c.emit(report.Finding{Rule: catalog.RacyHelper, Write: w, Table: w.Name,
		Message: fmt.Sprintf("%s is a SELECT then an INSERT, not one statement; two requests can both miss the %s row and both create it", c.r.CallName(w), w.Name)})
}

// serializable decides RL007 for a transaction begun Serializable or
// Repeatable Read.
func (c *funcChecker) serializable(b *ops.Op) {
	if b.Watch {
		return // Redis WATCH and MongoDB WithTransaction retry by design
	}
	if b.Isolation < apimodel.IsolationRepeatableRead || c.retries(b) {
		return
	}
	level := "Serializable"
	if b.Isolation == apimodel.IsolationRepeatableRead {
		level = "Repeatable Read"
	}
	c.emit(report.Finding{Rule: catalog.SerializableWithoutRetry, Write: b,
		Message: fmt.Sprintf("%s begins a %s transaction but nothing retries it; under contention it fails with SQLSTATE 40001", c.r.CallName(b), level)})
}

// retries reports whether a serialization failure of the transaction b
// begins is retried: b runs in a loop, inside a function literal passed to
// a retry helper, or the code around it looks at SQLSTATE 40001.
func (c *funcChecker) retries(b *ops.Op) bool {
	if flow.InLoop(b.Block()) {
		return true
	}
	for fn := c.f.Fn; fn != nil; fn = fn.Parent() {
		if mentionsSerializationFailure(fn) {
			return true
		}
		if fn.Parent() == nil {
			break
		}
		if site := closureSite(fn); site != nil {
			if flow.InLoop(site.Block()) || retryNamed(site) {
				return true
			}
		}
	}
	if b.TxFunc != nil && mentionsSerializationFailure(b.TxFunc) {
		return true
	}
	// A package that tests for serialization failures anywhere (a
	// Retryable(err) helper next to the transaction) retries somewhere:
	// the loop may be in a caller racelint cannot see.
	for _, fn := range c.pkg.Funcs {
		if isRetryPredicate(fn) {
			return true
		}
	}
	return false
}

// isRetryPredicate reports whether fn looks like a helper that classifies
// errors for a retry loop elsewhere (Retryable(err) bool): it mentions
// SQLSTATE 40001, begins no transaction and returns a bool.
func isRetryPredicate(f *ops.Func) bool {
	res := f.Fn.Signature.Results()
	if res.Len() != 1 || res.At(0).Type().Underlying().String() != "bool" {
		return false
	}
	for _, op := range f.Ops {
		if op.Kind == ops.Begin {
			return false
		}
	}
	return mentionsSerializationFailure(f.Fn)
}

// closureSite returns the call in fn's parent that receives fn as a
// function literal.
func closureSite(fn *ssa.Function) ssa.CallInstruction {
	for _, blk := range fn.Parent().Blocks {
		for _, instr := range blk.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			for _, ref := range *mc.Referrers() {
				if call, ok := ref.(ssa.CallInstruction); ok {
					return call
				}
			}
		}
	}
	return nil
}

func retryNamed(call ssa.CallInstruction) bool {
	return calleeNameContains(call, "retry", "backoff", "attempt")
}

// calleeNameContains reports whether the called function's or method's
// name contains one of words, ignoring case.
func calleeNameContains(call ssa.CallInstruction, words ...string) bool {
	name := ""
	if fn := call.Common().StaticCallee(); fn != nil {
		name = fn.Name()
	} else if call.Common().IsInvoke() {
		name = call.Common().Method.Name()
	}
	n := strings.ToLower(name)
	for _, w := range words {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func mentionsSerializationFailure(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var buf [16]*ssa.Value
			for _, p := range instr.Operands(buf[:0]) {
				if p == nil || *p == nil {
					continue
				}
				if k, ok := (*p).(*ssa.Const); ok {
					s := strings.ToLower(k.String())
					for _, code := range apimodel.SerializationFailureCodes {
						if strings.Contains(s, code) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// uncheckedClaim decides RL004 for a conditional claim or status
// transition with no read before it: UPDATE ... SET owner_id = $1 WHERE
// ... owner_id IS NULL whose affected-row count nobody reads.
func (c *funcChecker) uncheckedClaim(w *ops.Op) {
	if c.inspected[w] || len(w.State) == 0 || w.Imprecise {
		return
	}
	if w.Summarized && !w.CountHandedBack {
		return // the callee dropped the count itself and is reported there
	}
	// A claim names one row. Bulk changes (WHERE user_id = $1 AND status =
	// 'unread'), resets and backfills are idempotent and have no winner.
	if pk, ok := w.PrimaryKey(); !ok || pk.Column != "id" {
		return
	}
	for _, a := range w.Writes {
		if a.Now || a.Atomic || a.Column == "" {
			continue
		}
		claim := a.Value != nil && !isBoolish(a.Value)
		transition := a.Column == "status" || a.Column == "state"
		if !claim && !transition {
			continue
		}
		for _, s := range w.State {
			if s == a.Column {
				c.emit(report.Finding{Rule: catalog.UncheckedConditionalWrite, Write: w, Table: w.Name,
					Message: fmt.Sprintf("%s changes %s only where it is still unclaimed, but ignores the affected-row count, so every caller proceeds as the winner", c.r.CallName(w), columnName(w.DisplayName(a.Column)))})
				return
			}
		}
	}
}

func isBoolish(v ssa.Value) bool {
	return v.Type() != nil && v.Type().Underlying().String() == "bool"
}

func (c *funcChecker) emit(f report.Finding) {
	c.reported[f.Write] = true
	switch f.Rule {
	case catalog.CheckThenUpdate, catalog.CheckThenInsert, catalog.LostUpdate, catalog.TxWithoutLock:
		if f.Read == nil {
			break
		}
		if lock, held := c.inProcessLock(f.Read, f.Write); held {
			// A sync.Mutex held from the read to the write serialises this
			// process only; RL008 (off by default) says so instead.
			f.Message = fmt.Sprintf("%s is held across the read and the write, which serialises one process only (%s %s)", lock, f.Rule, f.Message)
			f.Rule, f.Fixes = catalog.InProcessLock, nil
		}
	}
	c.r.Add(f)
}

// inProcessLock returns the in-process lock (sync.Mutex, a keyed lock: any
// Lock method whose receiver also has Unlock), as the source writes it,
// that is taken before r and not released between r and w. A lock that
// covers only the write protects nothing and is ignored.
func (c *funcChecker) inProcessLock(r, w *ops.Op) (lock string, held bool) {
	for _, b := range c.f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !isLockCall(call, "Lock") {
				continue
			}
			if !(call.Block() == r.Block() && flow.Index(call) < flow.Index(r.Call)) && !call.Block().Dominates(r.Block()) {
				continue
			}
			recv := lockReceiver(call)
			if c.unlockedBetween(recv, r, w) {
				continue
			}
			return lockText(call), true
		}
	}
	return "", false
}

// unlockedBetween reports whether recv is unlocked after r and before w.
func (c *funcChecker) unlockedBetween(recv ssa.Value, r, w *ops.Op) bool {
	for _, b := range c.f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call) // a deferred Unlock runs at return
			if !ok || !isLockCall(call, "Unlock") || !flow.Equivalent(lockReceiver(call), recv) {
				continue
			}
			if c.f.ReachesInstr(r.Call, call) && c.f.ReachesInstr(call, w.Call) {
				return true
			}
		}
	}
	return false
}

// isLockCall reports whether call is a method name of a type that also has
// Unlock (sync.Mutex, sync.RWMutex, keyed mutexes).
func isLockCall(call *ssa.Call, name string) bool {
	var recv types.Type
	switch {
	case call.Call.IsInvoke():
		if call.Call.Method.Name() != name {
			return false
		}
		recv = call.Call.Value.Type()
	default:
		fn := call.Call.StaticCallee()
		if fn == nil || fn.Name() != name || fn.Signature.Recv() == nil {
			return false
		}
		recv = fn.Signature.Recv().Type()
	}
	ms := types.NewMethodSet(recv)
	if _, isPtr := recv.Underlying().(*types.Pointer); !isPtr {
		ms = types.NewMethodSet(types.NewPointer(recv))
	}
	return ms.Lookup(nil, "Unlock") != nil || lookupExported(ms, "Unlock")
}

func lookupExported(ms *types.MethodSet, name string) bool {
	for i := 0; i < ms.Len(); i++ {
		if ms.At(i).Obj().Name() == name {
			return true
		}
	}
	return false
}

func lockReceiver(call *ssa.Call) ssa.Value {
	if call.Call.IsInvoke() {
		return call.Call.Value
	}
	if len(call.Call.Args) > 0 {
		return call.Call.Args[0]
	}
	return nil
}

func lockText(call *ssa.Call) string {
	if fn := call.Call.StaticCallee(); fn != nil && fn.Signature.Recv() != nil {
		return "the " + apimodel.TypeName(fn.Signature.Recv().Type()) + " lock"
	}
	return "an in-process lock"
}

func checkPos(g *check) token.Pos {
	if g == nil {
		return token.NoPos
	}
	return report.CondPos(g.cond.Cond)
}

// checkText names the check for a message: the condition as written, or
// the read's own filter.
func (c *funcChecker) checkText(g *check, r *ops.Op, implicit string) string {
	if g != nil {
		if s := c.r.ExprText(report.CondPos(g.cond.Cond)); s != "" {
			return "`" + s + "`"
		}
		if g.column != "" {
			return columnName(g.column)
		}
		return "the value"
	}
	if implicit != "" {
		return columnName(implicit) + " (filtered by the read's WHERE)"
	}
	return "the value"
}

// testQuote returns the not-found test g as written, in parentheses, or
// "" when the source has no expression to quote (if exist { continue }
// after exist, err := x.Get(...): the condition is a result of the read).
func (c *funcChecker) testQuote(g *check) string {
	if s := c.r.ExprText(report.CondPos(g.cond.Cond)); s != "" {
		return " (`" + s + "`)"
	}
	return ""
}

func columnName(c string) string {
	if c == "" {
		return "the value"
	}
	return c
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

// lockedBefore reports whether a lock statement (BEGIN IMMEDIATE, LOCK
// TABLE, an advisory lock) runs on the write's connection before the read.
func (c *funcChecker) lockedBefore(r, w *ops.Op) bool {
	for _, l := range c.f.Ops {
		if l.Kind != ops.Lock || !l.Before(r) || l.Handle.Value == nil {
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

// loadedAddr returns the address v was loaded from (c.Key is *(&c.Key)).
func loadedAddr(v ssa.Value) ssa.Value {
	if l, ok := flow.Strip(v).(*ssa.UnOp); ok && l.Op == token.MUL {
		return l.X
	}
	return v
}

// isDuplicateCheck reports whether call is a driver's duplicate-key
// predicate: mongo.IsDuplicateKeyError, ent.IsConstraintError, a
// helper named isUniqueViolation...
func isDuplicateCheck(call ssa.CallInstruction) bool {
	return calleeNameContains(call, "duplicate", "uniqueviolation", "constrainterror")
}

// constraintAdvice says what the second insert of a check-then-insert
// does: fail on a unique constraint the code declares (and does not
// handle), or silently duplicate when racelint sees none.
func (c *funcChecker) constraintAdvice(r, w *ops.Op) string {
	if len(r.Keys) != 1 || r.Keys[0].Column == "" {
		return "" // a composite or unknown key: no single column to name
	}
	col, name := r.Keys[0].Column, r.DisplayName(r.Keys[0].Column)
	var model types.Type
	if w.Object != nil {
		model = w.Object.Type()
	}
	if c.schema.Unique(w.Table, col, model, names) {
		return fmt.Sprintf(", and the unique constraint on %s then fails the second with a duplicate-key error this code does not handle", name)
	}
	if w.Method.Role == apimodel.RoleEntSave {
		return "" // ent declares constraints in its schema package, which racelint does not read
	}
	return fmt.Sprintf("; racelint sees no unique constraint on %s (struct tags, DDL in this package), so both rows may be kept: add one", name)
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
// user): concurrent callers queue on that lock, so the later read sees
// the committed row.
func (c *funcChecker) parentLocked(r, w *ops.Op) bool {
	for _, l := range c.f.Ops {
		if l.Kind != ops.Read || !l.Locking || l == r || !l.Before(r) || !ops.SameTx(l.Handle, w.Handle) {
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
			for _, wk := range w.Keys {
				if wk.Value != nil && flow.Equivalent(lv, wk.Value) {
					return true
				}
			}
			for _, a := range w.Writes {
				if a.Value != nil && flow.Equivalent(lv, a.Value) {
					return true
				}
			}
		}
	}
	return false
}
