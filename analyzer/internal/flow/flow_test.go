package flow

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

func TestSameConstant(t *testing.T) {
	str := constant.MakeString
	i64 := constant.MakeInt64
	tests := []struct {
		name string
		x, y constant.Value
		want bool
	}{
		{"equal strings", str("on"), str("on"), true},
		{"different strings", str("on"), str("off"), false},
		{"bool and string", constant.MakeBool(true), str("true"), false},
		{"string and bool", str("true"), constant.MakeBool(true), false},
		{"int and string", i64(1), str("1"), false},
		{"bool and int", constant.MakeBool(true), i64(1), false},
		{"equal bools", constant.MakeBool(false), constant.MakeBool(false), true},
		{"int and float of one value", i64(1), constant.MakeFloat64(1), true},
		{"int and float of two values", i64(1), constant.MakeFloat64(1.5), false},
		{"int and complex", i64(2), constant.BinaryOp(i64(2), token.ADD, constant.MakeImag(i64(0))), true},
		{"unknown", constant.MakeUnknown(), constant.MakeUnknown(), false},
		{"nil", nil, i64(1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameConstant(tt.x, tt.y); got != tt.want {
				t.Errorf("SameConstant(%v, %v) = %v, want %v", tt.x, tt.y, got, tt.want)
			}
		})
	}
}

func TestSoleImplementation(t *testing.T) {
	const src = `package p
type Store interface{ Get() int }
type A struct{}
func (A) Get() int { return 1 }
type B struct{}
func (*B) Get() int { return 2 }
type C struct{}
func (C) Get() string { return "" }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	iface := pkg.Scope().Lookup("Store").Type().Underlying().(*types.Interface)
	named := func(n string) types.Type { return pkg.Scope().Lookup(n).Type() }
	recv := func(t types.Type) types.Type { return t }
	key := func(t types.Type) string { return t.String() }
	ptrB := types.NewPointer(named("B"))
	for _, tc := range []struct {
		name       string
		candidates []types.Type
		want       types.Type
	}{
		{"one", []types.Type{named("A"), named("C")}, named("A")},
		{"a value receiver does not have the pointer method", []types.Type{named("B"), named("C")}, nil},
		{"pointer receiver", []types.Type{ptrB}, ptrB},
		{"two", []types.Type{named("A"), ptrB}, nil},
		{"the same one twice", []types.Type{named("A"), named("A")}, named("A")},
		{"none", nil, nil},
	} {
		got, ok := SoleImplementation(iface, tc.candidates, recv, key)
		if ok != (tc.want != nil) || (ok && !types.Identical(got, tc.want)) {
			t.Errorf("%s: got %v, %v; want %v", tc.name, got, ok, tc.want)
		}
	}
}

// buildFunc builds the SSA form of function name in src.
func buildFunc(t *testing.T, src, name string) *ssa.Function {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", "p"), []*ast.File{f}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return pkg.Func(name)
}

func TestReach(t *testing.T) {
	fn := buildFunc(t, `package p
func F(c bool, n int) int {
	x := 0
	if c {
		x = 1
	} else {
		x = 2
	}
	for i := 0; i < n; i++ {
		x++
	}
	return x
}
func G() {}
`, "F")
	// Blocks: 0 entry, 1 if.then, 2 if.else, 3 if.done, 4 for.body, 5 for.done, 6 for.loop
	byComment := map[string]*ssa.BasicBlock{}
	for _, b := range fn.Blocks {
		byComment[b.Comment] = b
	}
	then, els, body, done := byComment["if.then"], byComment["if.else"], byComment["for.body"], byComment["for.done"]
	if then == nil || els == nil || body == nil || done == nil {
		t.Fatalf("unexpected CFG: %v", fn.Blocks)
	}
	other := buildFunc(t, "package p\nfunc G() {}\n", "G").Blocks[0]
	var r Reach
	for _, tc := range []struct {
		name     string
		from, to *ssa.BasicBlock
		want     bool
	}{
		{"itself", then, then, true},
		{"branch to the join and beyond", then, done, true},
		{"not the other branch", then, els, false},
		{"a loop body reaches itself again", body, body, true},
		{"not backwards out of the loop", done, body, false},
		{"another function", then, other, false},
	} {
		for range 2 { // the second answer comes from the memo
			if got := r.Reaches(tc.from, tc.to); got != tc.want {
				t.Errorf("%s: Reaches = %v, want %v", tc.name, got, tc.want)
			}
		}
	}
	if !InLoop(body) || InLoop(then) {
		t.Errorf("InLoop: body %v, then %v", InLoop(body), InLoop(then))
	}
}

// TestCaptured follows a closure's free variable to what its maker bound
// and stored: opts := &T{...} outside the closure that uses it.
func TestCaptured(t *testing.T) {
	fn := buildFunc(t, `package p

type T struct{ N int }

func use(*T) {}

func F() {
	opts := &T{N: 6}
	g := func() { use(opts) }
	g()
}
`, "F")
	lit := fn.AnonFuncs[0]
	if len(lit.FreeVars) != 1 {
		t.Fatalf("free vars %v", lit.FreeVars)
	}
	got := Captured(lit.FreeVars[0])
	if stored := SoleStore(got); stored != nil {
		got = stored
	}
	alloc, ok := got.(*ssa.Alloc)
	if !ok || alloc.Comment != "complit" {
		t.Errorf("Captured = %T %v, want the composite literal", got, got)
	}
}
