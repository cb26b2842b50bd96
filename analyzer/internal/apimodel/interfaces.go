package apimodel

// Repository interfaces declared by name in the configuration: each
// method's role is inferred from its name and signature, so that one line
// per interface recovers, under go vet and golangci-lint, the calls whose
// implementation the caller's package does not import.

import (
	"go/types"
	"strings"
	"unicode"
)

// methodVerbs maps the leading verb of a repository method's name to its
// role. Methods whose name names none of these, or whose signature does
// not fit the role, get none and stay opaque.
var methodVerbs = []struct {
	verb string
	role string
}{
	{"Exists", "exists"}, {"Has", "exists"},
	{"Get", "read"}, {"Find", "read"}, {"Fetch", "read"}, {"Load", "read"}, {"Lookup", "read"},
	{"Read", "read"}, {"By", "read"}, {"First", "read"}, {"Select", "read"}, {"One", "read"},
	{"Create", "insert"}, {"Insert", "insert"}, {"Add", "insert"}, {"Register", "insert"}, {"Store", "insert"},
	{"Update", "update"}, {"Set", "update"}, {"Mark", "update"}, {"Save", "update"}, {"Assign", "update"},
	{"Change", "update"}, {"Claim", "update"},
	{"Delete", "delete"}, {"Remove", "delete"},
}

// lockingWords mark a method that locks what it reads (GetForUpdate,
// LockByID): its read is protected, which a configured role cannot say,
// so it gets no role rather than an unlocked read's.
var lockingWords = []string{"ForUpdate", "ForShare", "Lock"}

// inferMethod returns the role of method fn of a configured interface.
func inferMethod(fn *types.Func, iface UserFunc) (UserFunc, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return UserFunc{}, false
	}
	name := fn.Name()
	for _, w := range lockingWords {
		if strings.Contains(name, w) {
			return UserFunc{}, false
		}
	}
	role := ""
	for _, v := range methodVerbs {
		if rest, ok := strings.CutPrefix(name, v.verb); ok && (rest == "" || unicode.IsUpper(rune(rest[0]))) {
			role = v.role
			break
		}
	}
	if role == "" || !fitsRole(sig, role) {
		return UserFunc{}, false
	}
	u := UserFunc{Name: iface.Name + "." + name, Role: role, Table: iface.Table, Key: -1, Object: -1}
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		if IsNamed(t, "context", "Context") {
			continue
		}
		if isKeyType(t) {
			u.Key, u.KeyName = i, sig.Params().At(i).Name()
		} else if isRecordType(t) && role != "read" && role != "exists" {
			u.Object = i
		}
		break // the first argument after the context names the row
	}
	return u, true
}

// fitsRole reports whether a signature can be a method of that role: a
// read returns what it read, an existence check a bool; writes return
// only an error (a write that returns a count or a flag hands its caller
// the verdict, which a configured role cannot carry).
func fitsRole(sig *types.Signature, role string) bool {
	res := sig.Results()
	last := res.Len() - 1
	if last < 0 || !isErrorType(res.At(last).Type()) {
		return false
	}
	switch role {
	case "read":
		return res.Len() == 2
	case "exists":
		b, ok := res.At(0).Type().Underlying().(*types.Basic)
		return res.Len() == 2 && ok && b.Kind() == types.Bool
	}
	return res.Len() == 1
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// isKeyType reports whether t can name a row by itself: a number, a
// string, or a named array such as uuid.UUID.
func isKeyType(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsInteger|types.IsString) != 0
	case *types.Array:
		_, named := types.Unalias(t).(*types.Named)
		return named
	}
	return false
}

// isRecordType reports whether t is a struct or a pointer to one.
func isRecordType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}
