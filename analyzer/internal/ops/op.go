package ops

// The operation model: what a call does to the database, on which
// record, with which keys and written values.

import (
	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// Kind is what an operation does to the database.
type Kind int

const (
	Read Kind = iota + 1
	Insert
	Update
	Delete
	Begin         // starts a transaction (or runs a callback in one)
	FirstOrCreate // GORM FirstOrCreate: a read and an insert in one call
	FirstOrInit   // GORM FirstOrInit: a read that fills a new object when missing
	Lock          // takes a lock that serialises writers: BEGIN IMMEDIATE, LOCK TABLE, advisory locks
	Deferred      // SQL that is a parameter of the function: resolved at each call site
)

func (k Kind) String() string {
	switch k {
	case Read:
		return "read"
	case Insert:
		return "insert"
	case Update:
		return "update"
	case Delete:
		return "delete"
	case Begin:
		return "begin"
	case FirstOrCreate:
		return "FirstOrCreate"
	case FirstOrInit:
		return "FirstOrInit"
	case Lock:
		return "lock"
	case Deferred:
		return "deferred"
	}
	return "unknown"
}

// IsWrite reports whether k changes rows.
func (k Kind) IsWrite() bool { return k == Insert || k == Update || k == Delete }

// Key is one equality that identifies rows: WHERE Column = Value.
type Key struct {
	Column  string    // normalized column; "" when unknown
	Name    string    // the column as the code spells it, for messages
	Value   ssa.Value // the Go value bound to the placeholder; nil for literals
	Literal string    // the literal when Value is nil
}

// Assign is one column a write sets.
type Assign struct {
	Column string    // normalized column; "" when unknown
	Name   string    // the column as the code spells it, for messages
	Value  ssa.Value // the Go value written; nil when the SQL computes it
	Atomic bool      // computed by the database from the current value (n = n + 1)
	Now    bool      // set to the current time by the database or time.Now
	// Literal is what the SQL text writes when it is a literal ("true",
	// "done") or NULL ("null"): a value that does not depend on the caller.
	Literal string
	// Field is, for a summarised write of a field of an argument that the
	// caller did not set before the call (Store(ctx, m) inserting
	// m.Title), where the value comes from: the argument and the field
	// path. Value is nil then, as the write stores nothing the caller
	// computed, but the field still names a record.
	Field *FieldRef
}

// FieldRef is a field path selected from a value: m.Author.ID.
type FieldRef struct {
	Base ssa.Value
	Path []string
}

// Flags are what a statement says about how it runs, beyond its row: an
// operation and its summary share them, and a summary hands them to the
// caller's operation unchanged.
type Flags struct {
	Imprecise bool // the WHERE has an OR, or the SQL is only partly understood
	// EitherKey: Imprecise only because the WHERE ORs equalities on keys
	// (email = $1 OR username = $2), all of them in Keys: which row it
	// found is not known, but an insert that writes every one of those
	// values is the row it looked for.
	EitherKey bool
	Locking   bool // FOR UPDATE / FOR SHARE / clause.Locking
	// ShareLock: the lock is a share lock (FOR SHARE, FOR KEY SHARE,
	// LOCK IN SHARE MODE), which two readers both get: it keeps others
	// from changing the row, not from reading it, so two transactions
	// that read it FOR SHARE and then update it deadlock.
	ShareLock    bool
	ConflictSafe bool // ON CONFLICT, INSERT IGNORE, clause.OnConflict
	// ConflictNamed: the conflict clause names its target (ON CONFLICT
	// (a, b), ON CONFLICT ON CONSTRAINT c), which the database requires to
	// be a unique constraint or index: the statement fails otherwise, so
	// the constraint exists wherever it was declared.
	ConflictNamed bool
	Returning     bool // the write returns rows (its count is observed through them)
	Inspected     bool // the affected-row count decides a branch in the function
	// WholeRecord: the write stores every field of Object, the ones the
	// code changed (Writes) and the others as they are in memory (GORM
	// Save, Updates of the model struct).
	WholeRecord bool
}

// Op is one database operation in a function.
type Op struct {
	Kind   Kind
	Call   ssa.CallInstruction
	Method apimodel.Method
	Table  string             // normalized table or model name; "" if unknown
	Name   string             // the table or model as the code spells it, for messages
	Stmt   *sqltext.Statement // the SQL, when the operation carries SQL text

	Keys      []Key     // row identity (WHERE equalities, GORM conditions)
	Object    ssa.Value // GORM: memory root of the model object the call reads into or writes from
	Writes    []Assign  // columns written (nil with WritesAll for Save of an unknown object)
	WritesAll bool      // the write touches every column (Delete, Save of a whole object)
	// WritesFrom, with WritesAll, is the map or struct whose keys or set
	// fields are the columns written (Updates(vars)), when it is not a
	// literal here: a caller that passes one names the columns.
	WritesFrom ssa.Value
	State      []string // normalized columns the WHERE tests beyond the key (status = 'x', owner IS NULL)
	Excludes   []Key    // identifying columns the WHERE excludes one value of (user_uid <> $1)
	// Cutoffs are the State columns the WHERE compares with <, <=, >, >=
	// or BETWEEN: a cutoff (older than, expired before) rather than one
	// state a caller could be first to change. Known for SQL text only.
	Cutoffs []string
	Flags

	SQLParam    int     // Deferred: the parameter that holds the SQL
	ArgsParam   int     // Deferred: the parameter that holds the arguments; -1 if none
	ArgParams   []Param // Deferred, when ArgsParam is -1: the parameters passed as the statement's arguments, one by one
	Column      string  // key-value reads: the value or hash field the command returns
	Upsert      bool    // a key-value write that creates the key when missing (Redis SET)
	Existence   bool    // the read only reports whether or how many rows exist (Count, Exists)
	FoundResult bool    // a bool result of the call says whether a row was found (xorm Get)

	// LockIf, for a summarised read, is the caller's bool value that
	// decides whether the callee locked the row before reading it
	// (FindSessionByID(tx, id, forUpdate)): the read is locking when it
	// holds LockIfValue.
	LockIf      ssa.Value
	LockIfValue bool

	Summarized bool // the operation stands for a call of a summarised function
	// via is, for a summarised call, the kind of store the callee's
	// operation goes to (Method names the callee, not a library).
	via apimodel.Store
	// CountHandedBack: for summarised operations, the callee returns the
	// affected-row count instead of deciding on it, so the caller must.
	CountHandedBack bool
	Where           Posn // for summarised operations: where the statement runs

	fn *Func               // the function the operation belongs to
	At ssa.CallInstruction // where to report it, when it stands for a call inside a function literal

	Handle    Handle             // the connection or transaction it runs on
	Isolation apimodel.Isolation // for Begin: the requested isolation
	TxMode    apimodel.TxMode    // for Begin: the requested access modes (read-only, deferrable)
	TxFunc    *ssa.Function      // for Begin: the callback run inside the transaction
	Watch     bool               // for Begin: Redis WATCH, an optimistic transaction that never needs RL007's retry check
}

// Pos returns the position of the call.
func (o *Op) Pos() int { return int(o.Call.Pos()) }

// reportCall returns the call a diagnostic about o points at: the call
// itself, or the call inside a function literal o stands for.
func (o *Op) reportCall() ssa.CallInstruction {
	if o.At != nil {
		return o.At
	}
	return o.Call
}

// ReportCall is the exported form of reportCall.
func (o *Op) ReportCall() ssa.CallInstruction { return o.reportCall() }

// Block returns the basic block holding the call.
func (o *Op) Block() *ssa.BasicBlock { return o.Call.Block() }

// Value returns the SSA value of the call, or nil for go/defer.
func (o *Op) Value() ssa.Value {
	if v, ok := o.Call.(ssa.Value); ok {
		return v
	}
	return nil
}

// Before reports whether o runs before p on some path.
func (o *Op) Before(p *Op) bool {
	if o.Block() == p.Block() {
		return flow.Index(o.Call) < flow.Index(p.Call)
	}
	if o.Block().Dominates(p.Block()) {
		return true
	}
	if p.Block().Dominates(o.Block()) {
		return false
	}
	return o.fn.Reaches(o.Block(), p.Block())
}

// PrimaryKey returns the key that names the row: the id column when the
// WHERE has one, else the first equality.
func (o *Op) PrimaryKey() (Key, bool) {
	for _, k := range o.Keys {
		if k.Column == "id" {
			return k, true
		}
	}
	if len(o.Keys) > 0 {
		return o.Keys[0], true
	}
	return Key{}, false
}

// WrittenColumns returns the normalized columns a write sets; all is true
// when it sets every column or the set is unknown.
func (o *Op) WrittenColumns() (cols []string, all bool) {
	if o.WritesAll {
		return nil, true
	}
	for _, w := range o.Writes {
		if w.Column == "" {
			return nil, true
		}
		cols = append(cols, w.Column)
	}
	return cols, len(cols) == 0 && o.Kind != Insert
}

// DisplayName returns the column name to show for a normalized column:
// as a key or write of op spells it, else the normalized name.
func (o *Op) DisplayName(column string) string {
	for _, k := range o.Keys {
		if k.Column == column && k.Name != "" {
			return k.Name
		}
	}
	for _, w := range o.Writes {
		if w.Column == column && w.Name != "" {
			return w.Name
		}
	}
	if o.Stmt != nil {
		for _, p := range o.Stmt.Where {
			if normalizeColumn(p.Column) == column {
				return p.Column
			}
		}
	}
	return column
}

// Posn is a source position recorded in a summary: the file as the
// summarised package's file set named it, and a 1-based line and column.
// It is kept as numbers rather than a token.Pos because the package that
// uses the summary may not have that file in its file set, or may have it
// only as the line table of export data (go vet), where a column cannot be
// placed.
type Posn struct {
	File      string
	Line, Col int
}

// IsValid reports whether p names a place.
func (p Posn) IsValid() bool { return p.File != "" && p.Line > 0 }

// Store returns the kind of database the operation goes to: its
// library's, or for a summarised call, the callee's operation's (a
// repository method wrapping Redis writes to Redis).
func (op *Op) Store() apimodel.Store {
	if op.Summarized {
		return op.via
	}
	return op.Method.Store()
}
