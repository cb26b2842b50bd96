// Package apimodel holds racelint's knowledge of database libraries as
// declarative tables: for each function or method, identified by package
// path, receiver type name and method name, the role it plays in a
// check-then-act race (read, write, begin a transaction, observe a row...).
//
// Tables are ordered slices, one file per library, indexed once into a
// read-only map. Nothing here looks at SSA; the ops package applies the
// roles to calls.
package apimodel

import (
	"go/types"
	"slices"
	"strings"
	"sync"
)

// Role is what a call does, as far as races are concerned. Roles are
// generic: every library's reads are RoleRead, its inserts RoleInsert; how
// a library's call names its table, rows and values is its builder's
// business (Library.Builder), steered by the Method's argument indexes and
// flags.
type Role int

const (
	RoleNone Role = iota

	// Statements: calls that run a statement. Where the statement comes
	// from (the SQL argument, a prepared statement, the query chain the
	// receiver built) is up to the library's builder.
	RoleQuery   // returns rows or a row to observe (Query, QueryRow, Raw; squirrel QueryRow)
	RoleExec    // returns what it wrote: an affected-row count or only an error (Exec, bun/ent/dbx Exec)
	RoleGet     // fills Dest with one row, or fails when none matched (sqlx Get; ent UpdateOne Save)
	RoleSelect  // fills Dest with rows (sqlx Select)
	RolePrepare // returns a statement that carries the SQL (Prepare)
	RoleStmt    // a method of a prepared statement: SQL comes from its Prepare
	RolePassSQL // returns its SQL argument, rewritten (Rebind, sqlx.In)

	// Record and key operations, built from the receiver's chain and the
	// arguments the Method names.
	RoleRead           // fills Dest or the Args destinations, or returns what it read
	RoleExists         // whether a row or key exists
	RoleCount          // how many rows match (into Dest, or returned)
	RoleInsert         // creates a record or document (Value, or Dest for models)
	RoleInsertIfAbsent // creates the key only when it is missing: atomic (SETNX)
	RoleUpsert         // writes the key whether or not it exists (SET); Opts: a mode that may make it conditional
	RoleUpdate         // updates one column (Field, Value) or what an update document says (Key, Value)
	RoleUpdates        // updates the columns of a map or struct (GORM Updates, xorm Update)
	RoleSave           // writes a whole model: update by primary key, or insert
	RoleDelete         // deletes what the chain or the Key selects
	RoleReadOrCreate   // reads, and inserts when nothing was found: a racy helper (FirstOrCreate)
	RoleReadOrInit     // reads, or fills Dest with defaults (FirstOrInit)
	RoleReadModify     // reads and writes in one atomic statement (FindOneAndUpdate)
	RoleBulkWrite      // runs the write models of its Value argument (Mongo BulkWrite): each is the write its builder chain says
	RoleIncrement      // changes a number by a delta in one command (INCR, INCRBY, HINCRBY): atomic

	// Observation: the receiver (or Arg 0 for functions) carries a read; the
	// call's results and pointer arguments receive what was read.
	RoleScan     // Row.Scan, Rows.Scan, StructScan, CollectOneRow: Args are destinations
	RoleNext     // Rows.Next: reports whether a row exists
	RoleAffected // Result.RowsAffected, CommandTag.RowsAffected
	RoleResult   // a command's or cursor's result (Val, Err, Decode): Dest, when set, is filled

	// Transactions.
	RoleBegin  // returns a transaction handle; Opts is the options argument
	RoleTxFunc // runs Func inside a transaction begun with Opts (see Method.Retries)
	RoleCommit // Commit or Rollback

	// Query chains.
	RoleChain      // returns the receiver with one more clause (see Clause)
	RoleTable      // returns a handle on one table or collection, named by Key (Database.Collection)
	RoleAtomicExpr // gorm.Expr, squirrel.Expr: the value is computed by the database
	RoleIsNotFound // gorm.IsRecordNotFoundError(err): a not-found test of its argument
	RoleColumn     // goqu.C("col"): names the column Key gives, for a RoleCondition
	RoleCondition  // goqu's C("col").Eq(v), And, Or: a WHERE predicate whose operator is Verb, on Value

	// RoleUser is a function the configuration declares (see UserFunc).
	RoleUser
)

// CarriesSQL reports whether a call of this role runs SQL text (its own
// SQL argument or a prepared statement's) rather than a query chain.
func (r Role) CarriesSQL() bool { return r >= RoleQuery && r <= RoleStmt }

// RunsStatement reports whether a call of this role runs a statement,
// so that the library's builder makes an operation of it. Chains,
// observers and transactions are read by the dataflow instead.
func (r Role) RunsStatement() bool {
	return r >= RoleQuery && r <= RoleIncrement && r != RolePrepare && r != RolePassSQL
}

// Clause says which part of a query a chain method adds.
type Clause int

const (
	ClauseNone        Clause = iota
	ClauseModel              // Model(x): the model, and the record when x was read
	ClauseTable              // Table(name)
	ClauseWhere              // Where/Not/Or(cond, args...)
	ClauseClauses            // Clauses(exprs...): locking, on-conflict
	ClauseRaw                // Raw(sql, args...)
	ClauseKeep               // a clause that does not change which rows are touched
	ClauseStart              // bun NewSelect/NewUpdate/...: starts a chain on the receiver
	ClauseSet                // bun Set("col = ?", v)
	ClauseLock               // bun For("UPDATE")
	ClauseConflict           // bun On("CONFLICT ..."), Ignore()
	ClauseWherePK            // bun WherePK(): the model object names the row
	ClauseID                 // xorm ID(id): WHERE id = ?
	ClauseIn                 // xorm In(column, values...): WHERE column IN (...)
	ClauseCols               // xorm Cols/MustCols(columns...): the columns an Update writes
	ClauseIncr               // xorm Incr/Decr(column, n), SetExpr(column, expr): an atomic SET
	ClauseOption             // GORM v1 Set(name, value): "gorm:query_option" FOR UPDATE, "gorm:insert_option" ON CONFLICT
	ClauseSetColumn          // squirrel Set(column, value)
	ClauseSetMap             // squirrel SetMap(map[string]any{...})
	ClauseColumns            // squirrel Insert Columns(columns...)
	ClauseValues             // squirrel Insert Values(values...)
	ClauseSuffix             // squirrel Suffix("FOR UPDATE" / "ON CONFLICT ..." / "RETURNING ...")
	ClauseRunWith            // squirrel RunWith(db): the handle the statement runs on
	ClauseFilter             // beego Filter("column__operator", values...)
	ClauseArgs               // beego RawSeter SetArgs(args...): the arguments of the Raw SQL
	ClauseScopes             // GORM Scopes(funcs...): each function adds the clauses its chain does
	ClauseAssociation        // GORM Association(name): the rows the model is linked to through name
)

// Method is one table row.
type Method struct {
	Pkg  string // import path
	Recv string // receiver type name without '*'; "" for package-level functions
	Name string
	Role Role

	SQL    int    // index of the SQL argument (receiver excluded); -1 if none
	Args   int    // index where the query arguments start; -1 if none
	Dest   int    // index of the destination pointer; -1 if none
	Opts   int    // index of the transaction options; -1 if none
	Func   int    // index of the callback run in the transaction; -1 if none
	Clause Clause // for RoleChain
	Or     bool   // Where-like chain call that ORs (Or) or negates (Not)
	Verb   string // for ClauseStart: "SELECT", "UPDATE", "INSERT", "DELETE"
	// InPlace: a RoleBegin that makes its receiver the transaction
	// (xorm Session.Begin) instead of returning a new handle.
	InPlace bool
	// Retries: a RoleTxFunc that reruns Func when another client changed
	// what it read (MongoDB WithTransaction), which is as good as a
	// serializable transaction retried.
	Retries bool
	// Optimistic: a RoleTxFunc whose commit fails when another client
	// changed what Func read (go-redis Watch: EXEC fails with
	// redis.TxFailedErr), and that does not run Func again: serializable,
	// but only as good as the retry around it.
	Optimistic bool
	// Positional: a RoleRead whose Args destinations take the selected
	// columns in order (squirrel Scan(&a, &b)).
	Positional bool
	// KeyIsID: Key is the document id itself, not a filter (UpdateByID).
	KeyIsID bool
	// ReturnsRecord: a RoleRead that returns the record it read, whose
	// fields are its columns (ent's Only, Get, First).
	ReturnsRecord bool
	// Locks: a RoleRead that locks the rows it reads, as SELECT ... FOR
	// UPDATE does (beego ReadForUpdate).
	Locks bool
	// LockedForm is the method that reads what this RoleRead reads and
	// locks it (beego Read: ReadForUpdate), which a fix calls instead.
	LockedForm string

	Key   int // key-value and document stores: the key or filter argument; -1 if none
	Field int // the hash field argument (HGet, HSet); -1 if none
	Value int // the value or update-document argument; -1 if none

	// Lib is the library whose table holds the method (set when the
	// tables are indexed); LibNone for configured functions.
	Lib LibraryID
}

func (m Method) key() key { return key{m.Pkg, m.Recv, m.Name} }

type key struct{ pkg, recv, name string }

// Model is an immutable index over every library table.
type Model struct {
	user      map[string]UserFunc // configured functions by full name
	methods   map[key]Method
	sentinels map[string]Sentinel // "pkg.Name" of package-level error variables
	handles   map[key]bool        // {pkg, type, ""} of the types statements and transactions run on
}

// Sentinel classifies a package-level error variable.
type Sentinel int

const (
	NotFound Sentinel = iota + 1
	DuplicateKey
	// Conflict: the transaction lost to a concurrent change and can run
	// again (go-redis's TxFailedErr), as SQLSTATE 40001 says in SQL.
	Conflict
)

// Default returns the model of every supported library. It is built once
// and never changed afterwards, so every pass can share it.
func Default() *Model { return defaultModel() }

var defaultModel = sync.OnceValue(buildDefault)

func buildDefault() *Model {
	m := &Model{methods: map[key]Method{}, sentinels: map[string]Sentinel{}, handles: map[key]bool{}}
	for _, lib := range Registry() {
		for _, e := range lib.Methods {
			e.Lib = lib.ID
			m.methods[e.key()] = e
			if e.Recv != "" && (e.Role.RunsStatement() || e.Role == RoleBegin || e.Role == RoleTxFunc) {
				m.handles[key{e.Pkg, e.Recv, ""}] = true
			}
		}
		for _, h := range lib.Handles {
			m.handles[key{lib.Imports[0], h, ""}] = true
		}
		for _, s := range lib.Sentinels {
			m.sentinels[s.Pkg+"."+s.Name] = s.Kind
		}
	}
	return m
}

// Lookup returns the table row for fn, if any. For interface methods whose
// interface is not a library type (sqlc's DBTX, hand-written Querier
// interfaces), the method is matched by shape: the same name as a
// database/sql or pgx method and a result type from that library.
func (m *Model) Lookup(fn *types.Func) (Method, bool) {
	if fn == nil || fn.Pkg() == nil {
		return Method{}, false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	sig, _ := fn.Type().(*types.Signature)
	recv := ""
	if sig != nil && sig.Recv() != nil {
		recv = TypeName(sig.Recv().Type())
	}
	if e, ok := m.methods[key{Canonical(fn.Pkg().Path()), recv, fn.Name()}]; ok {
		return e, true
	}
	if sig != nil {
		if e, ok := entLookup(fn, sig); ok {
			return e, true // a generated ent client (see ent.go)
		}
	}
	if sig == nil || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return Method{}, false
	}
	shape := shapeOfResults(sig)
	if shape == nil {
		return Method{}, false
	}
	e, ok := m.methods[key{shape.Pkg, shape.Recv, fn.Name()}]
	return e, ok
}

// IsHandle reports whether t (through one pointer) is a type a library
// runs statements or transactions on: *sql.DB, *sql.Tx, pgx.Tx,
// *gorm.DB, *pop.Connection...
func (m *Model) IsHandle(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return m.handles[key{Canonical(n.Obj().Pkg().Path()), n.Obj().Name(), ""}]
}

// SentinelOf classifies the package-level variable v.
func (m *Model) SentinelOf(v *types.Var) Sentinel {
	if v == nil || v.Pkg() == nil {
		return 0
	}
	return m.sentinels[Canonical(v.Pkg().Path())+"."+v.Name()]
}

// TypeName returns the name of t's named type, looking through one pointer
// and aliases; "" for unnamed types.
func TypeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// IsNamed reports whether t (through one pointer) is the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && Canonical(n.Obj().Pkg().Path()) == pkg
}

// Isolation is a transaction isolation level as racelint cares about it.
type Isolation int

const (
	IsolationDefault Isolation = iota // READ COMMITTED on PostgreSQL; unknown counts as default
	IsolationRepeatableRead
	IsolationSerializable
)

// IsolationOf maps a constant isolation value of the given options type to
// an Isolation. database/sql uses an int enum, pgx a string enum.
func IsolationOf(value string) Isolation {
	switch strings.ToLower(strings.Trim(value, `"`)) {
	case "6", "7", "serializable": // sql.LevelSerializable, sql.LevelLinearizable
		return IsolationSerializable
	case "4", "5", "repeatable read": // sql.LevelRepeatableRead, sql.LevelSnapshot
		return IsolationRepeatableRead
	}
	return IsolationDefault
}

// IsolationFields are the struct fields that carry the isolation level in
// transaction option types.
var IsolationFields = map[string]bool{"Isolation": true, "IsoLevel": true}

// TxModeFields are the fields of transaction option types that make a
// transaction read-only or deferrable, with the constant that does so:
// database/sql's ReadOnly: true, pgx's AccessMode: pgx.ReadOnly and
// DeferrableMode: pgx.Deferrable.
var TxModeFields = map[string]TxModeField{
	"ReadOnly":       {Value: "true"},
	"AccessMode":     {Value: "read only"},
	"DeferrableMode": {Value: "deferrable", Deferrable: true},
}

// TxModeField is one entry of TxModeFields: the constant that sets the
// mode, and which mode it sets (deferrable, else read-only).
type TxModeField struct {
	Value      string
	Deferrable bool
}

// TxMode is what a transaction's access modes say about how it can fail.
type TxMode struct {
	ReadOnly   bool
	Deferrable bool
}

// AbortsAt reports whether a transaction begun at isolation level iso in
// mode m can fail with a serialization failure (SQLSTATE 40001) that
// calls for a retry. In PostgreSQL a read-only Repeatable Read
// transaction never does (only writes conflict), nor does a read-only
// deferrable Serializable one (it waits for a safe snapshot instead); a
// read-only Serializable one that is not deferrable still can.
func (m TxMode) AbortsAt(iso Isolation) bool {
	switch {
	case iso < IsolationRepeatableRead:
		return false
	case m.ReadOnly && (iso == IsolationRepeatableRead || m.Deferrable):
		return false
	}
	return true
}

// DuplicateKeyCodes are error codes that mean a unique constraint fired:
// PostgreSQL SQLSTATE 23505, MySQL 1062, SQLite's extended code 2067.
var DuplicateKeyCodes = []string{"23505", "1062", "2067", "unique_violation"}

// SerializationFailureCodes are SQLSTATEs a retry loop looks for.
var SerializationFailureCodes = []string{"40001", "40P01", "serialization_failure"}

// ErrorTypes are error types whose code field reports a duplicate key.
var DuplicateKeyErrorTypes = [][2]string{
	{"github.com/jackc/pgx/v5/pgconn", "PgError"},
	{"github.com/lib/pq", "Error"},
	{"github.com/go-sql-driver/mysql", "MySQLError"},
}

// ClauseType classifies a GORM clause type passed to Clauses.
func ClauseType(t types.Type) string {
	for _, c := range []string{"Locking", "OnConflict", "Expr", "Returning"} {
		if IsNamed(t, "gorm.io/gorm/clause", c) {
			return c
		}
	}
	return ""
}

// UserFunc is a function or method the configuration declares.
type UserFunc struct {
	Name    string // package/path.Func or package/path.Type.Method; package/path.Interface for an interface
	Role    string // read, exists, update, insert, delete, lock; "" for an interface
	Table   string
	Key     int    // argument index of the row's key (receiver not counted); -1 none
	KeyName string // the key's column, when known (an inferred method's parameter name); "key" otherwise
	Columns []string
	// Object is the argument index of the record a write stores whole
	// (Save(ctx, a Account)); -1 none. Only inferred for interfaces.
	Object int
	// Interface: Name is a repository interface whose methods' roles are
	// inferred from their names and signatures (interfaces.go).
	Interface bool
}

// WithUser returns a copy of m that also knows the configured functions.
func (m *Model) WithUser(fns []UserFunc) *Model {
	if len(fns) == 0 {
		return m
	}
	c := *m
	c.user = map[string]UserFunc{}
	for _, f := range fns {
		c.user[f.Name] = f
	}
	return &c
}

// UserFunc returns the configured role of fn, if any.
func (m *Model) UserFunc(fn *types.Func) (UserFunc, bool) {
	if len(m.user) == 0 || fn == nil || fn.Pkg() == nil {
		return UserFunc{}, false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	name := fn.Pkg().Path() + "."
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		if t := TypeName(sig.Recv().Type()); t != "" {
			name += t + "."
		}
	}
	if u, ok := m.user[name+fn.Name()]; ok {
		return u, true
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return UserFunc{}, false
	}
	if iface, ok := m.user[strings.TrimSuffix(name, ".")]; ok && iface.Interface {
		return inferMethod(fn, iface)
	}
	return UserFunc{}, false
}

// shapeOfResults returns the shape of the library whose types the
// signature returns (sqlc's DBTX returns *sql.Rows, pgconn.CommandTag...).
func shapeOfResults(sig *types.Signature) *Shape {
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || n.Obj().Pkg() == nil {
			continue
		}
		path := n.Obj().Pkg().Path()
		for _, lib := range Registry() {
			if lib.Shape != nil && slices.Contains(lib.Shape.Results, path) {
				return lib.Shape
			}
		}
	}
	return nil
}
