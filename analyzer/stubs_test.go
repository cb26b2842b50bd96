package analyzer_test

import (
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/racelint/racelint/analyzer/internal/testenv"
	"golang.org/x/tools/go/packages"
)

// stubbedPackages are the import paths that have shape-only stubs under
// testdata/src. Every exported object of each stub must match the real
// module pinned in ../example/go.mod.
var stubbedPackages = []string{
	"github.com/jmoiron/sqlx",
	"github.com/jmoiron/sqlx/reflectx",
	"github.com/jackc/pgx/v5",
	"github.com/jackc/pgx/v5/pgconn",
	"github.com/jackc/pgx/v5/pgtype",
	"github.com/jackc/pgx/v5/pgxpool",
	"gorm.io/gorm",
	"gorm.io/gorm/clause",
	"github.com/redis/go-redis/v9",
	"github.com/redis/go-redis/v9/internal/proto",
	"go.mongodb.org/mongo-driver/v2/bson",
	"go.mongodb.org/mongo-driver/v2/mongo",
	"go.mongodb.org/mongo-driver/v2/mongo/options",
	"github.com/uptrace/bun",
	"github.com/uptrace/bun/schema",
	"github.com/jinzhu/gorm",
	"xorm.io/xorm",
	"github.com/gobuffalo/pop/v6",
	"github.com/pressly/goose/v3",
	"github.com/maragudk/migrate",
	"github.com/beego/beego/v2/client/orm",
	"github.com/doug-martin/goqu/v9",
	"github.com/doug-martin/goqu/v9/exp",
	"github.com/doug-martin/goqu/v9/exec",
	"entgo.io/ent",
}

// TestStubsMatchRealModules checks that the stub packages in
// testdata/src are a faithful subset of the real modules: every exported
// package-level object of a stub exists in the real package with the same
// kind and the same type (parameter names aside), so analysistest results
// obtained on the stubs carry over to real code.
func TestStubsMatchRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real modules; skipped in -short mode")
	}
	exampleDir, err := filepath.Abs(filepath.Join("..", "example"))
	if err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}

	testenv.DownloadExampleModules(t, exampleDir)

	mode := packages.NeedTypes | packages.NeedName | packages.NeedDeps | packages.NeedImports
	real := loadPackages(t, "real", &packages.Config{
		Mode: mode,
		Dir:  exampleDir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly"),
	})
	stub := loadPackages(t, "stub", &packages.Config{
		Mode: mode,
		Dir:  testdata,
		Env:  append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	})

	for _, path := range stubbedPackages {
		s, r := stub[path], real[path]
		if s == nil || r == nil {
			continue // already reported by loadPackages
		}
		n := compareStubPackage(t, s, r)
		t.Logf("%s: %d exported objects checked", path, n)
	}
}

func loadPackages(t *testing.T, what string, cfg *packages.Config) map[string]*types.Package {
	t.Helper()
	pkgs, err := packages.Load(cfg, stubbedPackages...)
	if err != nil {
		t.Fatalf("loading %s packages: %v", what, err)
	}
	byPath := make(map[string]*types.Package)
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("loading %s package %s: %v", what, p.PkgPath, e)
		}
		if p.Types != nil && len(p.Errors) == 0 {
			byPath[p.PkgPath] = p.Types
		}
	}
	for _, path := range stubbedPackages {
		if byPath[path] == nil {
			t.Errorf("%s package %s did not load", what, path)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return byPath
}

// compareStubPackage reports every mismatch between the exported
// package-level objects of stub and their counterparts in real, and
// returns the number of objects checked.
func compareStubPackage(t *testing.T, stub, real *types.Package) int {
	t.Helper()
	names := stub.Scope().Names()
	sort.Strings(names)
	checked := 0
	for _, name := range names {
		so := stub.Scope().Lookup(name)
		if !so.Exported() {
			continue
		}
		checked++
		id := stub.Path() + "." + name
		ro := real.Scope().Lookup(name)
		if ro == nil {
			t.Errorf("%s: not declared in the real package", id)
			continue
		}
		if sk, rk := objKind(so), objKind(ro); sk != rk {
			t.Errorf("%s: stub is a %s, real is a %s", id, sk, rk)
			continue
		}
		switch so := so.(type) {
		case *types.Func:
			if s, r := typeStr(so.Type()), typeStr(ro.Type()); s != r {
				t.Errorf("%s: signature mismatch\n\tstub: %s\n\treal: %s", id, s, r)
			}
		case *types.Var:
			if s, r := typeStr(so.Type()), typeStr(ro.Type()); s != r {
				t.Errorf("%s: type mismatch\n\tstub: %s\n\treal: %s", id, s, r)
			}
		case *types.Const:
			rc := ro.(*types.Const)
			if s, r := typeStr(so.Type()), typeStr(rc.Type()); s != r {
				t.Errorf("%s: constant type mismatch\n\tstub: %s\n\treal: %s", id, s, r)
			}
			if s, r := so.Val().ExactString(), rc.Val().ExactString(); s != r {
				t.Errorf("%s: constant value mismatch: stub %s, real %s", id, s, r)
			}
		case *types.TypeName:
			compareTypeName(t, id, so, ro.(*types.TypeName))
		}
	}
	return checked
}

func objKind(o types.Object) string {
	switch o := o.(type) {
	case *types.Func:
		return "func"
	case *types.Var:
		return "var"
	case *types.Const:
		return "const"
	case *types.TypeName:
		if o.IsAlias() {
			return "type alias"
		}
		return "type"
	}
	return fmt.Sprintf("%T", o)
}

func typeKind(t types.Type) string {
	switch t.Underlying().(type) {
	case *types.Struct:
		return "struct"
	case *types.Interface:
		return "interface"
	case *types.Basic:
		return "basic"
	case *types.Pointer:
		return "pointer"
	case *types.Slice:
		return "slice"
	case *types.Array:
		return "array"
	case *types.Map:
		return "map"
	case *types.Chan:
		return "chan"
	case *types.Signature:
		return "func"
	}
	return fmt.Sprintf("%T", t.Underlying())
}

func compareTypeName(t *testing.T, id string, so, ro *types.TypeName) {
	t.Helper()
	st, rt := so.Type(), ro.Type()
	if so.IsAlias() {
		if s, r := typeStr(types.Unalias(st)), typeStr(types.Unalias(rt)); s != r {
			t.Errorf("%s: alias target mismatch\n\tstub: %s\n\treal: %s", id, s, r)
		}
		return
	}
	if sk, rk := typeKind(st), typeKind(rt); sk != rk {
		t.Errorf("%s: stub is a %s type, real is a %s type", id, sk, rk)
		return
	}
	if sn, rn := st.(*types.Named), rt.(*types.Named); sn != nil && rn != nil {
		if s, r := tparamsStr(sn.TypeParams()), tparamsStr(rn.TypeParams()); s != r {
			t.Errorf("%s: type parameters mismatch: stub [%s], real [%s]", id, s, r)
		}
	}

	switch su := st.Underlying().(type) {
	case *types.Struct:
		compareStructFields(t, id, su, rt)
	case *types.Interface:
		compareInterface(t, id, su, rt.Underlying().(*types.Interface))
		return // the method set of an interface is its methods
	default:
		if s, r := typeStr(su), typeStr(rt.Underlying()); s != r {
			t.Errorf("%s: underlying type mismatch\n\tstub: %s\n\treal: %s", id, s, r)
		}
	}

	// Methods, promoted ones included, in both the value and the pointer
	// method set: a method declared on *T in the stub but on T in the real
	// package (or vice versa) changes what is addressable/assignable.
	stubValue, realValue := types.NewMethodSet(st), types.NewMethodSet(rt)
	stubPtr, realPtr := types.NewMethodSet(types.NewPointer(st)), types.NewMethodSet(types.NewPointer(rt))
	for _, recv := range []struct {
		label    string
		sms, rms *types.MethodSet
	}{
		{"", stubValue, realValue},
		{"*", stubPtr, realPtr},
	} {
		for i := 0; i < recv.sms.Len(); i++ {
			sel := recv.sms.At(i)
			m := sel.Obj()
			if !m.Exported() {
				continue
			}
			mid := fmt.Sprintf("(%s%s).%s", recv.label, id, m.Name())
			rsel := recv.rms.Lookup(nil, m.Name())
			switch {
			case rsel == nil && recv.label == "" && realPtr.Lookup(nil, m.Name()) != nil:
				t.Errorf("%s: stub has a value receiver, real has a pointer receiver", mid)
				continue
			case rsel == nil:
				t.Errorf("%s: method not in the real method set", mid)
				continue
			case recv.label == "*" && stubValue.Lookup(nil, m.Name()) == nil && realValue.Lookup(nil, m.Name()) != nil:
				t.Errorf("%s: stub has a pointer receiver, real has a value receiver", mid)
			}
			if s, r := typeStr(sel.Type()), typeStr(rsel.Type()); s != r {
				t.Errorf("%s: signature mismatch\n\tstub: %s\n\treal: %s", mid, s, r)
			}
		}
	}
}

// compareStructFields checks every exported field declared in the stub
// struct against the field the same selector reaches in the real type
// (directly or through embedding).
func compareStructFields(t *testing.T, id string, s *types.Struct, real types.Type) {
	t.Helper()
	for i := 0; i < s.NumFields(); i++ {
		f := s.Field(i)
		if !f.Exported() {
			continue
		}
		fid := id + "." + f.Name()
		obj, index, _ := types.LookupFieldOrMethod(real, true, nil, f.Name())
		rf, ok := obj.(*types.Var)
		if !ok || !rf.IsField() {
			t.Errorf("%s: field not in the real struct", fid)
			continue
		}
		if f.Embedded() && (!rf.Embedded() || len(index) != 1) {
			t.Errorf("%s: embedded in the stub but not directly embedded in the real struct", fid)
		}
		if s, r := typeStr(f.Type()), typeStr(rf.Type()); s != r {
			t.Errorf("%s: field type mismatch\n\tstub: %s\n\treal: %s", fid, s, r)
		}
	}
}

// compareInterface checks that every method of the stub interface
// (embedded ones included) is in the real interface with the same
// signature. Real methods the stub omits are logged, not reported.
func compareInterface(t *testing.T, id string, s, r *types.Interface) {
	t.Helper()
	real := make(map[string]*types.Func)
	for i := 0; i < r.NumMethods(); i++ {
		real[r.Method(i).Name()] = r.Method(i)
	}
	for i := 0; i < s.NumMethods(); i++ {
		m := s.Method(i)
		mid := id + "." + m.Name()
		rm := real[m.Name()]
		delete(real, m.Name())
		if rm == nil {
			t.Errorf("%s: method not in the real interface", mid)
			continue
		}
		if ss, rs := typeStr(m.Type()), typeStr(rm.Type()); ss != rs {
			t.Errorf("%s: signature mismatch\n\tstub: %s\n\treal: %s", mid, ss, rs)
		}
	}
	if len(real) > 0 {
		var missing []string
		for name := range real {
			missing = append(missing, name)
		}
		sort.Strings(missing)
		t.Logf("%s: stub interface omits real methods %v", id, missing)
	}
}

// pathQualifier prints package paths, so that a stub and the real package
// print identically.
func pathQualifier(p *types.Package) string { return p.Path() }

// typeStr prints t like types.TypeString with pathQualifier, except that
// parameter and result names are dropped at every depth (the stubs may
// name parameters differently) and aliases such as any are expanded (any
// and interface{} are the same type).
func typeStr(t types.Type) string {
	var b strings.Builder
	writeType(&b, t, make(map[types.Type]bool))
	return b.String()
}

func writeType(b *strings.Builder, t types.Type, seen map[types.Type]bool) {
	switch t := t.(type) {
	case *types.Alias:
		writeType(b, types.Unalias(t), seen)
	case *types.Basic:
		b.WriteString(types.TypeString(t, pathQualifier))
	case *types.Named:
		if t.Obj().Pkg() != nil {
			b.WriteString(t.Obj().Pkg().Path())
			b.WriteByte('.')
		}
		b.WriteString(t.Obj().Name())
		if args := t.TypeArgs(); args.Len() > 0 {
			b.WriteByte('[')
			for i := 0; i < args.Len(); i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				writeType(b, args.At(i), seen)
			}
			b.WriteByte(']')
		}
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Pointer:
		b.WriteByte('*')
		writeType(b, t.Elem(), seen)
	case *types.Slice:
		b.WriteString("[]")
		writeType(b, t.Elem(), seen)
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		writeType(b, t.Elem(), seen)
	case *types.Map:
		b.WriteString("map[")
		writeType(b, t.Key(), seen)
		b.WriteByte(']')
		writeType(b, t.Elem(), seen)
	case *types.Chan:
		switch t.Dir() {
		case types.SendRecv:
			b.WriteString("chan ")
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		}
		writeType(b, t.Elem(), seen)
	case *types.Signature:
		b.WriteString("func")
		writeSignature(b, t, seen)
	case *types.Struct:
		b.WriteString("struct{")
		for i := 0; i < t.NumFields(); i++ {
			if i > 0 {
				b.WriteString("; ")
			}
			f := t.Field(i)
			if !f.Embedded() {
				b.WriteString(f.Name())
				b.WriteByte(' ')
			}
			writeType(b, f.Type(), seen)
			if tag := t.Tag(i); tag != "" {
				fmt.Fprintf(b, " %q", tag)
			}
		}
		b.WriteByte('}')
	case *types.Interface:
		if seen[t] {
			b.WriteString("interface{...}")
			return
		}
		seen[t] = true
		defer delete(seen, t)
		var parts []string
		for i := 0; i < t.NumMethods(); i++ {
			m := t.Method(i)
			var mb strings.Builder
			mb.WriteString(m.Name())
			writeSignature(&mb, m.Type().(*types.Signature), seen)
			parts = append(parts, mb.String())
		}
		// Type-set terms of constraint interfaces (e.g. ~[]T).
		for i := 0; i < t.NumEmbeddeds(); i++ {
			if u, ok := t.EmbeddedType(i).(*types.Union); ok {
				var ub strings.Builder
				writeType(&ub, u, seen)
				parts = append(parts, ub.String())
			}
		}
		sort.Strings(parts)
		b.WriteString("interface{" + strings.Join(parts, "; ") + "}")
	case *types.Union:
		for i := 0; i < t.Len(); i++ {
			if i > 0 {
				b.WriteString(" | ")
			}
			if t.Term(i).Tilde() {
				b.WriteByte('~')
			}
			writeType(b, t.Term(i).Type(), seen)
		}
	case *types.Tuple:
		writeTuple(b, t, false, seen)
	default:
		b.WriteString(types.TypeString(t, pathQualifier))
	}
}

func writeSignature(b *strings.Builder, sig *types.Signature, seen map[types.Type]bool) {
	if tps := sig.TypeParams(); tps.Len() > 0 {
		b.WriteString("[" + tparamsStr(tps) + "]")
	}
	b.WriteByte('(')
	writeTuple(b, sig.Params(), sig.Variadic(), seen)
	b.WriteByte(')')
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		b.WriteByte(' ')
		writeType(b, res.At(0).Type(), seen)
	default:
		b.WriteString(" (")
		writeTuple(b, res, false, seen)
		b.WriteByte(')')
	}
}

func writeTuple(b *strings.Builder, tup *types.Tuple, variadic bool, seen map[types.Type]bool) {
	for i := 0; i < tup.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := tup.At(i).Type()
		if variadic && i == tup.Len()-1 {
			b.WriteString("...")
			typ = typ.(*types.Slice).Elem()
		}
		writeType(b, typ, seen)
	}
}

func tparamsStr(tps *types.TypeParamList) string {
	if tps == nil {
		return ""
	}
	var parts []string
	for i := 0; i < tps.Len(); i++ {
		tp := tps.At(i)
		parts = append(parts, tp.Obj().Name()+" "+typeStr(tp.Constraint()))
	}
	return strings.Join(parts, ", ")
}
