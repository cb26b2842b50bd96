package ops

// Interface-typed struct fields whose dynamic type the package pins down:
// a service holding `uow domain.UnitOfWork` that its constructor sets to
// store.NewUoW(db) calls that implementation, even when other types in
// the program implement the interface too (a Serializable variant, a
// caching decorator, a test double).

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// fieldTypes maps each interface-typed field that the package's code
// stores into to the one concrete type stored there; a field stored with
// an interface value (its dynamic type unknown here) or with two types
// maps to nil.
type fieldTypes map[*types.Var]types.Type

// fieldFuncs maps each function-typed field that the package's code
// stores into to the method or function stored there (`status:
// q.Status` in a constructor); a field stored twice maps to nil.
type fieldFuncs map[*types.Var]*types.Func

// eachFieldStore calls fn for every store into a struct field in fns.
func eachFieldStore(fns []*ssa.Function, fn func(field *types.Var, st *ssa.Store)) {
	for _, f := range fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if field := structField(fa.X.Type(), fa.Field); field != nil {
					fn(field, st)
				}
			}
		}
	}
}

func collectFieldFuncs(fns []*ssa.Function) fieldFuncs {
	out := fieldFuncs{}
	eachFieldStore(fns, func(field *types.Var, st *ssa.Store) {
		if _, isFunc := field.Type().Underlying().(*types.Signature); !isFunc {
			return
		}
		stored, _ := funcValue(st.Val)
		if _, seen := out[field]; seen {
			stored = nil
		}
		out[field] = stored
	})
	return out
}

// funcValue returns the function or method a function value stands for:
// a function (store.Get), or a method value bound to its receiver
// (q.Status), with the receiver it is bound to.
func funcValue(v ssa.Value) (*types.Func, ssa.Value) {
	switch x := flow.Strip(v).(type) {
	case *ssa.Function:
		obj, _ := x.Object().(*types.Func)
		return obj, nil
	case *ssa.MakeClosure:
		fn, ok := x.Fn.(*ssa.Function)
		if !ok || fn.Synthetic == "" || len(x.Bindings) != 1 {
			return nil, nil // a function literal: inlined, not bound
		}
		obj, _ := fn.Object().(*types.Func)
		if obj == nil || obj.Type().(*types.Signature).Recv() == nil {
			return nil, nil
		}
		return obj, x.Bindings[0]
	}
	return nil, nil
}

// boundCallee resolves a call of a function value: a method value or a
// function held in a local (`get := q.Status; get(ctx, id)`) or in a
// field set once by the package (`w.status(ctx, id)`). It returns the
// function called and the arguments as the function's SSA parameters
// (the bound receiver first; for a field, the field's value stands for a
// receiver the call site cannot see).
func (p *Package) boundCallee(c ssa.CallInstruction) (*types.Func, []ssa.Value) {
	com := c.Common()
	if com.IsInvoke() {
		return nil, nil
	}
	v := flow.Strip(com.Value)
	if fn, ok := v.(*ssa.Function); ok && fn.Synthetic == "" {
		return nil, nil // a static call
	}
	if obj, recv := funcValue(v); obj != nil {
		if recv == nil {
			return obj, com.Args
		}
		return obj, append([]ssa.Value{recv}, com.Args...)
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, nil
	}
	obj := p.funcs[structField(fa.X.Type(), fa.Field)]
	if obj == nil {
		return nil, nil
	}
	if obj.Type().(*types.Signature).Recv() == nil {
		return obj, com.Args
	}
	return obj, append([]ssa.Value{load}, com.Args...)
}

func collectFieldTypes(fns []*ssa.Function) fieldTypes {
	out := fieldTypes{}
	eachFieldStore(fns, func(field *types.Var, st *ssa.Store) {
		if !types.IsInterface(field.Type()) {
			return
		}
		var concrete types.Type
		if mi, ok := st.Val.(*ssa.MakeInterface); ok {
			concrete = mi.X.Type()
		}
		if prev, seen := out[field]; seen && (prev == nil || concrete == nil || !types.Identical(prev, concrete)) {
			concrete = nil
		}
		out[field] = concrete
	})
	return out
}

// structField returns field i of the struct t points to.
func structField(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// concreteMethod returns the method an interface call runs when its
// receiver is loaded from a field with one known dynamic type.
func (p *Package) concreteMethod(c ssa.CallInstruction) *types.Func {
	com := c.Common()
	load, ok := com.Value.(*ssa.UnOp)
	if !ok {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	field := structField(fa.X.Type(), fa.Field)
	t := p.fields[field]
	if t == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, com.Method.Pkg(), com.Method.Name())
	fn, _ := obj.(*types.Func)
	return fn
}

// fieldStmts maps each field that the package's code stores a prepared
// statement into to the SQL it was prepared with (`get: db.Prepare("SELECT
// ...")` in a constructor, run later as p.get.QueryRowContext(ctx, id));
// a field stored with two texts, or with SQL that is not constant, maps
// to "".
type fieldStmts map[*types.Var]string

func collectFieldStmts(model *apimodel.Model, fns []*ssa.Function) fieldStmts {
	out := fieldStmts{}
	eachFieldStore(fns, func(field *types.Var, st *ssa.Store) {
		v := flow.Strip(st.Val)
		if ex, ok := v.(*ssa.Extract); ok {
			v = ex.Tuple
		}
		c, ok := v.(*ssa.Call)
		if !ok {
			return
		}
		m, ok := model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RolePrepare {
			return
		}
		text, _ := flow.ConstString(arg(c, m, m.SQL))
		if prev, seen := out[field]; seen && prev != text {
			text = ""
		}
		out[field] = text
	})
	return out
}

// fieldStmtSQL returns the SQL of the prepared statement stmt is loaded
// from a field holding, as a constant; nil when there is none.
func (p *Package) fieldStmtSQL(stmt ssa.Value) ssa.Value {
	load, ok := flow.Strip(stmt).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	text := p.stmts[structField(fa.X.Type(), fa.Field)]
	if text == "" {
		return nil
	}
	return ssa.NewConst(constant.MakeString(text), types.Typ[types.String])
}

// fieldTables maps each field that the package's code stores a table or
// collection handle into to its name (`c: db.Collection("users")` in a
// constructor, used later as r.c.FindOne); a field stored with two names,
// or a name that is not constant, maps to "".
type fieldTables map[*types.Var]string

func collectFieldTables(model *apimodel.Model, fns []*ssa.Function) fieldTables {
	out := fieldTables{}
	eachFieldStore(fns, func(field *types.Var, st *ssa.Store) {
		c, ok := flow.Strip(st.Val).(*ssa.Call)
		if !ok {
			return
		}
		m, ok := model.Lookup(callee(c))
		if !ok || m.Role != apimodel.RoleTable {
			return
		}
		name, _ := flow.ConstString(arg(c, m, m.Key))
		if prev, seen := out[field]; seen && prev != name {
			name = ""
		}
		out[field] = name
	})
	return out
}

// fieldTable returns the name of the table or collection v is loaded
// from a field holding, or "".
func (p *Package) fieldTable(v ssa.Value) string {
	load, ok := flow.Strip(v).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return ""
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return ""
	}
	return p.tables[structField(fa.X.Type(), fa.Field)]
}

// fieldTxOptions maps each field that the package's code stores
// transaction options into (`opts: &sql.TxOptions{Isolation:
// sql.LevelSerializable}` in a constructor, passed later as
// db.BeginTx(ctx, s.opts)) to the level and modes they ask for; a field
// stored with two different options is left out.
type fieldTxOptions map[*types.Var]txOptionValues

type txOptionValues struct {
	iso  apimodel.Isolation
	mode apimodel.TxMode
}

func collectFieldTxOptions(fns []*ssa.Function) fieldTxOptions {
	out := fieldTxOptions{}
	conflicting := map[*types.Var]bool{}
	eachFieldStore(fns, func(field *types.Var, st *ssa.Store) {
		iso, mode := txOptions(st.Val)
		if iso == apimodel.IsolationDefault && mode == (apimodel.TxMode{}) {
			return
		}
		v := txOptionValues{iso, mode}
		if prev, seen := out[field]; seen && prev != v {
			conflicting[field] = true
		}
		out[field] = v
	})
	for field := range conflicting {
		delete(out, field)
	}
	return out
}

// fieldTxOptionsOf returns the options held in the field v loads or
// addresses (s.opts, &s.opts), if the package stores known ones there.
func (p *Package) fieldTxOptionsOf(v ssa.Value) (apimodel.Isolation, apimodel.TxMode, bool) {
	if v == nil {
		return 0, apimodel.TxMode{}, false
	}
	v = flow.Strip(v)
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	fa, ok := v.(*ssa.FieldAddr)
	if !ok {
		return 0, apimodel.TxMode{}, false
	}
	o, ok := p.txOpts[structField(fa.X.Type(), fa.Field)]
	return o.iso, o.mode, ok
}
