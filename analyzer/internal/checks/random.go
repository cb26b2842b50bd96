package checks

// Keys drawn at random: a request that looks up a token, a short code or
// a UUID it has just drawn, and inserts it when no row has it, is checking
// for a collision. No other request draws the same key, so two of them do
// not both find it missing: there is no check-then-insert race.

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
)

// drawnKey reports whether every key value of the lookup is drawn at
// random by this request.
func (c *funcChecker) drawnKey(keys []ssa.Value) bool {
	if len(keys) == 0 {
		return false
	}
	for _, k := range keys {
		if !c.random(k, 0, map[ssa.Value]bool{}) {
			return false
		}
	}
	return true
}

// random reports whether v is drawn at random (a random source of the
// registry), or built from such a value: encoded, formatted, concatenated,
// converted, returned by a helper of this package, or a buffer a random
// Read filled or whose elements are random.
func (c *funcChecker) random(v ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if v == nil || depth > 12 || seen[v] {
		return false
	}
	seen[v] = true
	next := func(w ssa.Value) bool { return c.random(w, depth+1, seen) }
	switch x := flow.Strip(v).(type) {
	case *ssa.Call:
		if callee := x.Call.StaticCallee(); callee != nil {
			if randomSource(callee) {
				return true
			}
			if callee.Pkg == c.f.Fn.Pkg && len(callee.Blocks) > 0 && returnsRandom(callee, next) {
				return true // a helper of this package: randomCode(6)
			}
		}
		if x.Call.IsInvoke() && next(x.Call.Value) {
			return true
		}
		for _, a := range x.Call.Args {
			if next(a) {
				return true // u.String(), hex.EncodeToString(b), fmt.Sprintf("%s-%d", p, n)
			}
		}
	case *ssa.Extract:
		return next(x.Tuple)
	case *ssa.BinOp:
		return next(x.X) || next(x.Y)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !next(e) {
				return false
			}
		}
		return len(x.Edges) > 0
	case *ssa.Index:
		return next(x.X) || next(x.Index)
	case *ssa.Slice:
		return next(x.X)
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return next(x.X)
		}
		if x.Parent() == c.f.Fn {
			if stored := c.f.StoredValue(x); stored != nil {
				return next(stored)
			}
		}
		return randomBuffer(x.X, next)
	case *ssa.Alloc, *ssa.MakeSlice:
		return randomBuffer(x, next)
	}
	return false
}

// randomSource reports whether fn is a random source of the registry.
func randomSource(fn *ssa.Function) bool {
	if fn.Pkg == nil {
		return false
	}
	recv := ""
	if r := fn.Signature.Recv(); r != nil {
		recv = apimodel.TypeName(r.Type())
	}
	return apimodel.IsRandomSource(fn.Pkg.Pkg.Path(), recv, fn.Name())
}

// returnsRandom reports whether every return of fn gives a random first
// result.
func returnsRandom(fn *ssa.Function, random func(ssa.Value) bool) bool {
	n := 0
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		if !random(ret.Results[0]) {
			return false
		}
		n++
	}
	return n > 0
}

// randomBuffer reports whether the memory at addr (a byte slice, an
// array) is filled at random: passed to a random Read, or given random
// elements (b[i] = letters[rand.Intn(len(letters))]).
func randomBuffer(addr ssa.Value, random func(ssa.Value) bool) bool {
	root, _ := flow.Root(flow.Strip(addr))
	if root == nil {
		return false
	}
	rootRefs := root.Referrers()
	if rootRefs == nil {
		return false
	}
	uses := []ssa.Value{root}
	for _, ref := range *rootRefs {
		if sl, ok := ref.(*ssa.Slice); ok {
			uses = append(uses, sl)
		}
	}
	for _, u := range uses {
		refs := u.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			switch r := ref.(type) {
			case *ssa.Call:
				if callee := r.Call.StaticCallee(); callee != nil && randomSource(callee) {
					return true // rand.Read(b)
				}
			case *ssa.IndexAddr:
				for _, st := range *r.Referrers() {
					if s, ok := st.(*ssa.Store); ok && s.Addr == r && random(s.Val) {
						return true
					}
				}
			}
		}
	}
	return false
}
