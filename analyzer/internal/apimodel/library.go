package apimodel

import (
	"go/types"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Library is everything racelint knows about one database library or
// driver, declared as data: where it lives, which operation builder turns
// its calls into operations, its method table, its transaction handle
// types, the errors it returns for a missing row or a duplicate key, and
// the SQL dialect it implies. Packages outside apimodel ask the registry
// (LibraryOf, Method.Library) instead of comparing import paths.
//
// A driver that racelint does not model (github.com/lib/pq) is a Library
// without methods: its entry says that its internals are never summarised
// and which dialect a program that imports it speaks.
type Library struct {
	ID   LibraryID
	Name string // as the docs name it: "GORM v2", "go-redis v9"

	// Imports are the packages whose import makes a package worth
	// analysing; Forks are import paths of forks with the same API, read
	// as the path they map to.
	Imports []string
	Forks   map[string]string
	// Opaque are module path prefixes racelint never summarises: the
	// library's own reads and writes are not the application's.
	Opaque []string

	Store   Store
	Builder Builder
	Dialect Dialect
	Methods []Method
	// TxTypes are the transaction handle types, by name in Imports[0]
	// (or a package given as "path.Name").
	TxTypes []string
	// PoolTypes are the handle types that are never a transaction (a
	// pool: each statement commits on its own), named as TxTypes are. A
	// locking read on one protects nothing; on a handle of another type
	// (a *gorm.DB, an ent client) it may be a transaction begun elsewhere.
	PoolTypes []string
	// LockChain is a chain method that makes the finisher after it lock
	// the rows it reads (beego's ForUpdate()), which a fix inserts before
	// the finisher; LockArg, when set, is the one argument it takes, a
	// package-level name (goqu's ForUpdate(exp.Wait)).
	LockChain string
	LockArg   *QualifiedName
	// Handles are the types in Imports[0] that statements run on without
	// declaring the methods themselves: interfaces that embed the ones
	// the Methods name (beego's Ormer embeds DQL and DML).
	Handles []string
	// Sentinels are the package-level error variables it returns.
	Sentinels []SentinelVar
	// Shape, when set, matches interface methods declared in the
	// application (sqlc's DBTX) by what they return.
	Shape *Shape
	// ConstraintsElsewhere: the library's users declare unique
	// constraints where racelint does not read them (ent's schema
	// package), so a missing one is not worth a word.
	ConstraintsElsewhere bool
}

// QualifiedName is a package-level object: Pkg's Name, spelled Ident
// when the file imports Pkg under its own name.
type QualifiedName struct{ Pkg, Ident, Name string }

// LibraryID names a registry entry; it is what a Method records (a small
// value, as Methods travel in facts).
type LibraryID int

const (
	LibNone LibraryID = iota
	LibSQL
	LibSQLX
	LibPGX
	LibGORM
	LibGORMv1
	LibXorm
	LibPop
	LibBun
	LibEnt
	LibSquirrel
	LibDbx
	LibRedis
	LibMongo
	LibBeego
	LibGoqu
	LibDrivers
	LibMigrationTools
)

// Store is the kind of database a library talks to.
type Store int

const (
	StoreSQL Store = iota
	StoreKeyValue
	StoreDocument
)

// Builder says which operation builder of the ops package turns a
// library's calls into operations.
type Builder int

const (
	BuilderNone     Builder = iota
	BuilderSQL              // SQL text and arguments (database/sql, sqlx, pgx)
	BuilderGORM             // GORM v2 and v1 chains and finishers
	BuilderXorm             // xorm sessions
	BuilderPop              // pop connections and queries
	BuilderBun              // bun query builders
	BuilderEnt              // generated ent clients
	BuilderSquirrel         // squirrel statement builders
	BuilderDbx              // pocketbase/dbx builders and queries
	BuilderKeyValue         // go-redis commands
	BuilderDocument         // MongoDB collections
	BuilderBeego            // beego ORM model methods, QuerySeter and RawSeter
	BuilderGoqu             // goqu datasets and their executors
)

// Dialect is the SQL dialect a library implies; DialectUnknown when the
// driver decides.
type Dialect int

const (
	DialectUnknown Dialect = iota
	DialectPostgres
	DialectMySQL
	DialectSQLite
)

// SentinelVar is a package-level error variable of a library.
type SentinelVar struct {
	Pkg, Name string
	Kind      Sentinel
}

// Shape matches an interface method by its results: a method of an
// interface whose results are types of one of Results is looked up as the
// method of the same name on Recv in Pkg.
type Shape struct {
	Results []string
	Pkg     string
	Recv    string
}

// Library returns the registry entry of the library m belongs to, or nil
// for configured functions and summarised calls.
func (m Method) Library() *Library { return registry().byID[m.Lib] }

// Builder returns the builder of m's library; BuilderNone for configured
// functions and summarised calls.
func (m Method) Builder() Builder {
	if l := m.Library(); l != nil {
		return l.Builder
	}
	return BuilderNone
}

// Store returns the kind of database m's library talks to.
func (m Method) Store() Store {
	if l := m.Library(); l != nil {
		return l.Store
	}
	return StoreSQL
}

// LibraryOf returns the library whose Imports or Forks hold the import
// path, or nil.
func LibraryOf(path string) *Library { return registry().byImport[path] }

// Registry returns every library, in a fixed order.
func Registry() []*Library { return registry().all }

type index struct {
	all      []*Library
	byID     map[LibraryID]*Library
	byImport map[string]*Library
	forks    map[string]string
}

var registry = sync.OnceValue(func() *index {
	ix := &index{
		all: []*Library{
			&librarySQL, &librarySQLX, &libraryPGX, &libraryGORM, &libraryGORMv1, &libraryXorm,
			&libraryPop, &libraryBun, &libraryEnt, &librarySquirrel, &libraryDbx, &libraryRedis,
			&libraryMongo, &libraryBeego, &libraryGoqu, &libraryDrivers, &libraryMigrationTools,
		},
		byID:     map[LibraryID]*Library{},
		byImport: map[string]*Library{},
		forks:    map[string]string{},
	}
	for _, l := range ix.all {
		ix.byID[l.ID] = l
		for _, p := range l.Imports {
			ix.byImport[p] = l
		}
		for fork, path := range l.Forks {
			ix.byImport[fork] = l
			ix.forks[fork] = path
		}
	}
	return ix
})

// Canonical maps the import path of a fork to the path of the library it
// forks; other paths are returned unchanged.
func Canonical(pkg string) string {
	if lib, ok := registry().forks[pkg]; ok {
		return lib
	}
	return pkg
}

// Libraries returns the import paths whose import makes a package worth
// analysing.
func Libraries() []string {
	var out []string
	for _, l := range Registry() {
		out = append(out, l.Imports...)
		for fork := range l.Forks {
			out = append(out, fork)
		}
	}
	return out
}

// IsOpaque reports whether the package belongs to a supported database
// library or a driver, whose internals racelint does not summarise.
func IsOpaque(pkgPath string) bool {
	for _, l := range Registry() {
		for _, m := range l.Opaque {
			if strings.HasPrefix(pkgPath, m) {
				return true
			}
		}
	}
	return false
}

// IsTxType reports whether t is a transaction handle type of a library
// whose transactions are types of their own.
func IsTxType(t types.Type) bool {
	if IsEntTx(t) {
		return true
	}
	return slices.ContainsFunc(Registry(), func(l *Library) bool { return l.names(t, l.TxTypes) })
}

// IsPoolType reports whether t is a handle type that is never a
// transaction (Library.PoolTypes).
func IsPoolType(t types.Type) bool {
	return slices.ContainsFunc(Registry(), func(l *Library) bool { return l.names(t, l.PoolTypes) })
}

// names reports whether t is one of list, named as TxTypes are: by name
// in Imports[0], or as "path.Name".
func (l *Library) names(t types.Type, list []string) bool {
	for _, n := range list {
		pkg, name := l.Imports[0], n
		if i := strings.LastIndex(n, "."); i >= 0 {
			pkg, name = n[:i], n[i+1:]
		}
		if IsNamed(t, pkg, name) {
			return true
		}
	}
	return false
}

// DialectOfImport returns the dialect of the database a package that
// imports path talks to, as far as the driver says; DialectUnknown for
// every other import.
func DialectOfImport(path string) Dialect {
	for _, d := range driverDialects {
		if strings.Contains(path, d.match) {
			return d.dialect
		}
	}
	return DialectUnknown
}

// PackageDialect returns the dialect of the database an operation of
// library lib (nil when unknown) runs on, in a package that imports
// imports: the library's own (pgx is PostgreSQL), else the one family of
// drivers the package imports; DialectUnknown when it imports none or
// several.
func PackageDialect(lib *Library, imports []*types.Package) Dialect {
	if lib != nil && lib.Dialect != DialectUnknown {
		return lib.Dialect
	}
	found := DialectUnknown
	for _, imp := range imports {
		switch d := DialectOfImport(imp.Path()); {
		case d == DialectUnknown || d == found:
		case found == DialectUnknown:
			found = d
		default:
			return DialectUnknown // drivers of several families
		}
	}
	return found
}

// driverDialects are matched in order against an import path.
var driverDialects = []struct {
	match   string
	dialect Dialect
}{
	{"sqlite", DialectSQLite}, // mattn/go-sqlite3, modernc.org/sqlite, glebarez/sqlite, gorm.io/driver/sqlite...
	{"go-sql-driver/mysql", DialectMySQL},
	{"gorm.io/driver/mysql", DialectMySQL},
	{"github.com/lib/pq", DialectPostgres},
	{"github.com/jackc/pgx", DialectPostgres},
	{"gorm.io/driver/postgres", DialectPostgres},
}

// libraryDrivers are the database/sql drivers and the libraries racelint
// does not model yet: never summarised, and a source of the dialect.
var libraryDrivers = Library{
	ID:   LibDrivers,
	Name: "drivers and unmodelled libraries",
	Opaque: []string{
		"github.com/lib/pq", "github.com/go-sql-driver/", "github.com/mattn/go-sqlite3", "modernc.org/sqlite", "github.com/glebarez/",
		"github.com/gobuffalo/fizz",
	},
}

// LibraryIDOf returns the library pkg belongs to (a fork counts as its
// library); LibNone for other packages.
func LibraryIDOf(pkg *types.Package) LibraryID {
	if pkg == nil {
		return LibNone
	}
	if l := LibraryOf(pkg.Path()); l != nil {
		return l.ID
	}
	return LibNone
}

// TagColumn returns the column a struct field's tag names, in the tag
// conventions of the supported libraries: db:"col" (database/sql
// scanners, sqlx, pop), bun:"col", gorm:"column:col" and beego's
// orm:"column(col)"; "" when the tag names none.
func TagColumn(tag string) string {
	st := reflect.StructTag(tag)
	if db := strings.Split(st.Get("db"), ",")[0]; db != "" && db != "-" {
		return db
	}
	if bun := strings.Split(st.Get("bun"), ",")[0]; bun != "" && !strings.Contains(bun, ":") {
		return bun
	}
	for _, part := range strings.Split(st.Get("gorm"), ";") {
		if k, v, ok := strings.Cut(part, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "column") {
			return strings.TrimSpace(v)
		}
	}
	for _, part := range strings.Split(st.Get("orm"), ";") { // beego: orm:"column(email);unique"
		part = strings.TrimSpace(part)
		if rest, ok := strings.CutPrefix(part, "column("); ok && strings.HasSuffix(rest, ")") {
			return strings.TrimSuffix(rest, ")")
		}
	}
	return ""
}
