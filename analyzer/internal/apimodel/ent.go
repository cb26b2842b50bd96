package apimodel

import (
	"go/ast"
	"go/types"
	"strings"
)

// ent (entgo.io/ent) generates its client for each schema, in the
// application's own module: the builder types have no fixed import path,
// so they are recognised by shape instead of by table rows. A generated
// client package imports entgo.io/ent (or its dialect/sql package) and
// declares Client, Tx and IsNotFound; for each entity <T> it declares
// <T>Client, <T>Query, <T>Create, <T>CreateBulk, <T>Update,
// <T>UpdateOne, <T>Delete, <T>DeleteOne and, with the sql/upsert
// feature, <T>UpsertOne and <T>UpsertBulk. Predicates (email.TrackingID(v))
// are functions of the entity's own package that return a predicate type
// built on *sql.Selector.

// PkgEnt is ent's runtime import path.
const PkgEnt = "entgo.io/ent"

const pkgEntSQL = "entgo.io/ent/dialect/sql"

// libraryEnt is ent: generated clients are matched by shape (entLookup),
// so no import marks a package; the generated package does.
var libraryEnt = Library{
	ID: LibEnt, Name: "ent", Opaque: []string{"entgo.io/"},
	Store: StoreSQL, Builder: BuilderEnt, ConstraintsElsewhere: true,
}

// Clauses of ent builder chains.
const (
	ClauseEntSet      Clause = 1000 + iota // SetFoo(v), SetNillableFoo(p), ClearFoo(), AddFoo(n): Verb holds the prefix
	ClauseEntTraverse                      // QueryEdge(): the chain continues on another entity's rows
)

// The builder kinds, by receiver suffix (longest first).
var entSuffixes = []string{"UpsertBulk", "UpsertOne", "Upsert", "CreateBulk", "Create", "UpdateOne", "Update", "DeleteOne", "Delete", "Query", "Client", "Select", "GroupBy"}

// EntBuilder splits a generated builder type name into its entity and
// builder kind: EmailUpdateOne -> ("Email", "UpdateOne"). The entity type
// must exist in pkg.
func EntBuilder(pkg *types.Package, name string) (entity, kind string) {
	for _, s := range entSuffixes {
		if e, ok := strings.CutSuffix(name, s); ok && e != "" {
			if _, isType := pkg.Scope().Lookup(e).(*types.TypeName); isType {
				return e, s
			}
		}
	}
	return "", ""
}

// IsEntClient reports whether pkg is a client package ent generated.
func IsEntClient(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	sc := pkg.Scope()
	if _, ok := sc.Lookup("IsNotFound").(*types.Func); !ok {
		return false
	}
	_, client := sc.Lookup("Client").(*types.TypeName)
	_, tx := sc.Lookup("Tx").(*types.TypeName)
	return client && tx && importsEnt(pkg)
}

func importsEnt(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if p := imp.Path(); p == PkgEnt || p == pkgEntSQL {
			return true
		}
	}
	return false
}

// IsEntTx reports whether t (through one pointer) is the Tx type of a
// generated ent client.
func IsEntTx(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Tx" && IsEntClient(n.Obj().Pkg())
}

// IsEntClientType reports whether t (through one pointer) is the Client
// or Tx type of a generated ent client: a value whose <T> fields are the
// entity clients.
func IsEntClientType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && (n.Obj().Name() == "Tx" || n.Obj().Name() == "Client") && IsEntClient(n.Obj().Pkg())
}

// entLookup classifies a method or function of a generated ent client.
func entLookup(fn *types.Func, sig *types.Signature) (Method, bool) {
	pkg := fn.Pkg()
	if sig.Recv() == nil && fn.Name() != "IsNotFound" || !IsEntClient(pkg) {
		return Method{}, false
	}
	m := Method{Pkg: pkg.Path(), Name: fn.Name(), SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1, Lib: LibEnt}
	if sig.Recv() == nil {
		if fn.Name() == "IsNotFound" {
			m.Role = RoleIsNotFound
			return m, true
		}
		return Method{}, false
	}
	recv := TypeName(sig.Recv().Type())
	m.Recv = recv
	name := fn.Name()
	chain := func(c Clause) (Method, bool) {
		m.Role, m.Clause = RoleChain, c
		return m, true
	}
	start := func(verb string, key int) (Method, bool) {
		m.Role, m.Clause, m.Verb, m.Key = RoleChain, ClauseStart, verb, key
		return m, true
	}
	switch recv {
	case "Client":
		switch name {
		case "Tx":
			m.Role = RoleBegin
			return m, true
		case "BeginTx":
			m.Role, m.Opts = RoleBegin, 1
			return m, true
		case "Debug":
			return chain(ClauseKeep)
		}
		return Method{}, false
	case "Tx":
		switch name {
		case "Commit", "Rollback":
			m.Role = RoleCommit
			return m, true
		case "Client":
			return chain(ClauseKeep) // tx.Client() runs in tx
		}
		return Method{}, false
	}
	entity, kind := EntBuilder(pkg, recv)
	if entity == "" {
		if _, isType := pkg.Scope().Lookup(recv).(*types.TypeName); isType && name == "Update" && sig.Results().Len() == 1 {
			// e.Update(): an UpdateOne of the entity e.
			if _, k := EntBuilder(pkg, TypeName(sig.Results().At(0).Type())); k == "UpdateOne" {
				return start("UPDATE", -1)
			}
		}
		if strings.HasPrefix(name, "Query") && sig.Results().Len() == 1 {
			if _, k := EntBuilder(pkg, TypeName(sig.Results().At(0).Type())); k == "Query" {
				return chain(ClauseEntTraverse) // e.QueryOwner(): another entity's rows
			}
		}
		return Method{}, false
	}
	// Methods returning the builder itself are chain steps unless named
	// otherwise below.
	returnsSelf := sig.Results().Len() == 1 && TypeName(sig.Results().At(0).Type()) == recv
	switch kind {
	case "Client":
		switch name {
		case "Query":
			return start("SELECT", -1)
		case "Create", "CreateBulk", "MapCreateBulk":
			return start("INSERT", -1)
		case "Update":
			return start("UPDATE", -1)
		case "UpdateOne", "UpdateOneID":
			return start("UPDATE", 0)
		case "Delete":
			return start("DELETE", -1)
		case "DeleteOne", "DeleteOneID":
			return start("DELETE", 0)
		case "Get", "GetX":
			m.Role, m.Key, m.ReturnsRecord = RoleRead, 1, true
			return m, true
		}
		if strings.HasPrefix(name, "Query") {
			return chain(ClauseEntTraverse) // client.User.QueryPets(u)
		}
	case "Query":
		switch name {
		case "Where":
			return chain(ClauseWhere)
		case "ForUpdate":
			return chain(ClauseLock)
		case "ForShare":
			x, ok := chain(ClauseLock)
			x.Verb = "SHARE" // a share lock, which two readers both get
			return x, ok
		case "First", "FirstX", "Only", "OnlyX", "All", "AllX", "FirstID", "FirstIDX", "OnlyID", "OnlyIDX", "IDs", "IDsX":
			m.Role, m.ReturnsRecord = RoleRead, true
			return m, true
		case "Exist", "ExistX":
			m.Role = RoleExists
			return m, true
		case "Count", "CountX":
			m.Role = RoleCount
			return m, true
		case "Select", "GroupBy", "Aggregate":
			return chain(ClauseKeep)
		}
		if strings.HasPrefix(name, "Query") && !returnsSelf {
			return chain(ClauseEntTraverse)
		}
		if returnsSelf {
			return chain(ClauseKeep) // Limit, Offset, Order, Unique, Clone, WithEdge, Modify...
		}
	case "Select", "GroupBy":
		switch name {
		case "Scan", "ScanX", "Strings", "StringsX", "String", "StringX", "Ints", "IntsX", "Int", "IntX",
			"Float64s", "Float64sX", "Float64", "Float64X", "Bools", "BoolsX", "Bool", "BoolX":
			m.Role = RoleRead
			if strings.HasPrefix(name, "Scan") {
				m.Dest = 1
			}
			return m, true
		}
		if returnsSelf {
			return chain(ClauseKeep)
		}
	case "Create", "CreateBulk", "Update", "UpdateOne", "Delete", "DeleteOne":
		switch name {
		case "Save", "SaveX", "Exec", "ExecX":
			m.Role = RoleExec
			if kind == "UpdateOne" || kind == "DeleteOne" {
				m.Role = RoleGet // the error says whether the row matched
			}
			m.Verb = entVerb(kind)
			return m, true
		case "Where":
			return chain(ClauseWhere)
		case "OnConflict", "OnConflictColumns":
			return chain(ClauseConflict)
		case "Select":
			return chain(ClauseKeep)
		}
		if returnsSelf {
			for _, p := range []string{"SetNillable", "Set", "Clear", "Add", "Append", "Remove"} {
				if strings.HasPrefix(name, p) && len(name) > len(p) {
					m.Verb = p
					return chain(ClauseEntSet)
				}
			}
			return chain(ClauseKeep)
		}
	case "UpsertOne", "UpsertBulk":
		switch name {
		case "Exec", "ExecX", "ID", "IDX":
			m.Role, m.Verb = RoleExec, "INSERT"
			return m, true
		}
		if returnsSelf {
			return chain(ClauseConflict)
		}
	}
	return Method{}, false
}

func entVerb(kind string) string {
	switch kind {
	case "Create", "CreateBulk", "UpsertOne", "UpsertBulk":
		return "INSERT"
	case "Update", "UpdateOne":
		return "UPDATE"
	case "Delete", "DeleteOne":
		return "DELETE"
	}
	return "SELECT"
}

// EntPredicate describes a call of a generated predicate function such as
// email.TrackingIDEQ(v): the column it tests and the operator.
type EntPredicate struct {
	Column string // the column as the schema names it (tracking_id); "" for And/Or/Not and edge predicates
	Op     string // "", "EQ", "NEQ", "In", "IsNil", "NotNil", "GT"...; "And", "Or", "Not", "Has" for the others
}

var entPredicateOps = []string{"EQ", "NEQ", "In", "NotIn", "GT", "GTE", "LT", "LTE", "IsNil", "NotNil",
	"Contains", "HasPrefix", "HasSuffix", "EqualFold", "ContainsFold"}

// EntPredicateOf classifies fn when it is a generated predicate: a
// function of an entity package that returns a predicate type (a func of
// *sql.Selector from entgo.io/ent/dialect/sql).
func EntPredicateOf(fn *types.Func) (EntPredicate, bool) {
	if fn == nil || fn.Pkg() == nil {
		return EntPredicate{}, false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() != nil || sig.Results().Len() != 1 || !isEntPredicateType(sig.Results().At(0).Type()) {
		return EntPredicate{}, false
	}
	name := fn.Name()
	switch name {
	case "And", "Or", "Not":
		return EntPredicate{Op: name}, true
	}
	if strings.HasPrefix(name, "Has") {
		return EntPredicate{Op: "Has"}, true
	}
	// The longest field whose Go name prefixes the function's name, with
	// an operator (or nothing: equality) after it.
	sc := fn.Pkg().Scope()
	best, col := "", ""
	for _, n := range sc.Names() {
		field, ok := strings.CutPrefix(n, "Field")
		if !ok || !strings.HasPrefix(name, field) || len(field) <= len(best) {
			continue
		}
		c, ok := sc.Lookup(n).(*types.Const)
		if !ok {
			continue
		}
		rest := name[len(field):]
		if rest != "" && !contains(entPredicateOps, rest) {
			continue
		}
		best, col = field, strings.Trim(c.Val().ExactString(), `"`)
	}
	if best == "" {
		return EntPredicate{Op: "Has"}, true // a predicate racelint cannot name: it narrows the rows
	}
	return EntPredicate{Column: col, Op: name[len(best):]}, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isEntPredicateType reports whether t is a named func(*sql.Selector)
// type, as ent generates in its predicate package.
func isEntPredicateType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	sig, ok := n.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return false
	}
	return IsNamed(sig.Params().At(0).Type(), pkgEntSQL, "Selector")
}

// IsEntGeneratedFile reports whether file was generated by ent. Its
// functions are ent's own machinery (sqlgraph calls racelint does not
// model) and are never summarised.
func IsEntGeneratedFile(file *ast.File) bool {
	if !ast.IsGenerated(file) {
		return false
	}
	for _, cg := range file.Comments {
		if cg.Pos() > file.Package {
			break
		}
		for _, c := range cg.List {
			if strings.Contains(c.Text, "Code generated by ent") {
				return true
			}
		}
	}
	return false
}

// EntColumn returns the column of the entity's field named goField in Go
// (OpenedAt -> opened_at), from the Field constants of the entity package
// the client imports; "" when unknown.
func EntColumn(client *types.Package, entity, goField string) string {
	if client == nil {
		return ""
	}
	for _, imp := range client.Imports() {
		if imp.Name() != strings.ToLower(entity) {
			continue
		}
		if c, ok := imp.Scope().Lookup("Field" + goField).(*types.Const); ok {
			return strings.Trim(c.Val().ExactString(), `"`)
		}
	}
	return ""
}
