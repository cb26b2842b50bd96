package checks

// Check-then-insert (RL002) and racy helpers (RL006).

import (
	"fmt"
	"go/constant"
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

// insert decides RL002 and the FirstOrInit half of RL006.
func (c *funcChecker) insert(w *ops.Op) []report.Finding {
	var out []report.Finding
	for _, r := range c.reads(w) {
		if r.Kind == ops.FirstOrInit && w.Object != nil && w.Object == r.Object {
			out = append(out, report.Finding{Rule: catalog.RacyHelper, Write: w, Read: r, Table: w.Name,
				Short:   fmt.Sprintf("%s creates what FirstOrInit built for a missing %s", c.r.ShortCallName(w), w.Name),
				Message: fmt.Sprintf("%s creates the object FirstOrInit built when it found no %s row; two requests can both miss and both create it", c.r.CallName(w), w.Name)})
			return out
		}
		if !sameTable(r, w) || r.Table == "" || r.Imprecise && !(r.EitherKey && c.insertsEveryKey(r, w)) || !c.insertMatches(r, w) {
			continue
		}
		g := c.guard(r, w, func(ch check) bool { return !insertsWhatWasFound(ch, w) }, ops.NotFound, ops.Data)
		if g == nil || c.drawnKey(keyValues(r)) {
			continue
		}
		u, key := c.constraint(r, w)
		if w.ConflictSafe && u == uniqueAbsent && w.Stmt != nil && !w.ConflictNamed {
			// ON CONFLICT DO NOTHING fires only on a unique constraint,
			// and the table's CREATE TABLE has none on the key: both rows
			// stay. A named target is different: the database rejects the
			// statement unless a unique key matches it.
			out = append(out, report.Finding{Rule: catalog.CheckThenInsert, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Short:   fmt.Sprintf("%s inserts into %s with ON CONFLICT but no unique key on %s", c.r.ShortCallName(w), w.Name, key),
				Message: fmt.Sprintf("%s inserts into %s when %s found no row%s; its ON CONFLICT clause never fires, because the CREATE TABLE of %s declares no unique constraint on %s, so two requests can both insert: add one", c.r.CallName(w), w.Name, c.r.CallName(r), c.testQuote(g), w.Name, key)})
			return out
		}
		if w.ConflictSafe || c.duplicateHandled(w) || c.lockedBefore(r, w) || c.parentLocked(r, w) {
			return out
		}
		if ops.SameTx(r.Handle, w.Handle) && r.Handle.Isolation == apimodel.IsolationSerializable {
			return out
		}
		msg := fmt.Sprintf("%s inserts into %s when %s found no row%s; two requests can both find none and both insert", c.r.CallName(w), w.Name, c.r.CallName(r), c.testQuote(g))
		if g.kind == ops.Data {
			msg = fmt.Sprintf("%s inserts into %s after %s was checked on what %s read; two requests can both pass the check and both insert", c.r.CallName(w), w.Name, c.checkText(g, r, ""), c.r.CallName(r))
		}
		short := fmt.Sprintf("%s inserts into %s after %s found none", c.r.ShortCallName(w), w.Name, c.r.ShortCallName(r))
		if g.kind == ops.Data {
			short = fmt.Sprintf("%s inserts into %s after %s checked", c.r.ShortCallName(w), w.Name, c.shortCheck(g, r, ""))
		}
		if c.limitCheck(g, r) {
			// At most N: each caller inserts a row of its own, so no
			// unique key and no row lock on what was counted stops two
			// callers that both saw room.
			out = append(out, report.Finding{Rule: catalog.CheckThenInsert, Write: w, Read: r, Check: checkPos(g), Table: w.Name,
				Short:   fmt.Sprintf("%s inserts into %s after %s compared a count with a limit", c.r.ShortCallName(w), w.Name, c.r.ShortCallName(r)),
				Message: fmt.Sprintf("%s inserts into %s after %s was checked on what %s counted; two requests can both see room and both insert, each a row of its own, so neither a unique key nor READ COMMITTED nor snapshot isolation stops it (write skew)", c.r.CallName(w), w.Name, c.checkText(g, r, ""), c.r.CallName(r)),
				Advice:  &limitAdvice})
			return out
		}
		switch u {
		case uniqueDeclared:
			short += fmt.Sprintf("; unique %s fails the loser", key)
		case uniqueMissing, uniqueAbsent:
			short += fmt.Sprintf("; no unique key on %s", key)
		}
		msg += constraintAdvice(u, key)
		// ON CONFLICT closes the race only where a unique constraint
		// makes the second insert conflict: without one, no fix.
		fixable := g.kind == ops.NotFound && u == uniqueDeclared
		out = append(out, report.Finding{Rule: catalog.CheckThenInsert, Write: w, Read: r, Check: checkPos(g), Table: w.Name, Short: short, Message: msg,
			Fixes: func() []analysis.SuggestedFix { return fixes.CheckThenInsert(c.r, c.f, r, w, fixable) }, Seeds: c.seedsFixedRow(r)})
		return out
	}
	return out
}

// keyValues returns the values r looks its row up by; nil when a key has
// none (a literal, an expression).
func keyValues(r *ops.Op) []ssa.Value {
	var out []ssa.Value
	for _, k := range r.Keys {
		if k.Value == nil {
			return nil
		}
		out = append(out, k.Value)
	}
	return out
}

// limitAdvice is the rewrite of a count checked against a limit before an
// insert.
var limitAdvice = catalog.Advice{
	Fix:      "serialise the callers on one row: lock the parent row (SELECT ... FOR UPDATE on the team, the show) before counting, or keep the count in that row and take it with a conditional UPDATE whose count decides; or run the transaction SERIALIZABLE and retry on 40001",
	ShortFix: "lock the parent row before counting",
}

// limitCheck reports whether g compares what r counted (a count, or the
// length of the rows it read) with a bound other than 0 or 1 (n >= max,
// len(members) < limit): a limit, not an existence test.
func (c *funcChecker) limitCheck(g *check, r *ops.Op) bool {
	if g == nil || g.kind != ops.Data && g.kind != ops.NotFound {
		return false // a count read as an existence test is NotFound
	}
	b, ok := g.cond.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	counted := func(v ssa.Value) bool {
		if isLen(v) || r.Existence || r.Method.Role == apimodel.RoleCount {
			return true
		}
		for _, src := range c.f.Sources(v) {
			if src.Op == r && src.Kind == ops.NotFound {
				return true // SELECT count(*) scanned into n
			}
		}
		return false
	}
	if !counted(b.X) && !counted(b.Y) {
		return false
	}
	for _, side := range []ssa.Value{b.X, b.Y} {
		if inc, ok := side.(*ssa.BinOp); ok && inc.Op == token.ADD {
			side = inc.X // a range loop tests i+1 < len(rows)
		}
		if _, isPhi := side.(*ssa.Phi); isPhi {
			return false // i < len(rows): the test of a loop over what was read
		}
	}
	switch b.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false
	}
	for _, side := range []ssa.Value{b.X, b.Y} {
		if k, ok := side.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Int {
			if n, exact := constant.Int64Val(k.Value); exact && (n == 0 || n == 1) {
				return false // n > 0, n < 1: existence
			}
		}
	}
	return true
}

// ignoredReply decides RL004 for a key-value write that happens only when
// the key is missing (SETNX, HSETNX) and whose reply, which says whether
// it happened, nothing reads: `rdb.SetNX(ctx, key, token, ttl).Err()`
// takes a lock for every caller as far as each of them can tell. A
// command queued in a transaction (its reply comes from EXEC) and a reply
// handed on (returned, stored, passed) are left alone.
func (c *funcChecker) ignoredReply(w *ops.Op) []report.Finding {
	if w.Method.Role != apimodel.RoleInsertIfAbsent || w.Summarized || w.Handle.Tx {
		return nil
	}
	cmd, ok := w.Call.(ssa.Value)
	if !ok {
		return nil
	}
	var calls []ssa.CallInstruction
	for _, ref := range *cmd.Referrers() {
		if fa, ok := ref.(*ssa.FieldAddr); ok && flow.Embedded(fa.X.Type(), fa.Field) {
			// cmd.Err() promoted from the embedded baseCmd.
			for _, r := range *fa.Referrers() {
				call, ok := r.(ssa.CallInstruction)
				if !ok {
					return nil
				}
				calls = append(calls, call)
			}
			continue
		}
		call, ok := ref.(ssa.CallInstruction)
		if !ok || len(call.Common().Args) == 0 || call.Common().Args[0] != cmd {
			return nil // kept, returned or passed on: read elsewhere, maybe
		}
		calls = append(calls, call)
	}
	for _, call := range calls {
		switch name := calleeName(call); name {
		case "Err":
		case "Result":
			if res, ok := call.(ssa.Value); ok && replyRead(res) {
				return nil
			}
		default:
			return nil // Val, Bool, Scan: the reply is read
		}
	}
	return []report.Finding{{Rule: catalog.UncheckedConditionalWrite, Write: w, Table: w.Name,
		Short:   fmt.Sprintf("%s sets the %s only if missing but ignores the reply", c.r.ShortCallName(w), w.Name),
		Message: fmt.Sprintf("%s sets the %s only when it is missing, but nothing reads its reply, which says whether it did: every caller proceeds as if it had set it", c.r.CallName(w), w.Name)}}
}

// replyRead reports whether the first result of a (reply, error) tuple is
// used.
func replyRead(tuple ssa.Value) bool {
	for _, ref := range *tuple.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 0 && len(*ex.Referrers()) > 0 {
			return true
		}
	}
	return false
}

// calleeName is the name of the function or method a call invokes.
func calleeName(call ssa.CallInstruction) string {
	if fn := call.Common().StaticCallee(); fn != nil {
		return fn.Name()
	}
	if call.Common().IsInvoke() {
		return call.Common().Method.Name()
	}
	return ""
}

// seedsFixedRow reports whether read r looks up a fixed row, in a
// function that takes nothing from its caller but a connection (no other
// parameters besides the receiver, no other captured variables): its keys
// are constants, package-level data (a table of default rows ranged over)
// or what an earlier read of the function found, so every run looks up
// the same default rows, as start-up and install code seeding defaults
// does.
func (c *funcChecker) seedsFixedRow(r *ops.Op) bool {
	if r.Summarized {
		return false
	}
	fromCaller := func(v ssa.Value) bool {
		t := v.Type()
		return !c.pkg.Model.IsHandle(t) && !apimodel.IsEntClientType(t) && !apimodel.IsNamed(t, "context", "Context")
	}
	for _, fv := range c.f.Fn.FreeVars {
		if fromCaller(fv) {
			return false
		}
	}
	params := c.f.Fn.Params
	if c.f.Fn.Signature.Recv() != nil {
		params = params[1:]
	}
	for _, p := range params {
		if fromCaller(p) {
			return false
		}
	}
	for _, k := range r.Keys {
		if k.Value == nil {
			if k.Literal == "" {
				return false
			}
			continue
		}
		if !c.fixedValue(k.Value, r) {
			return false
		}
	}
	return true
}

// fixedValue reports whether v is the same in every run of the function:
// a constant, package-level data, or what an earlier read found.
func (c *funcChecker) fixedValue(v ssa.Value, r *ops.Op) bool {
	if isConst(flow.Strip(v)) || fromGlobal(v) {
		return true
	}
	for _, op := range c.f.Ops {
		if op != r && op.Kind == ops.Read && op.Before(r) && c.derivedFrom(v, op, "") {
			return true
		}
	}
	return false
}

// fromGlobal reports whether v is selected from a package-level variable
// (for _, d := range defaults { ... d.Name ... }).
func fromGlobal(v ssa.Value) bool {
	for i := 0; i < 16 && v != nil; i++ {
		switch x := flow.Strip(v).(type) {
		case *ssa.Global:
			return true
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Alloc:
			v = flow.SoleStore(x) // a local copy (r := defaults[i], addressed)
		default:
			return false
		}
	}
	return false
}

// insertsWhatWasFound reports whether insert w runs on the branch of a
// not-found test where the read did find rows: a copy loop over what was
// read (for _, e := range entries { Create(copy of e) }), or an insert on
// the n > 0 side of a count. That is not an insert of something missing.
func insertsWhatWasFound(ch check, w *ops.Op) bool {
	if ch.kind != ops.NotFound {
		return false
	}
	found, ok := foundBranch(ch.cond.Cond)
	if !ok {
		return false
	}
	guarded, branch := flow.Guards(ch.cond.Block(), w.Block())
	return guarded && branch == found
}

// foundBranch returns the successor of an `if` on cond taken when the read
// found something, for the shapes whose meaning the shape says: a count
// or a length compared with 0 or 1 (n == 0, len(rows) > 0, 0 < n), the
// test of a range loop (i < len(rows)), and their negations. ok is false
// for every other condition (err != nil, isNotFound(err), a found flag).
func foundBranch(cond ssa.Value) (branch int, ok bool) {
	switch x := cond.(type) {
	case *ssa.UnOp:
		if x.Op == token.NOT {
			b, ok := foundBranch(x.X)
			return 1 - b, ok
		}
	case *ssa.BinOp:
		op, v, k := x.Op, x.X, x.Y
		if _, isConst := v.(*ssa.Const); isConst {
			v, k = k, v
			op = flow.Mirror(op)
		}
		if isLen(k) && op == token.LSS {
			return 0, true // i < len(rows): the range loop's body runs on what was found
		}
		c, isConst := k.(*ssa.Const)
		if !isConst || c.Value == nil || c.Value.Kind() != constant.Int {
			return 0, false
		}
		n, exact := constant.Int64Val(c.Value)
		if !exact {
			return 0, false
		}
		switch {
		case op == token.EQL && n == 0, op == token.LEQ && n == 0, op == token.LSS && n == 1:
			return 1, true // n == 0: the false branch found rows
		case op == token.NEQ && n == 0, op == token.GTR && n == 0, op == token.GEQ && n == 1:
			return 0, true
		}
	}
	return 0, false
}

// isLen reports whether v is a call of the builtin len.
func isLen(v ssa.Value) bool {
	c, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := c.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "len"
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
			if root, path := flow.Root(flow.LoadedAddr(rk.Value)); root == w.Object && len(path) > 0 {
				return true
			}
		}
	}
	for _, rk := range r.Keys {
		for _, a := range w.Writes {
			if rk.Value != nil && a.Value != nil && flow.SameKey(rk.Value, a.Value) {
				return true
			}
			if rk.Value != nil && a.Field != nil && sameField(rk.Value, a.Field) {
				return true // GetByTitle(ctx, m.Title), then Store(ctx, m) inserting m.Title
			}
		}
	}
	return false
}

// insertsEveryKey reports whether insert w writes the value of every key
// of r: after WHERE email = $1 OR username = $2 found nothing, an insert
// of both is the row the read looked for.
func (c *funcChecker) insertsEveryKey(r, w *ops.Op) bool {
	for _, rk := range r.Keys {
		one := &ops.Op{Keys: []ops.Key{rk}}
		if !c.insertMatches(one, w) {
			return false
		}
	}
	return len(r.Keys) > 0
}

// sameField reports whether v is a load of the field ref selects.
func sameField(v ssa.Value, ref *ops.FieldRef) bool {
	root, path := flow.Root(flow.LoadedAddr(v))
	base, prefix := flow.Root(flow.LoadedAddr(ref.Base))
	if root == nil || root != base {
		return false
	}
	return slices.Equal(path, append(append([]string(nil), prefix...), ref.Path...))
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

// firstOrCreate decides RL006 for GORM FirstOrCreate and its kin (beego
// ReadOrCreate), once per race: where the model's type is known.
// A call of a function that wraps FirstOrCreate is not reported: the
// wrapper's own call is, once, instead of at every caller up the chain,
// also when the wrapper takes the model as a typed parameter (func (d
// *dao) ReadOrCreate(ctx, g *UserGroup)): it is about that table. A
// pass-through adapter is the other way round: when the model it hands
// to FirstOrCreate is an interface parameter (func (d *Db)
// FirstOrCreate(out any, where ...any)), what races is decided by each
// caller, so the first caller that gives it a typed model is reported and
// the adapter itself is not. A duplicate-key error looked at after the
// call means the loser of the race is handled.
func (c *funcChecker) firstOrCreate(w *ops.Op) []report.Finding {
	var out []report.Finding
	if w.ConflictSafe || (w.Handle.Tx && w.Handle.Isolation == apimodel.IsolationSerializable) || c.duplicateHandled(w) {
		return out
	}
	if w.Object == nil && w.Summarized || w.Object != nil && isAdapterModel(w.Object) {
		return out
	}
	if w.Summarized && !passedAsInterface(w) {
		return out // the callee, which knows the model's type, reports it
	}
	out = append(out, report.Finding{Rule: catalog.RacyHelper, Write: w, Table: w.Name,
		Short:   fmt.Sprintf("%s is a SELECT, then an INSERT", c.r.ShortCallName(w)),
		Message: fmt.Sprintf("%s is a SELECT then an INSERT, not one statement; two requests can both miss the %s row and both create it", c.r.CallName(w), w.Name),
		Seeds:   c.seedsFixedRow(w)})
	return out
}

// isAdapterModel reports whether v is an interface parameter, seen
// through boxing: a model whose type only the caller knows.
func isAdapterModel(v ssa.Value) bool {
	p, ok := flow.Strip(v).(*ssa.Parameter)
	return ok && types.IsInterface(p.Type())
}

// passedAsInterface reports whether the summarised FirstOrCreate w gets
// its model through an interface parameter of the function called: the
// callee is a pass-through adapter and did not report it.
func passedAsInterface(w *ops.Op) bool {
	com := w.Call.Common()
	params := com.Signature().Params()
	args := com.Args
	if off := len(args) - params.Len(); off > 0 {
		args = args[off:] // a static method call passes its receiver first
	}
	for i, a := range args {
		if i >= params.Len() {
			break
		}
		if root, _ := flow.Root(flow.Strip(a)); root == w.Object {
			return types.IsInterface(params.At(i).Type())
		}
	}
	return false
}

// isDuplicateCheck reports whether call is a driver's duplicate-key
// predicate: mongo.IsDuplicateKeyError, ent.IsConstraintError, a
// helper named isUniqueViolation...
func isDuplicateCheck(call ssa.CallInstruction) bool {
	return calleeNameContains(call, "duplicate", "uniqueviolation", "constrainterror")
}

// uniqueness is what racelint knows of the unique constraint that would
// stop a second insert of the key a check-then-insert looked up.
type uniqueness int

const (
	uniqueUnknown  uniqueness = iota // a composite or unknown key, or declared where racelint does not look
	uniqueDeclared                   // in DDL or struct tags
	uniqueMissing                    // not in the struct tags or the DDL racelint read
	uniqueAbsent                     // the table's CREATE TABLE was read and has none
)

// constraint classifies the unique constraint on the key r looked up in
// w's table; name is the key as the code spells it.
func (c *funcChecker) constraint(r, w *ops.Op) (u uniqueness, name string) {
	if len(r.Keys) != 1 || r.Keys[0].Column == "" {
		return uniqueUnknown, ""
	}
	col, name := r.Keys[0].Column, r.DisplayName(r.Keys[0].Column)
	var model types.Type
	if w.Object != nil {
		model = w.Object.Type()
		if m := c.f.ModelOfTable(model, w.Table); m != nil {
			model = m // Create(&req.Authority): the object's root is req
		}
	}
	switch {
	case c.schema.Unique(w.Table, col, model, names):
		return uniqueDeclared, name
	case c.schema.InCompositeKeyOf(w.Table, col, model, names):
		return uniqueUnknown, name // whether the loser conflicts depends on the other columns
	case c.schema.Declared(w.Table):
		return uniqueAbsent, name
	}
	if lib := w.Method.Library(); lib != nil && lib.ConstraintsElsewhere {
		return uniqueUnknown, name
	}
	return uniqueMissing, name
}

// constraintAdvice says what the second insert of a check-then-insert
// does: fail on a unique constraint the code declares (and does not
// handle), or silently duplicate when racelint sees none.
func constraintAdvice(u uniqueness, name string) string {
	switch u {
	case uniqueDeclared:
		return fmt.Sprintf(", and the unique constraint on %s then fails the second with a duplicate-key error this code does not handle", name)
	case uniqueMissing, uniqueAbsent:
		return fmt.Sprintf("; racelint sees no unique constraint on %s (struct tags, DDL in this package), so both rows may be kept: add one", name)
	}
	return ""
}
