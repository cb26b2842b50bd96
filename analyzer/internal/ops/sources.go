package ops

import (
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// SourceKind says how a value depends on an operation.
type SourceKind int

const (
	// Data: the value is (derived from) something the read returned.
	Data SourceKind = iota + 1
	// Err: the operation's error, compared in a way that is neither a
	// plain nil check nor a not-found check (a helper like isNotFound).
	Err
	// NotFound: whether the read found a row (sql.ErrNoRows, rows.Next,
	// RowsAffected of a read).
	NotFound
	// Count: the affected-row count of a write.
	Count
)

// Source is one operation a value depends on.
type Source struct {
	Op     *Op
	Kind   SourceKind
	Column string // normalized column or field the value came from; "" if unknown
}

// Sources returns the operations v depends on, in source order. Plain
// `err != nil` checks contribute nothing: they are error handling, not a
// decision about the data.
func (f *Func) Sources(v ssa.Value) []Source {
	if s, ok := f.sources[v]; ok {
		return s
	}
	w := &walker{f: f, seen: map[walkKey]bool{}, budget: 4096}
	w.value(v, "")
	s := dedupe(w.out)
	if f.frozen {
		f.sources[v] = s
	}
	return s
}

// ComputedFrom returns the operations whose data v is computed from by
// arithmetic: like Sources, but a call passes data on only from its
// receiver (balance.Sub(amount)) or through pure standard-library
// functions (strings, math, strconv...). A value produced by a call that
// merely takes read data as an argument (an HTTP response fetched with the
// stored ETag) is new data, not a modified copy of the old.
func (f *Func) ComputedFrom(v ssa.Value) []Source {
	if s, ok := f.computed[v]; ok {
		return s
	}
	w := &walker{f: f, seen: map[walkKey]bool{}, budget: 4096, strict: true}
	w.value(v, "")
	s := dedupe(w.out)
	if f.frozen {
		f.computed[v] = s
	}
	return s
}

// pureArgs are packages whose functions compute their result from their
// arguments alone.
var pureArgs = map[string]bool{
	"math": true, "strings": true, "strconv": true, "bytes": true, "unicode": true,
	"slices": true, "maps": true, "time": true, "math/big": true, "fmt": true,
}

type walkKey struct {
	v   ssa.Value
	col string
}

type walker struct {
	f      *Func
	seen   map[walkKey]bool
	budget int
	out    []Source
	strict bool // see ComputedFrom
}

func (w *walker) emit(op *Op, kind SourceKind, col string) {
	w.out = append(w.out, Source{Op: op, Kind: kind, Column: col})
}

// sub runs fn and rewrites the Err sources it found: to NotFound for a
// not-found comparison, or drops them for a nil comparison.
func (w *walker) sub(fn func(), rewrite SourceKind) {
	start := len(w.out)
	fn()
	kept := w.out[:start]
	for _, s := range w.out[start:] {
		if s.Kind == Err {
			if rewrite == 0 {
				continue
			}
			s.Kind = rewrite
		}
		kept = append(kept, s)
	}
	w.out = kept
}

func (w *walker) value(v ssa.Value, col string) {
	if v == nil || w.budget <= 0 {
		return
	}
	k := walkKey{v, col}
	if w.seen[k] {
		return
	}
	w.seen[k] = true
	w.budget--
	f := w.f
	switch x := v.(type) {
	case *ssa.Call:
		if op := f.byVal[x]; op != nil {
			w.result(op, x.Type(), col)
			return
		}
		if ob, ok := f.observers[x]; ok {
			w.observed(ob, x.Type(), col)
			return
		}
		if rs := f.results[x]; len(rs) > 0 {
			w.summarized(rs, 0, col)
			return
		}
		if w.errorsCall(x) {
			return
		}
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" && len(x.Call.Args) == 1 {
			// len(rows) > 0 asks whether the read found anything.
			start := len(w.out)
			w.value(x.Call.Args[0], "")
			for i := start; i < len(w.out); i++ {
				if w.out[i].Kind == Data {
					w.out[i].Kind = NotFound
				}
			}
			return
		}
		if m, ok := f.model.Lookup(callee(x)); ok && m.Role == apimodel.RoleIsNotFound && len(x.Call.Args) == 1 {
			// gorm.IsRecordNotFoundError(err): a not-found test.
			w.sub(func() { w.value(x.Call.Args[0], "") }, NotFound)
			return
		}
		if fn := callee(x); fn != nil && fn.Pkg() != nil && apimodel.IsOpaque(fn.Pkg().Path()) {
			// Another database call that merely takes read data as an
			// argument (GORM's Association(...).Delete(r.Menus)): its
			// result says nothing about the state the read observed.
			return
		}
		if w.strict {
			w.computedCall(x)
			return
		}
		for _, a := range x.Call.Args {
			w.argument(a, x)
		}
		if x.Call.IsInvoke() {
			w.value(x.Call.Value, "")
		}
	case *ssa.Extract:
		if c, ok := x.Tuple.(*ssa.Call); ok {
			t := c.Type().(*types.Tuple).At(x.Index).Type()
			if op := f.byVal[c]; op != nil {
				w.result(op, t, col)
				return
			}
			if ob, ok := f.observers[c]; ok {
				w.observed(ob, t, col)
				return
			}
			if rs := f.results[c]; len(rs) > 0 {
				w.summarized(rs, x.Index, col)
				return
			}
		}
		w.value(x.Tuple, col)
	case *ssa.BinOp:
		if x.Op == token.EQL || x.Op == token.NEQ {
			if w.comparison(x.X, x.Y) || w.comparison(x.Y, x.X) {
				return
			}
		}
		w.value(x.X, col)
		w.value(x.Y, col)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if st := w.f.killingStore(x); st != nil {
				// code = randomHex() after Scan(&code): the load sees
				// the store, not the read.
				w.value(st.Val, col)
				return
			}
			w.memory(x.X, col)
			return
		}
		w.value(x.X, col)
	case *ssa.Field:
		if flow.Embedded(x.X.Type(), x.Field) {
			w.value(x.X, col)
			return
		}
		w.value(x.X, normalizeColumn(flow.FieldName(x.X.Type(), x.Field)))
	case *ssa.Phi:
		for _, e := range x.Edges {
			w.value(e, col)
		}
	case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface, *ssa.Convert:
		inner, _ := flow.Converted(v)
		w.value(inner, col)
	case *ssa.TypeAssert:
		w.value(x.X, col)
	case *ssa.Slice:
		w.value(x.X, col)
	case *ssa.Index:
		w.value(x.X, col)
	case *ssa.Lookup:
		// job["status"] on a hash read whole names the field.
		if k, ok := flow.ConstString(x.Index); ok {
			col = normalizeColumn(k)
		}
		w.value(x.X, col)
		w.value(x.Index, "")
	case *ssa.FreeVar:
		// A value an inlined function literal captured from f.
		if b, ok := f.bind[x]; ok {
			w.value(b, col)
		}
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Alloc:
		// An address used as a value (passed to a helper): what it points to.
		w.memory(x, col)
	}
}

// comparison handles `err != nil` and `err == sql.ErrNoRows`; it reports
// whether it consumed the comparison.
func (w *walker) comparison(a, b ssa.Value) bool {
	if c, ok := b.(*ssa.Const); ok && c.IsNil() && errorLike(a.Type()) {
		// err != nil is error handling, unless the error is a verdict on
		// the data: job.CanStart() or a helper of this package that
		// inspects what was read. Errors of other calls that merely took
		// read data as an argument (parsing a stored URL) are not checks.
		inner := &walker{f: w.f, seen: map[walkKey]bool{}, budget: w.budget, strict: true}
		inner.value(a, "")
		for _, s := range inner.out {
			if s.Kind != Err {
				w.out = append(w.out, s)
			}
		}
		return true
	}
	if c, ok := b.(*ssa.Const); ok && (c.IsNil() || isZeroStruct(c)) {
		// category == nil after a lookup asks whether it was found; a
		// nullable column compared with nil (e.OpenedAt == nil, or a
		// variable Scan filled) tests state.
		column := w.f.isColumnValue(a)
		start := len(w.out)
		w.value(a, "")
		for i := start; i < len(w.out); i++ {
			if w.out[i].Kind == Data && (!column || w.out[i].Column == "") {
				w.out[i].Kind = NotFound
			}
		}
		return true
	}
	switch w.sentinel(b) {
	case apimodel.NotFound:
		w.sub(func() { w.value(a, "") }, NotFound)
		return true
	case apimodel.DuplicateKey:
		w.sub(func() { w.value(a, "") }, 0)
		return true
	}
	return false
}

// errorsCall handles errors.Is and errors.As.
func (w *walker) errorsCall(c *ssa.Call) bool {
	fn := c.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "errors" || len(c.Call.Args) != 2 {
		return false
	}
	switch fn.Name() {
	case "Is":
		if w.sentinel(c.Call.Args[1]) == apimodel.NotFound {
			w.sub(func() { w.value(c.Call.Args[0], "") }, NotFound)
			return true
		}
		start := len(w.out)
		w.value(c.Call.Args[0], "")
		w.portNotFound(start, c.Call.Args[1])
		return true
	case "As":
		w.sub(func() { w.value(c.Call.Args[0], "") }, 0)
		return true
	}
	return false
}

// notFoundTest reports whether cond itself compares an error with a
// not-found sentinel (errors.Is(err, sql.ErrNoRows), err == pgx.ErrNoRows,
// and their negations), and which successor of the If runs when nothing
// was found.
func (f *Func) notFoundTest(cond ssa.Value) (branch int, ok bool) {
	w := &walker{f: f, seen: map[walkKey]bool{}, budget: 1}
	switch x := cond.(type) {
	case *ssa.UnOp:
		if x.Op == token.NOT {
			if b, ok := f.notFoundTest(x.X); ok {
				return 1 - b, true
			}
		}
	case *ssa.Call:
		fn := x.Call.StaticCallee()
		if fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "errors" && fn.Name() == "Is" && len(x.Call.Args) == 2 {
			return 0, w.sentinel(x.Call.Args[1]) == apimodel.NotFound
		}
	case *ssa.BinOp:
		if x.Op != token.EQL && x.Op != token.NEQ {
			return 0, false
		}
		if w.sentinel(x.X) != apimodel.NotFound && w.sentinel(x.Y) != apimodel.NotFound {
			return 0, false
		}
		if x.Op == token.NEQ {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// portNotFound rewrites the Err sources from start on for errors.Is(err,
// v) where v is not a known not-found sentinel: the error of a read of a
// configured repository interface (interfaces: in the configuration)
// compared with an error variable declared beside that interface (the
// domain's ErrNotFound, which its implementation returns and go vet
// cannot see) is a not-found check; other errors are error handling.
func (w *walker) portNotFound(start int, v ssa.Value) {
	var pkg string
	if g := globalLoad(v); g != nil && g.Pkg != nil {
		pkg = g.Pkg.Pkg.Path()
	}
	kept := w.out[:start]
	for _, s := range w.out[start:] {
		if s.Kind == Err {
			if pkg == "" || s.Op.Method.Role != apimodel.RoleUser || s.Op.Method.Pkg != pkg || s.Op.Kind != Read {
				continue
			}
			s.Kind = NotFound
		}
		kept = append(kept, s)
	}
	w.out = kept
}

func (w *walker) sentinel(v ssa.Value) apimodel.Sentinel {
	if isKVSentinel(v) {
		return apimodel.NotFound
	}
	l, ok := flow.Strip(v).(*ssa.UnOp)
	if !ok || l.Op != token.MUL {
		return 0
	}
	g, ok := l.X.(*ssa.Global)
	if !ok {
		return 0
	}
	obj, _ := g.Object().(*types.Var)
	if obj != nil && w.f.pkg.isNotFoundVar(obj) {
		return apimodel.NotFound
	}
	return w.f.model.SentinelOf(obj)
}

// isZeroStruct reports whether c is the zero value of a struct type:
// `existing != (domain.Article{})` asks whether a lookup found a row.
func isZeroStruct(c *ssa.Const) bool {
	_, ok := c.Type().Underlying().(*types.Struct)
	return ok && c.Value == nil
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// result classifies a value returned by an operation's own call.
func (w *walker) result(op *Op, t types.Type, col string) {
	switch {
	case isError(t) && op.Kind.IsWrite() && op.Returning && op.Method.Role == apimodel.RoleGet:
		// sqlx Get of UPDATE ... RETURNING fails with sql.ErrNoRows when
		// no row was written, ent's UpdateOne with a *NotFoundError: the
		// error is the affected-row count.
		w.emit(op, Count, "")
	case isError(t):
		w.emit(op, Err, "")
	case op.Kind.IsWrite():
		w.emit(op, Count, "")
	case op.Kind == Begin:
	case op.Existence, op.FoundResult && isBool(t):
		w.emit(op, NotFound, "")
	case apimodel.IsGORMHandle(t):
		// The handle itself; its Error and RowsAffected fields are read
		// through memory.
	default:
		w.emit(op, Data, col)
	}
}

// observed classifies a value returned by an observation call.
func (w *walker) observed(ob observer, t types.Type, col string) {
	switch {
	case ob.role == apimodel.RoleNext:
		w.emit(ob.op, NotFound, "")
	case ob.op.Existence && !isError(t):
		w.emit(ob.op, NotFound, "") // rdb.Exists(...).Val() > 0
	case ob.role == apimodel.RoleAffected && isError(t):
		// The driver's error from RowsAffected says nothing about rows.
	case ob.role == apimodel.RoleAffected && ob.op.Kind.IsWrite():
		w.emit(ob.op, Count, "")
	case ob.role == apimodel.RoleAffected:
		w.emit(ob.op, NotFound, "")
	case ob.role == apimodel.RoleResult && !isError(t) && ob.op.Kind == Delete && ob.op.Method.Store() == apimodel.StoreKeyValue:
		w.emit(ob.op, Count, "") // DEL's reply: how many keys it removed
	case ob.role == apimodel.RoleResult && !isError(t) && col == "":
		w.emit(ob.op, Data, ob.op.Column)
	case isError(t):
		if ob.op.Kind.IsWrite() && !(ob.op.Method.Store() == apimodel.StoreKeyValue && ob.op.Kind != Insert) {
			// The scan error of INSERT/UPDATE ... RETURNING reports
			// whether a row was written (and SET NX's redis.Nil whether
			// the key was set); a DEL's or an HSET's error is only the
			// connection's.
			w.emit(ob.op, Count, "")
			return
		}
		w.emit(ob.op, Err, "")
	default:
		w.emit(ob.op, Data, col)
	}
}

// memory classifies a load from addr: what the reads that filled that
// memory observed, and what was stored there.
func (w *walker) memory(addr ssa.Value, col string) {
	f := w.f
	root, path := flow.Root(addr)
	if fv, ok := root.(*ssa.FreeVar); ok {
		if b, ok := f.bind[fv]; ok {
			// A captured variable of an inlined literal: f's variable.
			var prefix []string
			root, prefix = flow.Root(b)
			path = append(prefix, path...)
		}
	}
	// GORM results: tx.Error, tx.RowsAffected.
	if c := asCall(root); c != nil && len(f.results[c]) > 0 {
		idx := 0
		if ex, ok := root.(*ssa.Extract); ok {
			idx = ex.Index
		}
		c2 := columnAfter(path, 0)
		if c2 == "" {
			c2 = col
		}
		w.summarized(f.results[c], idx, c2)
		return
	}
	if c := asCall(root); c != nil && len(path) > 0 {
		if op := f.byVal[c]; op != nil {
			switch {
			case op.Method.ReturnsRecord:
				// ent, or a configured read, returns the entity it read:
				// e.OpenedAt is a column.
				c2 := columnAfter(path, 0)
				if c2 == "" {
					c2 = col
				}
				w.emit(op, Data, c2)
			case path[0] == "Error":
				w.emit(op, Err, "")
			case apimodel.IsCountField(path[0]):
				if op.Kind.IsWrite() {
					w.emit(op, Count, "")
				} else {
					w.emit(op, NotFound, "")
				}
			}
			return
		}
	}
	for _, fl := range f.fills[root] {
		if !compatible(fl.path, path) {
			continue
		}
		c := fl.column
		if len(path) < len(fl.path) {
			c = "" // the whole struct, of which the scan filled one field
		}
		if c == "" {
			c = columnAfter(path, len(fl.path))
		}
		if c == "" {
			c = col
		}
		kind := Data
		if fl.exists {
			kind = NotFound
		}
		w.emit(fl.op, kind, c)
	}
	for _, st := range f.store[root] {
		_, spath := flow.Root(st.Addr)
		if !compatible(spath, path) {
			continue
		}
		c := columnAfter(path, len(spath))
		if c == "" {
			c = col
		}
		w.value(st.Val, c)
	}
	if root != addr {
		// A pointer or struct loaded from a variable, then a field of it
		// (user.ID where user is a captured *User): what the variable
		// holds, naming the field.
		if l, ok := root.(*ssa.UnOp); ok && l.Op == token.MUL {
			c := columnAfter(path, 0)
			if c == "" {
				c = col
			}
			w.memory(l.X, c)
		}
	}
}

func asCall(v ssa.Value) *ssa.Call {
	switch x := v.(type) {
	case *ssa.Call:
		return x
	case *ssa.Extract:
		c, _ := x.Tuple.(*ssa.Call)
		return c
	}
	return nil
}

// compatible reports whether one path is a prefix of the other.
func compatible(a, b []string) bool {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// columnAfter names the first field of path after skipping skip elements
// and indexing.
func columnAfter(path []string, skip int) string {
	for i := skip; i < len(path); i++ {
		if path[i] != "[]" {
			return normalizeColumn(path[i])
		}
	}
	return ""
}

func dedupe(in []Source) []Source {
	type key struct {
		op   *Op
		kind SourceKind
		col  string
	}
	seen := map[key]bool{}
	var out []Source
	for _, s := range in {
		k := key{s.Op, s.Kind, s.Column}
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Op.Call.Pos() != out[j].Op.Call.Pos() {
			return out[i].Op.Call.Pos() < out[j].Op.Call.Pos()
		}
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Column < out[j].Column
	})
	return out
}

// summarized emits what result index of a summarised call carries.
func (w *walker) summarized(rs []boundResult, index int, col string) {
	for _, r := range rs {
		if r.index != index {
			continue
		}
		c := col // the field the caller selects wins over the summary's guess
		if c == "" {
			c = r.column
		}
		w.emit(r.op, r.kind, c)
	}
}

// killingStore returns the store that load must see instead of what a read
// filled: a store to exactly the loaded address that runs after every
// read that filled it and dominates the load.
// StoredValue returns the value the store that load sees put there (code
// = randomHex() after Scan(&code)), or nil.
func (f *Func) StoredValue(load *ssa.UnOp) ssa.Value {
	if st := f.killingStore(load); st != nil {
		return st.Val
	}
	return nil
}

func (f *Func) killingStore(load *ssa.UnOp) *ssa.Store {
	return f.killingStoreAt(load.X, load)
}

// killingStoreAt is killingStore for the memory at addr as instruction at
// uses it (a load of it, a call it is passed to); nil for a value that
// is not an address.
func (f *Func) killingStoreAt(addr ssa.Value, at ssa.Instruction) *ssa.Store {
	switch addr.(type) {
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Global, *ssa.FreeVar, *ssa.Parameter, *ssa.UnOp:
	default:
		return nil
	}
	root, path := flow.Root(addr)
	var kill *ssa.Store
	for _, st := range f.store[root] {
		_, spath := flow.Root(st.Addr)
		if !equalPaths(spath, path) || !dominates(st, at) {
			continue
		}
		if kill == nil || dominates(kill, st) {
			kill = st
		}
	}
	if kill == nil {
		return nil
	}
	for _, fl := range f.fills[root] {
		// t := Article{} then rows.Scan(&t.ID, ...): the scan after the
		// store fills it again, so the store does not decide the load.
		filled := fl.at
		if filled == nil {
			filled = fl.op.Call
		}
		if compatible(fl.path, path) && !dominates(filled, kill) {
			return nil
		}
	}
	return kill
}

func equalPaths(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// dominates reports whether instruction a runs before b on every path to b.
func dominates(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return flow.Index(a) < flow.Index(b)
	}
	return a.Block().Dominates(b.Block())
}

// Overwritten reports whether a store the load must see replaced what a
// read filled (see killingStore).
func (f *Func) Overwritten(load *ssa.UnOp) bool {
	return load.Op == token.MUL && f.killingStore(load) != nil
}

// computedCall follows a call in strict mode: the receiver always, the
// arguments only of builtins and pure standard-library functions.
func (w *walker) computedCall(c *ssa.Call) {
	com := c.Call
	if com.IsInvoke() {
		w.value(com.Value, "")
		return
	}
	if _, ok := com.Value.(*ssa.Builtin); ok {
		for _, a := range com.Args {
			w.value(a, "")
		}
		return
	}
	fn := com.StaticCallee()
	if fn == nil {
		return
	}
	if fn.Signature.Recv() != nil && len(com.Args) > 0 {
		w.argument(com.Args[0], c)
	}
	if fn.Pkg != nil && (pureArgs[fn.Pkg.Pkg.Path()] || fn.Pkg == w.f.Fn.Pkg) {
		for _, a := range com.Args {
			w.argument(a, c)
		}
	}
}

// argument follows an argument of call: what it holds, or, for the
// address of memory that a store replaced after the read filled it
// (s = SMTP{}; decode(&s); s.Validate()), what was stored.
func (w *walker) argument(a ssa.Value, call ssa.Instruction) {
	if st := w.f.killingStoreAt(a, call); st != nil {
		w.value(st.Val, "")
		return
	}
	w.value(a, "")
}

// errorLike reports whether t is error or a type that implements it (a
// *LocalizedError compared with nil is error handling too).
func errorLike(t types.Type) bool {
	errType := types.Universe.Lookup("error").Type()
	return isError(t) || types.Implements(t, errType.Underlying().(*types.Interface))
}

// isColumnValue reports whether v is a column as read: a field of a
// struct, or a variable a scan filled directly.
func (f *Func) isColumnValue(v ssa.Value) bool {
	switch x := flow.Strip(v).(type) {
	case *ssa.Field:
		return true
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		if _, ok := x.X.(*ssa.FieldAddr); ok {
			return true
		}
		root, path := flow.Root(x.X)
		return len(path) == 0 && len(f.fills[root]) > 0
	}
	return false
}

// IsColumnValue is the exported form of isColumnValue: v is a column as it
// was read.
func (f *Func) IsColumnValue(v ssa.Value) bool { return f.isColumnValue(v) }
