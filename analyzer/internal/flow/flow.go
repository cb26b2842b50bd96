// Package flow holds pure SSA utilities the rules share: argument lists of
// variadic calls, constant strings, memory roots, value equivalence and
// control-flow queries. It knows nothing about databases.
package flow

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Converted returns the operand of a conversion that does not change
// what a value holds (interface boxing, named-type and interface changes,
// string and numeric conversions), and whether v is one.
func Converted(v ssa.Value) (ssa.Value, bool) {
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return x.X, true
	case *ssa.ChangeType:
		return x.X, true
	case *ssa.ChangeInterface:
		return x.X, true
	case *ssa.Convert:
		return x.X, true
	}
	return nil, false
}

// Strip removes the conversions Converted sees through, and type
// assertions that panic rather than report failure.
func Strip(v ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		if inner, ok := Converted(v); ok {
			v = inner
			continue
		}
		if x, ok := v.(*ssa.TypeAssert); ok && !x.CommaOk {
			v = x.X
			continue
		}
		return v
	}
	return v
}

// LoadedAddr returns the address v was loaded from (c.Key is *(&c.Key),
// acct in Save(ctx, acct) is *acct's variable), or v itself.
func LoadedAddr(v ssa.Value) ssa.Value {
	if l, ok := Strip(v).(*ssa.UnOp); ok && l.Op == token.MUL {
		return l.X
	}
	return v
}

// VariadicArgs returns the elements of a slice built for a variadic call
// (`f(a, b)` becomes a fresh array with one store per element), stripped
// of boxing. ok is false when the slice comes from elsewhere (`f(args...)`).
func VariadicArgs(v ssa.Value) (elems []ssa.Value, ok bool) {
	if c, isConst := v.(*ssa.Const); isConst && c.IsNil() {
		return nil, true
	}
	sl, isSlice := v.(*ssa.Slice)
	if !isSlice {
		return nil, false
	}
	arr, isAlloc := sl.X.(*ssa.Alloc)
	if !isAlloc {
		return nil, false
	}
	n := 0
	if a, isArr := deref(arr.Type()).Underlying().(*types.Array); isArr {
		n = int(a.Len())
	}
	elems = make([]ssa.Value, n)
	for _, ref := range *arr.Referrers() {
		ia, isIA := ref.(*ssa.IndexAddr)
		if !isIA {
			continue
		}
		idx, isConst := ia.Index.(*ssa.Const)
		if !isConst {
			return nil, false
		}
		i, exact := constant.Int64Val(idx.Value)
		if !exact || i < 0 || int(i) >= n {
			return nil, false
		}
		for _, r := range *ia.Referrers() {
			if st, isStore := r.(*ssa.Store); isStore && st.Addr == ia {
				elems[i] = Strip(st.Val)
			}
		}
	}
	for _, e := range elems {
		if e == nil {
			return nil, false
		}
	}
	return elems, true
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// Unknown stands in for the parts of a string that are not constant, such
// as a %s verb of fmt.Sprintf; classifiers treat it as an unknown name.
const Unknown = "racelint_unknown"

// ConstString resolves v to a constant string when it is built from
// constants: literals, concatenation, fmt.Sprintf with a constant format
// (verbs become Unknown), package-level variables initialised once with a
// constant, and phis whose edges agree.
func ConstString(v ssa.Value) (string, bool) {
	return constString(v, 0)
}

func constString(v ssa.Value, depth int) (string, bool) {
	if depth > 12 || v == nil {
		return "", false
	}
	v = Strip(v)
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value != nil && x.Value.Kind() == constant.String {
			return constant.StringVal(x.Value), true
		}
	case *ssa.BinOp:
		if x.Op.String() == "+" {
			l, ok1 := constString(x.X, depth+1)
			r, ok2 := constString(x.Y, depth+1)
			if ok1 && ok2 {
				return l + r, true
			}
		}
	case *ssa.Phi:
		var s string
		for i, e := range x.Edges {
			es, ok := constString(e, depth+1)
			if !ok || (i > 0 && es != s) {
				return "", false
			}
			s = es
		}
		return s, len(x.Edges) > 0
	case *ssa.Call:
		if fn := x.Common().StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "fmt" && fn.Name() == "Sprintf" && len(x.Call.Args) > 0 {
			if format, ok := constString(x.Call.Args[0], depth+1); ok {
				var args []ssa.Value
				if len(x.Call.Args) > 1 {
					args, _ = VariadicArgs(x.Call.Args[1])
				}
				return replaceVerbs(format, func(i int) (string, bool) {
					if i < len(args) {
						return constString(args[i], depth+1)
					}
					return "", false
				}), true
			}
		}
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op.String() == "*" {
			return globalInit(g, depth)
		}
	}
	return "", false
}

// replaceVerbs replaces fmt verbs with their constant string argument, or
// with Unknown so that a formatted table name is not mistaken for a real
// one.
func replaceVerbs(format string, arg func(i int) (string, bool)) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j < len(format) && format[j] == 's' {
			if s, ok := arg(n); ok {
				b.WriteString(s)
				n++
				i = j
				continue
			}
		}
		b.WriteString(Unknown)
		n++
		i = j
	}
	return b.String()
}

// globalInit returns the constant stored into g by the package initializer
// when that is the only store to g in the package.
func globalInit(g *ssa.Global, depth int) (string, bool) {
	init := g.Pkg.Func("init")
	if init == nil {
		return "", false
	}
	var val string
	found := 0
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
				s, ok := constString(st.Val, depth+1)
				if !ok {
					return "", false
				}
				val = s
				found++
			}
		}
	}
	return val, found == 1
}

// GlobalValue returns, for a load of a package variable, the value the
// package initializer stores into it when that is its only store there
// (var UsersTable = goqu.T("users")), seen through conversions; other
// values are returned unchanged. A variable of a package whose function
// bodies were not built is returned unchanged too.
func GlobalValue(v ssa.Value) ssa.Value {
	l, ok := v.(*ssa.UnOp)
	if !ok || l.Op != token.MUL {
		return v
	}
	g, ok := l.X.(*ssa.Global)
	if !ok || g.Pkg == nil {
		return v
	}
	init := g.Pkg.Func("init")
	if init == nil {
		return v
	}
	var val ssa.Value
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
				if val != nil {
					return v
				}
				val = Strip(st.Val)
			}
		}
	}
	if val == nil {
		return v
	}
	return val
}

// Root returns the memory object an address points into and the field
// path from it: &e.OpenedAt.Time has root e and path [OpenedAt Time].
// Indexing contributes "[]" to the path.
func Root(addr ssa.Value) (root ssa.Value, path []string) {
	for i := 0; i < 32; i++ {
		switch x := addr.(type) {
		case *ssa.FieldAddr:
			// Embedded structs are flattened into columns (GORM's
			// gorm.Model, sqlx's embedded structs): they add no name.
			if !embeddedField(x.X.Type(), x.Field) {
				path = append(path, FieldName(x.X.Type(), x.Field))
			}
			addr = x.X
		case *ssa.IndexAddr:
			path = append(path, "[]")
			addr = x.X
		case *ssa.Slice:
			addr = x.X
		case *ssa.UnOp:
			// A slice or pointer loaded from a variable: the variable's
			// memory is the object (for e := range items).
			if x.Op.String() != "*" {
				return addr, reverse(path)
			}
			if _, isPtr := x.Type().Underlying().(*types.Pointer); isPtr {
				return addr, reverse(path)
			}
			addr = x.X
		default:
			return addr, reverse(path)
		}
	}
	return addr, reverse(path)
}

func reverse(s []string) []string {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	return s
}

// FieldName returns the name of field i of the struct t points to (or is).
func FieldName(t types.Type, i int) string {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return fmt.Sprint(i)
	}
	return st.Field(i).Name()
}

// FieldTag returns the struct tag of field i of the struct t points to.
func FieldTag(t types.Type, i int) string {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return ""
	}
	return st.Tag(i)
}

// Equivalent reports whether a and b provably hold the same value at their
// uses: the same SSA value, equal constants, the same parameter, or the
// same field loaded from equivalent bases (req.ID twice). It does not
// consider stores between the loads, which callers accept as imprecision
// in favour of matching the common shape.
func Equivalent(a, b ssa.Value) bool {
	return equivalent(throughVar(Strip(a)), throughVar(Strip(b)), 0)
}

// throughVar replaces a load of a local variable that is stored exactly
// once (a parameter captured by a closure lives in such a variable) by
// the value stored.
func throughVar(v ssa.Value) ssa.Value {
	l, ok := v.(*ssa.UnOp)
	if !ok || l.Op != token.MUL {
		return v
	}
	alloc, ok := l.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	var val ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			if val != nil {
				return v
			}
			val = st.Val
		}
	}
	if val == nil {
		return v
	}
	return Strip(val)
}

// SameConstant reports whether x and y are the same constant value.
// constant.Compare panics on operands of different kinds (a bool and a
// string, as when a key compared with true meets one compared with "on"),
// so kinds are compared first; numbers of different kinds (1 and 1.0)
// are compared by value.
func SameConstant(x, y constant.Value) bool {
	if x == nil || y == nil {
		return false
	}
	kx, ky := x.Kind(), y.Kind()
	if kx == constant.Unknown || ky == constant.Unknown {
		return false
	}
	if kx != ky && !(numeric(kx) && numeric(ky)) {
		return false
	}
	return constant.Compare(x, token.EQL, y)
}

func numeric(k constant.Kind) bool {
	return k == constant.Int || k == constant.Float || k == constant.Complex
}

func equivalent(a, b ssa.Value, depth int) bool {
	if a == b {
		return true
	}
	if depth > 8 || a == nil || b == nil {
		return false
	}
	switch x := a.(type) {
	case *ssa.Const:
		y, ok := b.(*ssa.Const)
		return ok && SameConstant(x.Value, y.Value)
	case *ssa.FieldAddr:
		y, ok := b.(*ssa.FieldAddr)
		return ok && x.Field == y.Field && equivalent(Strip(x.X), Strip(y.X), depth+1)
	case *ssa.Field:
		y, ok := b.(*ssa.Field)
		return ok && x.Field == y.Field && equivalent(Strip(x.X), Strip(y.X), depth+1)
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		return ok && x.Op == y.Op && x.Op.String() == "*" && equivalent(Strip(x.X), Strip(y.X), depth+1)
	case *ssa.Extract:
		y, ok := b.(*ssa.Extract)
		return ok && x.Index == y.Index && x.Tuple == y.Tuple
	case *ssa.BinOp:
		// "lock:" + id, twice.
		y, ok := b.(*ssa.BinOp)
		return ok && x.Op == y.Op && equivalent(Strip(x.X), Strip(y.X), depth+1) && equivalent(Strip(x.Y), Strip(y.Y), depth+1)
	case *ssa.Call:
		// fmt.Sprintf("user:%d:visits", id), twice: the same pure function
		// of equivalent arguments.
		y, ok := b.(*ssa.Call)
		if !ok || x.Call.IsInvoke() || y.Call.IsInvoke() {
			return false
		}
		fx, fy := x.Call.StaticCallee(), y.Call.StaticCallee()
		if fx == nil || fx != fy || fx.Pkg == nil || !pureFunc[fx.Pkg.Pkg.Path()] || len(x.Call.Args) != len(y.Call.Args) {
			return false
		}
		for i := range x.Call.Args {
			if !equivalentArg(x.Call.Args[i], y.Call.Args[i], depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// SameKey reports whether a and b name the same record: Equivalent once
// case and space normalisation is set aside on both sides (a lookup by
// strings.ToLower(email) and an insert of
// strings.ToLower(strings.TrimSpace(email)) race for the same address).
func SameKey(a, b ssa.Value) bool {
	return Equivalent(a, b) || Equivalent(denormalised(a), denormalised(b))
}

// keyNormalisers are the strings functions that change how a key is
// spelt, not which record it names.
var keyNormalisers = map[string]bool{"ToLower": true, "ToUpper": true, "ToTitle": true, "TrimSpace": true}

func denormalised(v ssa.Value) ssa.Value {
	for i := 0; i < 8; i++ {
		c, ok := Strip(v).(*ssa.Call)
		if !ok || len(c.Call.Args) != 1 {
			return v
		}
		fn := c.Call.StaticCallee()
		if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "strings" || !keyNormalisers[fn.Name()] {
			return v
		}
		v = c.Call.Args[0]
	}
	return v
}

// pureFunc lists packages whose functions return the same result for
// equivalent arguments.
var pureFunc = map[string]bool{"fmt": true, "strings": true, "strconv": true, "path": true}

// equivalentArg compares call arguments, looking into the variadic slices
// fmt.Sprintf receives.
func equivalentArg(a, b ssa.Value, depth int) bool {
	ea, okA := VariadicArgs(a)
	eb, okB := VariadicArgs(b)
	if okA && okB {
		if len(ea) != len(eb) {
			return false
		}
		for i := range ea {
			if !equivalent(Strip(ea[i]), Strip(eb[i]), depth) {
				return false
			}
		}
		return true
	}
	return equivalent(Strip(a), Strip(b), depth)
}

// maxSearchBlocks bounds the functions in which Guards searches paths;
// beyond it only the dominance fast path answers, so huge generated
// functions cost linear time.
const maxSearchBlocks = 400

// Reachable reports whether block to can be reached from block from
// without passing through avoid (which may be nil).
func Reachable(from, to, avoid *ssa.BasicBlock) bool {
	if from == avoid {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{from: true}
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == to {
			return true
		}
		for _, s := range b.Succs {
			if s != avoid && !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return false
}

// Reach answers reachability questions within one function, remembering
// each source block's reachable set as a bitset: the rules ask it for
// every read-write pair. The zero value is ready to use.
type Reach struct {
	sets map[*ssa.BasicBlock][]uint64
}

// Reaches reports whether block to can be reached from block from (a
// block reaches itself). Blocks of two functions (an operation inlined
// from a function literal and its parent's blocks) never reach each other.
func (r *Reach) Reaches(from, to *ssa.BasicBlock) bool {
	if from.Parent() != to.Parent() {
		return false
	}
	set, ok := r.sets[from]
	if !ok {
		set = make([]uint64, (len(from.Parent().Blocks)+63)/64)
		stack := []*ssa.BasicBlock{from}
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, s := range b.Succs {
				if set[s.Index/64]&(1<<(s.Index%64)) == 0 {
					set[s.Index/64] |= 1 << (s.Index % 64)
					stack = append(stack, s)
				}
			}
		}
		if r.sets == nil {
			r.sets = map[*ssa.BasicBlock][]uint64{}
		}
		r.sets[from] = set
	}
	return from == to || set[to.Index/64]&(1<<(to.Index%64)) != 0
}

// ReachesInstr reports whether b can run after a: later in the same block,
// or in a block reachable from a's.
func (r *Reach) ReachesInstr(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return Index(a) < Index(b)
	}
	return r.Reaches(a.Block(), b.Block())
}

// InLoop reports whether b lies on a cycle of its function's CFG.
func InLoop(b *ssa.BasicBlock) bool {
	for _, s := range b.Succs {
		if Reachable(s, b, nil) {
			return true
		}
	}
	return false
}

// Guards reports whether the If ending block cond decides whether block
// target runs: target is reachable from exactly one successor of cond.
// Paths that come back through cond (loops) do not count.
func Guards(cond, target *ssa.BasicBlock) (guarded bool, branch int) {
	if len(cond.Succs) != 2 {
		return false, 0
	}
	// Fast path: a successor entered only from cond that dominates the
	// target decides it (if cond { write }, if cond { return }; write).
	for i, s := range cond.Succs {
		if len(s.Preds) == 1 && s.Dominates(target) {
			return true, i
		}
	}
	if len(cond.Parent().Blocks) > maxSearchBlocks {
		return false, 0 // too large for path search: say nothing
	}
	t := Reachable(cond.Succs[0], target, cond)
	f := Reachable(cond.Succs[1], target, cond)
	switch {
	case t && !f:
		return true, 0
	case f && !t:
		return true, 1
	}
	return false, 0
}

// embeddedField reports whether field i of the struct t (or *t) is embedded.
func embeddedField(t types.Type, i int) bool {
	st, ok := deref(t).Underlying().(*types.Struct)
	return ok && i < st.NumFields() && st.Field(i).Embedded()
}

// Embedded is the exported form of embeddedField.
func Embedded(t types.Type, i int) bool { return embeddedField(t, i) }

// Decides reports whether every path from the function's entry to target
// passes through cond and leaves it by one and the same successor: the
// check alone decides whether target runs.
func Decides(cond, target *ssa.BasicBlock) bool {
	guarded, branch := Guards(cond, target)
	if !guarded {
		return false
	}
	entry := cond.Parent().Blocks[0]
	// Remove the edge cond -> Succs[branch] and see whether target is
	// still reachable from the entry.
	seen := map[*ssa.BasicBlock]bool{entry: true}
	stack := []*ssa.BasicBlock{entry}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == target {
			return false
		}
		for i, s := range b.Succs {
			if b == cond && i == branch {
				continue
			}
			if !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}

// Index returns the position of instr in its block, or -1.
func Index(instr ssa.Instruction) int {
	for i, in := range instr.Block().Instrs {
		if in == instr {
			return i
		}
	}
	return -1
}

// SoleImplementation returns the only candidate method whose receiver type
// implements iface, and false when there is none or more than one: which
// of several implementations runs is not known. Candidates with the same
// key are the same method (seen through two packages' facts) and count
// once.
func SoleImplementation[T any](iface *types.Interface, candidates []T, recv func(T) types.Type, key func(T) string) (T, bool) {
	var found T
	var keys []string
	for _, c := range candidates {
		if !types.Implements(recv(c), iface) {
			continue
		}
		k := key(c)
		if slices.Contains(keys, k) {
			continue
		}
		keys = append(keys, k)
		found = c
	}
	if len(keys) != 1 {
		var zero T
		return zero, false
	}
	return found, true
}

// maxFieldsReadDepth bounds how far FieldsRead follows a value into calls.
const maxFieldsReadDepth = 3

// FieldsRead returns the names of the fields function fn reads of its
// parameter i (a method's receiver is parameter 0), following the value
// into calls of functions with bodies, and into functions without one
// through external (facts of another package; nil for none). ok is false
// when the value is used any other way: stored, compared whole, passed to
// a function that cannot be looked into.
func FieldsRead(fn *ssa.Function, i int, external func(*types.Func, int) ([]string, bool)) (fields []string, ok bool) {
	return fieldsRead(fn, i, external, 0)
}

func fieldsRead(fn *ssa.Function, i int, external func(*types.Func, int) ([]string, bool), depth int) (fields []string, ok bool) {
	if depth > maxFieldsReadDepth {
		return nil, false
	}
	if len(fn.Blocks) == 0 {
		obj, isFunc := fn.Object().(*types.Func)
		if external == nil || !isFunc {
			return nil, false
		}
		return external(obj, i)
	}
	if i >= len(fn.Params) {
		return nil, false
	}
	var uses func(v ssa.Value) bool
	uses = func(v ssa.Value) bool {
		for _, ref := range *v.Referrers() {
			switch x := ref.(type) {
			case *ssa.FieldAddr:
				fields = append(fields, FieldName(x.X.Type(), x.Field))
			case *ssa.Field:
				fields = append(fields, FieldName(x.X.Type(), x.Field))
			case *ssa.UnOp:
				if x.Op != token.MUL || !uses(x) {
					return false
				}
			case *ssa.Call:
				callee := x.Call.StaticCallee()
				if callee == nil {
					return false
				}
				for j, a := range x.Call.Args {
					if a != v {
						continue
					}
					more, ok := fieldsRead(callee, j, external, depth+1)
					if !ok {
						return false
					}
					fields = append(fields, more...)
				}
			case *ssa.BinOp:
				// p == nil, p != nil read no field.
				other := x.Y
				if x.Y == v {
					other = x.X
				}
				if k, ok := other.(*ssa.Const); !ok || !k.IsNil() || (x.Op != token.EQL && x.Op != token.NEQ) {
					return false
				}
			case *ssa.DebugRef:
			default:
				return false
			}
		}
		return true
	}
	if !uses(fn.Params[i]) || len(fields) == 0 {
		return nil, false
	}
	return fields, true
}

// Captured returns the value a closure's free variable fv was bound to
// where the closure was made (opts := &sql.TxOptions{...} outside a
// retry closure that uses it), when the function is made by exactly one
// MakeClosure of its parent; otherwise fv itself.
func Captured(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	if idx < 0 || fn.Parent() == nil {
		return fv
	}
	var bound ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn || idx >= len(mc.Bindings) {
				continue
			}
			if bound != nil {
				return fv // made twice: which binding is not known
			}
			bound = mc.Bindings[idx]
		}
	}
	if bound == nil {
		return fv
	}
	return bound
}

// SoleStore returns the value stored into the variable cell addr (an
// Alloc) when exactly one store writes it, else nil.
func SoleStore(addr ssa.Value) ssa.Value {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var val ssa.Value
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			if val != nil {
				return nil
			}
			val = st.Val
		}
	}
	return val
}

// Mirror returns the operator of a comparison with its operands swapped:
// x < y is y > x.
func Mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}
