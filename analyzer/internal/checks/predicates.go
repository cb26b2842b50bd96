package checks

// Predicate methods: a check written as a call (if !u.IsAdmin(), if
// t.Expired(now)) tests the fields the called function reads, which racelint
// can see when the function is in the analysed code. Knowing them tells an
// authorization or validity check of one column apart from a check of the
// column the write then sets.

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/ops"
)

// predicateColumns returns the columns of what r read that the calls in
// the condition cond test: the fields their functions read of an argument
// that carries r's data. nil when a call cannot be looked into (no body,
// a library, an interface method) or uses the value some other way.
func (c *funcChecker) predicateColumns(cond ssa.Value, r *ops.Op) []string {
	var calls []*ssa.Call
	var walk func(v ssa.Value, depth int)
	walk = func(v ssa.Value, depth int) {
		if depth > 4 {
			return
		}
		switch x := flow.Strip(v).(type) {
		case *ssa.Call:
			calls = append(calls, x)
		case *ssa.UnOp:
			if x.Op == token.NOT {
				walk(x.X, depth+1)
			}
		case *ssa.BinOp:
			walk(x.X, depth+1)
			walk(x.Y, depth+1)
		case *ssa.Extract:
			if call, ok := x.Tuple.(*ssa.Call); ok {
				calls = append(calls, call) // if err := e.Validate(); err != nil
			}
		}
	}
	walk(cond, 0)
	if len(calls) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var cols []string
	for _, call := range calls {
		fn := call.Call.StaticCallee()
		if fn == nil {
			return nil
		}
		carried := false
		for i, a := range call.Call.Args {
			if !c.derivedFrom(a, r, "") {
				continue
			}
			carried = true
			if fn.Pkg != nil && (apimodel.LibraryOf(fn.Pkg.Pkg.Path()) != nil || apimodel.IsOpaque(fn.Pkg.Pkg.Path())) {
				return nil // a library's own predicate: not the application's state
			}
			fields, ok := flow.FieldsRead(fn, i, c.predicates)
			if !ok {
				return nil
			}
			for _, f := range fields {
				if col := ops.NormalizeColumn(f); !seen[col] {
					seen[col] = true
					cols = append(cols, col)
				}
			}
		}
		if !carried {
			return nil
		}
	}
	return cols
}
