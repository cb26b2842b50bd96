package ops

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// entChain is what an ent builder chain (client.Email.UpdateOneID(id).
// Where(...).SetOpenedAt(now)) contributes to the statement its finisher
// runs.
type entChain struct {
	base      ssa.Value // the *ent.Client or *ent.Tx the chain starts from, or a builder parameter
	verb      string
	keys      []Key
	state     []string
	sets      []Assign
	imprecise bool
	// eitherKey: imprecise only because of an Or of key equalities
	// (user.Or(user.Email(e), user.Username(u))), all of them in keys.
	eitherKey bool
	locking   bool
	shareLock bool
	conflict  bool
}

// entOp builds the operation an ent finisher (Only, Exist, Save, Exec...)
// runs. The entity comes from the finisher's receiver type; rows, columns,
// locks and conflict handling from the chain before it.
func (f *Func) entOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	fn := callee(c)
	recv := receiver(c)
	if fn == nil || recv == nil {
		return nil
	}
	entity, kind := apimodel.EntBuilder(fn.Pkg(), apimodel.TypeName(recv.Type()))
	if entity == "" {
		return nil
	}
	op := &Op{Call: c, Method: m, Table: table(entity), Name: entity}
	ch := entChain{base: recv}
	if kind != "Client" {
		ch = f.entChain(recv)
	}
	op.Keys, op.State, op.Imprecise = ch.keys, ch.state, ch.imprecise
	op.EitherKey = ch.eitherKey && len(op.State) == 0 && len(op.Keys) > 1 && allBound(op.Keys)
	op.Locking, op.ShareLock, op.ConflictSafe = ch.locking, ch.shareLock, ch.conflict
	if ch.base != nil {
		op.Handle = f.handle(entBase(ch.base))
	}
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind = Read
		if m.Key >= 0 {
			// client.Email.Get(ctx, id)
			if id := arg(c, m, m.Key); id != nil {
				op.Keys = append(op.Keys, Key{Column: "id", Name: "id", Value: flow.Strip(id)})
			}
		}
	case apimodel.RoleExists, apimodel.RoleCount:
		op.Kind = Read
		op.Existence = true
	case apimodel.RoleExec, apimodel.RoleGet:
		verb := ch.verb
		if verb == "" {
			verb = m.Verb // a builder handed in as a parameter
		}
		switch verb {
		case "INSERT":
			op.Kind = Insert
			op.Writes = ch.sets
		case "UPDATE":
			op.Kind = Update
			op.Writes = ch.sets
			op.WritesAll = len(ch.sets) == 0
		case "DELETE":
			op.Kind = Delete
			op.WritesAll = true
		default:
			return nil
		}
		// UpdateOne and DeleteOne fail with a *NotFoundError when their
		// predicates matched no row: the error is the affected-row count.
		op.Returning = m.Role == apimodel.RoleGet
		pkg := fn.Pkg()
		for i := range op.Writes {
			if col := apimodel.EntColumn(pkg, entity, op.Writes[i].Name); col != "" {
				op.Writes[i].Name = col
			}
		}
	default:
		return nil
	}
	return op
}

// entChain walks back from a finisher's receiver through the builder
// chain to the client it started from.
func (f *Func) entChain(v ssa.Value) (ch entChain) {
	crossed := false // a QueryEdge() step: what came before names other rows
	walked := map[ssa.Value]bool{}
	var steps []ssa.Value // the chain's calls, finisher side first
	defer func() {
		// Setters and predicates called on a builder of the chain in
		// statements of their own (q := c.Share.UpdateOne(e); if x {
		// q.SetFoo(v) }; q.Save(ctx)): ent's builders are pointers each
		// call changes, so they run with the finisher.
		if !crossed {
			for _, b := range steps {
				f.entSideCalls(b, &ch, walked, 0)
			}
		}
	}()
	for i := 0; i < 64; i++ {
		v = flow.Strip(v)
		c, ok := v.(*ssa.Call)
		if !ok {
			break
		}
		fn := callee(c)
		m, ok := f.model.Lookup(fn)
		if !ok || m.Role != apimodel.RoleChain {
			break
		}
		if crossed && m.Clause != apimodel.ClauseStart && m.Clause != apimodel.ClauseEntTraverse {
			v = receiver(c)
			continue
		}
		walked[c] = true
		steps = append(steps, c)
		switch m.Clause {
		case apimodel.ClauseWhere, apimodel.ClauseLock, apimodel.ClauseConflict, apimodel.ClauseEntSet:
			f.entClause(c, m, &ch)
		case apimodel.ClauseEntTraverse:
			crossed = true
			ch.imprecise = true
		case apimodel.ClauseStart:
			if crossed {
				ch.base = receiver(c)
				return ch
			}
			ch.verb = m.Verb
			switch {
			case m.Key >= 0:
				// UpdateOneID(id), DeleteOneID(id); UpdateOne(e) and
				// DeleteOne(e) name the row by the entity e itself.
				if k := arg(c, m, m.Key); k != nil {
					ch.keys = append(ch.keys, Key{Column: "id", Name: "id", Value: flow.Strip(k)})
				}
			case !strings.HasSuffix(m.Recv, "Client"):
				// e.Update(): the entity names the row; where it runs is
				// the entity's config, which racelint cannot follow.
				ch.keys = append(ch.keys, Key{Column: "id", Name: "id", Value: flow.Strip(receiver(c))})
				return ch
			}
			if m.Name == "CreateBulk" {
				builders, _ := flow.VariadicArgs(arg(c, m, 0))
				for _, b := range builders {
					ch.sets = append(ch.sets, f.entChain(b).sets...)
				}
			}
			ch.base = receiver(c)
			return ch
		}
		v = receiver(c)
	}
	if v != nil {
		if entity, _ := apimodel.EntBuilder(pkgOf(v.Type()), apimodel.TypeName(v.Type())); entity != "" {
			ch.base = v // a builder handed in: it runs where its maker said
		}
	}
	return ch
}

// entClause adds what one step of a builder chain says: its predicates,
// a lock, an ON CONFLICT or a column it sets.
func (f *Func) entClause(c ssa.CallInstruction, m apimodel.Method, ch *entChain) {
	switch m.Clause {
	case apimodel.ClauseWhere:
		preds, ok := flow.VariadicArgs(arg(c, m, 0))
		if !ok {
			ch.imprecise = true // Where(preds...) built at run time
		}
		for _, p := range preds {
			f.entPredicate(p, ch, 0)
		}
	case apimodel.ClauseLock:
		ch.locking, ch.shareLock = true, m.Verb == "SHARE"
	case apimodel.ClauseConflict:
		ch.conflict = true
	case apimodel.ClauseEntSet:
		ch.sets = append(ch.sets, f.entSet(c, m))
	}
}

// entSideCalls adds the steps called on builder b whose results are not
// the chain walked (walked), and the steps chained on those.
func (f *Func) entSideCalls(b ssa.Value, ch *entChain, walked map[ssa.Value]bool, depth int) {
	refs := b.Referrers()
	if refs == nil || depth > 8 {
		return
	}
	for _, ref := range *refs {
		c, ok := ref.(*ssa.Call)
		if !ok || walked[c] || receiver(c) != b {
			continue
		}
		m, ok := f.model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RoleChain {
			continue
		}
		switch m.Clause {
		case apimodel.ClauseWhere, apimodel.ClauseLock, apimodel.ClauseConflict, apimodel.ClauseEntSet:
			walked[c] = true
			f.entClause(c, m, ch)
			f.entSideCalls(c, ch, walked, depth+1)
		}
	}
}

// entBase returns the *ent.Client or *ent.Tx a *<T>Client value was taken
// from (client.Email, tx.Email), or v.
func entBase(v ssa.Value) ssa.Value {
	v = flow.Strip(v)
	switch x := v.(type) {
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && apimodel.IsEntClientType(fa.X.Type()) {
			return fa.X
		}
	case *ssa.Field:
		if apimodel.IsEntClientType(x.X.Type()) {
			return x.X
		}
	}
	return v
}

func pkgOf(t types.Type) *types.Package {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg()
	}
	return types.NewPackage("", "")
}

// entSet turns SetFoo(v), SetNillableFoo(p), ClearFoo() or AddFoo(n)
// into the assignment it makes.
func (f *Func) entSet(c ssa.CallInstruction, m apimodel.Method) Assign {
	field := strings.TrimPrefix(m.Name, m.Verb)
	a := Assign{Column: normalizeColumn(field), Name: field}
	switch m.Verb {
	case "Set", "SetNillable":
		if v := arg(c, m, 0); v != nil {
			a.Value = flow.Strip(v)
			a.Now = f.isTimeNow(a.Value)
		}
	case "Add", "Append", "Remove":
		a.Atomic = true // computed by the database from the current value
	}
	return a
}

// entOrKeys records the keys of an Or whose every branch is one bound
// equality on a key (user.Or(user.Email(e), user.Username(u))): which row
// it found is not known, but an insert of every one of those values is
// the row it looked for (Op.EitherKey). Anything else in the Or leaves
// the chain merely imprecise.
func (f *Func) entOrKeys(list ssa.Value, ch *entChain) {
	preds, ok := flow.VariadicArgs(list)
	if !ok || len(preds) < 2 {
		return
	}
	var branch entChain
	for _, q := range preds {
		before := len(branch.keys)
		f.entPredicate(q, &branch, 4) // one level: a nested And or Or goes past the depth bound
		if branch.imprecise || len(branch.state) > 0 || len(branch.keys) != before+1 {
			return
		}
	}
	if len(ch.keys) == 0 && len(ch.state) == 0 && !ch.eitherKey {
		ch.keys, ch.eitherKey = branch.keys, true
	}
}

// entPredicate adds what one predicate (email.TrackingID(v),
// email.OpenedAtIsNil(), email.And(...)) says about the rows.
func (f *Func) entPredicate(v ssa.Value, ch *entChain, depth int) {
	c, ok := flow.Strip(v).(*ssa.Call)
	if !ok || depth > 4 {
		ch.imprecise = true // a predicate built elsewhere
		return
	}
	p, ok := apimodel.EntPredicateOf(callee(c))
	if !ok {
		ch.imprecise = true
		return
	}
	args := c.Call.Args
	switch p.Op {
	case "And":
		if len(args) == 1 {
			preds, ok := flow.VariadicArgs(args[0])
			if !ok {
				ch.imprecise = true
			}
			for _, q := range preds {
				f.entPredicate(q, ch, depth+1)
			}
		}
		return
	case "Or":
		ch.imprecise = true
		if len(args) == 1 {
			f.entOrKeys(args[0], ch)
		}
		return
	case "Not":
		ch.imprecise = true
		return
	case "Has":
		ch.state = append(ch.state, "") // an edge or other predicate: it narrows the rows
		return
	}
	pred := sqltext.Predicate{Column: p.Column}
	var bound ssa.Value
	switch p.Op {
	case "", "EQ":
		pred.Op = "="
		if len(args) == 1 {
			bound = flow.Strip(args[0])
		}
	case "In":
		pred.Op = "IN"
		if elems, ok := flow.VariadicArgs(args[0]); ok && len(elems) == 1 {
			bound = flow.Strip(elems[0])
		} else {
			ch.imprecise = true // several rows
			return
		}
	case "IsNil":
		pred.Op, pred.Value.Kind = "IS NULL", sqltext.OpNull
	case "NotNil":
		pred.Op, pred.Value.Kind = "IS NOT NULL", sqltext.OpNull
	default:
		pred.Op = p.Op // NEQ, GT, Contains...: a test of the row's state
	}
	if bound != nil {
		pred.Value = sqltext.Operand{Kind: sqltext.OpParam, Param: 0}
	}
	keys, state := wherePredicates([]sqltext.Predicate{pred}, func(sqltext.Operand) ssa.Value { return bound })
	ch.keys = append(ch.keys, keys...)
	ch.state = append(ch.state, state...)
}
