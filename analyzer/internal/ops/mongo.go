package ops

import (
	"go/constant"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// docField is one key of a BSON document literal (bson.M or bson.D).
type docField struct {
	key   string
	value ssa.Value
}

// docFields returns the keys of a bson.M map literal or a bson.D slice
// literal, in source order; nil when v is not a literal.
func (f *Func) docFields(v ssa.Value) []docField {
	v = flow.Strip(v)
	switch x := v.(type) {
	case *ssa.MakeMap:
		var out []docField
		for _, ref := range *x.Referrers() {
			mu, ok := ref.(*ssa.MapUpdate)
			if !ok || mu.Map != x {
				continue
			}
			if k, ok := flow.ConstString(mu.Key); ok {
				out = append(out, docField{k, flow.Strip(mu.Value)})
			}
		}
		return out
	case *ssa.Slice:
		arr, ok := x.X.(*ssa.Alloc)
		if !ok {
			return nil
		}
		// bson.D{{Key: "_id", Value: id}}: each element is built in place
		// (stores through &arr[i].Key) or in a temporary copied whole.
		type elem struct{ key, value ssa.Value }
		byElem := map[ssa.Value]*elem{}
		var order []ssa.Value
		get := func(e ssa.Value) *elem {
			if byElem[e] == nil {
				byElem[e] = &elem{}
				order = append(order, e)
			}
			return byElem[e]
		}
		fill := func(e *elem, field string, v ssa.Value) {
			switch field {
			case "Key":
				e.key = v
			case "Value":
				e.value = v
			}
		}
		for _, st := range f.store[arr] {
			switch a := st.Addr.(type) {
			case *ssa.FieldAddr:
				fill(get(a.X), flow.FieldName(a.X.Type(), a.Field), st.Val)
			case *ssa.IndexAddr:
				l, ok := flow.Strip(st.Val).(*ssa.UnOp)
				tmp, ok2 := ssa.Value(nil), false
				if ok {
					tmp, ok2 = l.X.(*ssa.Alloc)
				}
				if !ok2 {
					continue
				}
				e := get(a)
				for _, ts := range f.store[tmp] {
					if fa, ok := ts.Addr.(*ssa.FieldAddr); ok && fa.X == tmp {
						fill(e, flow.FieldName(tmp.Type(), fa.Field), ts.Val)
					}
				}
			}
		}
		var out []docField
		for _, e := range order {
			d := byElem[e]
			if d.key == nil {
				continue
			}
			if k, ok := flow.ConstString(d.key); ok {
				out = append(out, docField{k, flow.Strip(d.value)})
			}
		}
		return out
	}
	return nil
}

// docFilter splits a filter document into keys and state tests.
func (f *Func) docFilter(v ssa.Value) (keys []Key, state []string, ok bool) {
	fields := f.docFields(v)
	if fields == nil {
		return nil, nil, false
	}
	for _, d := range fields {
		name := strings.TrimPrefix(d.key, "_")
		col := normalizeColumn(name)
		if strings.HasPrefix(d.key, "$") {
			return nil, nil, false // $or, $and...: not a plain conjunction
		}
		_, isConst := d.value.(*ssa.Const)
		nested := f.docFields(d.value) != nil
		switch {
		case col == "id" && !nested:
			keys = append(keys, Key{Column: "id", Value: d.value})
		case isConst || nested || stateColumn(col):
			state = append(state, col)
		default:
			keys = append(keys, Key{Column: col, Name: name, Value: d.value})
		}
	}
	return keys, state, true
}

// docUpdate returns the columns an update document writes.
func (f *Func) docUpdate(v ssa.Value) (writes []Assign, all bool) {
	fields := f.docFields(v)
	if fields == nil {
		return nil, true
	}
	for _, d := range fields {
		if !strings.HasPrefix(d.key, "$") {
			// A replacement document.
			writes = append(writes, Assign{Column: normalizeColumn(d.key), Value: d.value, Now: f.isTimeNow(d.value)})
			continue
		}
		inner := f.docFields(d.value)
		if inner == nil {
			return writes, true
		}
		atomic := d.key == "$inc" || d.key == "$mul" || d.key == "$push" || d.key == "$addToSet" || d.key == "$pull" || d.key == "$max" || d.key == "$min"
		if d.key == "$setOnInsert" {
			continue
		}
		for _, in := range inner {
			writes = append(writes, Assign{Column: normalizeColumn(in.key), Value: in.value, Atomic: atomic, Now: f.isTimeNow(in.value)})
		}
	}
	return writes, false
}

// docOp builds the operation of a MongoDB collection method.
func (f *Func) docOp(c ssa.CallInstruction, m apimodel.Method) *Op {
	coll := receiver(c)
	op := &Op{Call: c, Method: m, Handle: f.handle(coll)}
	op.Table, op.Name = f.collection(coll)
	filterOK := true
	if m.Key >= 0 {
		var keys []Key
		var state []string
		if m.KeyIsID {
			keys = []Key{{Column: "id", Value: flow.Strip(arg(c, m, m.Key))}}
		} else {
			keys, state, filterOK = f.docFilter(arg(c, m, m.Key))
		}
		op.Keys, op.State = keys, state
		op.Imprecise = !filterOK
	}
	switch m.Role {
	case apimodel.RoleRead:
		op.Kind = Read
	case apimodel.RoleCount:
		op.Kind = Read
		op.Existence = true
	case apimodel.RoleInsert:
		op.Kind = Insert
		doc := arg(c, m, m.Value)
		if fields := f.docFields(doc); fields != nil {
			for _, d := range fields {
				op.Writes = append(op.Writes, Assign{Column: normalizeColumn(strings.TrimPrefix(d.key, "_")), Value: d.value})
			}
		} else {
			op.Writes = f.literalFields(doc)
			op.Object, _ = flow.Root(flow.Strip(doc))
		}
	case apimodel.RoleUpdate, apimodel.RoleReadModify:
		op.Kind = Update
		if m.Value >= 0 {
			update := arg(c, m, m.Value)
			op.Writes, op.WritesAll = f.docUpdate(update)
			if op.WritesAll && f.docFields(update) == nil {
				// ReplaceOne(ctx, filter, &post): the fields changed on the
				// document since it was read.
				if root, _ := flow.Root(flow.Strip(update)); root != nil {
					if l, ok := root.(*ssa.UnOp); ok {
						root, _ = flow.Root(l.X)
					}
					op.Object = root
					if w := f.objectStores(root); len(w) > 0 {
						op.Writes, op.WritesAll = w, false
					}
				}
			}
		} else {
			op.Kind, op.WritesAll = Delete, true
		}
		op.ConflictSafe = f.upsertOption(c)
		op.Returning = m.Role == apimodel.RoleReadModify
	case apimodel.RoleDelete:
		op.Kind = Delete
		op.WritesAll = true
	case apimodel.RoleBulkWrite:
		return f.bulkWriteOp(op, arg(c, m, m.Value))
	default:
		return nil
	}
	return op
}

// bulkWriteOp reads a BulkWrite's models (a slice literal of builder
// chains: NewUpdateOneModel().SetFilter(f).SetUpdate(u)) into op: the
// first model that writes one document, as UpdateOne, ReplaceOne,
// DeleteOne or InsertOne would. One call is one operation.
func (f *Func) bulkWriteOp(op *Op, models ssa.Value) *Op {
	elems, ok := flow.VariadicArgs(models)
	if !ok {
		return nil
	}
	for _, e := range elems {
		verb, filter, value, upsert := f.writeModel(e)
		switch verb {
		case "UPDATE", "REPLACE", "DELETE":
			if filter == nil {
				continue
			}
			keys, state, filterOK := f.docFilter(filter)
			op.Keys, op.State, op.Imprecise = keys, state, !filterOK
			op.ConflictSafe = upsert
			switch {
			case verb == "DELETE":
				op.Kind, op.WritesAll = Delete, true
			case value != nil:
				op.Kind = Update
				op.Writes, op.WritesAll = f.docUpdate(value)
			default:
				op.Kind, op.WritesAll = Update, true
			}
			return op
		case "INSERT":
			if value == nil {
				continue
			}
			op.Kind = Insert
			for _, d := range f.docFields(value) {
				op.Writes = append(op.Writes, Assign{Column: normalizeColumn(strings.TrimPrefix(d.key, "_")), Value: d.value})
			}
			return op
		}
	}
	return nil
}

// writeModel reads one BulkWrite model's builder chain: what it does
// (the Verb of its constructor), its filter, its update, replacement or
// document, and whether SetUpsert(true) is called.
func (f *Func) writeModel(e ssa.Value) (verb string, filter, value ssa.Value, upsert bool) {
	v := flow.Strip(e)
	for i := 0; i < 8; i++ {
		c, ok := v.(*ssa.Call)
		if !ok {
			break
		}
		m, ok := f.model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RoleChain {
			break
		}
		switch m.Clause {
		case apimodel.ClauseWhere:
			filter = arg(c, m, m.Value)
		case apimodel.ClauseSet:
			value = arg(c, m, m.Value)
		case apimodel.ClauseConflict:
			k, isConst := flow.Strip(arg(c, m, m.Value)).(*ssa.Const)
			upsert = isConst && constant.BoolVal(k.Value)
		case apimodel.ClauseStart:
			return m.Verb, filter, value, upsert
		}
		v = flow.Strip(receiver(c))
	}
	return "", filter, value, upsert
}

// collection names the collection a *mongo.Collection value comes from:
// db.Collection("emails") gives "emails".
func (f *Func) collection(v ssa.Value) (tbl, name string) {
	root := f.handleRoot(v)
	if c, ok := root.(*ssa.Call); ok {
		if m, ok := f.model.Lookup(callee(c)); ok && m.Role == apimodel.RoleTable {
			if s, ok := flow.ConstString(arg(c, m, m.Key)); ok {
				return table(s), s
			}
		}
	}
	if s := f.pkg.fieldTable(root); s != "" {
		return table(s), s // r.c, set to db.Collection("users") by the constructor
	}
	return "", "collection"
}

// upsertOption reports whether one of the call's options sets upsert:
// options.UpdateOne().SetUpsert(true).
func (f *Func) upsertOption(c ssa.CallInstruction) bool {
	for _, a := range c.Common().Args {
		elems, ok := flow.VariadicArgs(a)
		if !ok {
			continue
		}
		for _, e := range elems {
			if setsUpsert(e, 0) {
				return true
			}
		}
	}
	return false
}

func setsUpsert(v ssa.Value, depth int) bool {
	c, ok := flow.Strip(v).(*ssa.Call)
	if !ok || depth > 8 {
		return false
	}
	if fn := c.Call.StaticCallee(); fn != nil && fn.Name() == "SetUpsert" {
		if len(c.Call.Args) == 2 {
			if k, ok := c.Call.Args[1].(*ssa.Const); ok && k.Value != nil && k.Value.String() == "true" {
				return true
			}
		}
	}
	for _, a := range c.Call.Args {
		if setsUpsert(a, depth+1) {
			return true
		}
	}
	return false
}
