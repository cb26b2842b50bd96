// Package sqltext classifies SQL statements that Go programs hand to
// database/sql, sqlx, pgx and GORM: the verb, the main table, the WHERE
// predicates, the SET items, locking and conflict clauses and the
// placeholders. The race detector needs to know which record a statement
// reads or writes and whether the database itself guards the write.
//
// It is deliberately not a SQL parser. The SQL it sees is assembled from
// constants and fmt.Sprintf formats, spans three dialects, is often
// incomplete (a fragment with %s holes, a GORM condition) and may be
// anything at all when the analyzer runs over arbitrary code. A strict
// parser would reject most of that and the linter would learn nothing, so
// this package lexes everything it is given and extracts what it can
// recognise; whatever it cannot read is reported as unknown, which the
// engine treats as "no finding". It never panics, and every loop is bounded
// by the token count.
package sqltext

import "strconv"

// Verb is the kind of the main statement.
type Verb int

const (
	Unknown Verb = iota
	Select
	Insert
	Update
	Delete
	Other // DDL, SET, BEGIN, CALL, ...
)

var verbNames = [...]string{"unknown", "SELECT", "INSERT", "UPDATE", "DELETE", "OTHER"}

func (v Verb) String() string {
	if v >= 0 && int(v) < len(verbNames) {
		return verbNames[v]
	}
	return "Verb(" + strconv.Itoa(int(v)) + ")"
}

// Lock is the row-locking clause of a read.
type Lock int

const (
	NoLock         Lock = iota
	ForUpdate           // FOR UPDATE
	ForNoKeyUpdate      // FOR NO KEY UPDATE
	ForShare            // FOR SHARE, LOCK IN SHARE MODE (MySQL), FOR KEY SHARE
)

// Conflict tells whether an insert resolves a unique-key conflict itself.
type Conflict int

const (
	NoConflictClause Conflict = iota
	DoNothing                 // ON CONFLICT ... DO NOTHING, INSERT IGNORE, INSERT OR IGNORE
	DoUpdate                  // ON CONFLICT ... DO UPDATE, ON DUPLICATE KEY UPDATE, REPLACE INTO, INSERT OR REPLACE, MERGE
)

// OperandKind classifies the right-hand side of a predicate or assignment.
type OperandKind int

const (
	OpUnknown  OperandKind = iota // any other expression
	OpParam                       // a placeholder: ?, $N, :name, @name
	OpLiteral                     // 'text', 123, TRUE, FALSE
	OpNull                        // NULL
	OpColumn                      // another column reference
	OpNow                         // now(), CURRENT_TIMESTAMP, datetime('now'), UTC_TIMESTAMP(), ...
	OpSubquery                    // (SELECT ...)
)

// Operand is the right-hand side of a predicate or assignment.
type Operand struct {
	Kind OperandKind
	// Param is the 0-based argument index for a positional OpParam and -1
	// otherwise (named parameters and every other kind), so that an index
	// is never mistaken for argument 0.
	Param   int
	Name    string // for named params: the name without ':'/'@'
	Literal string // for OpLiteral: the literal text without quotes, lower-cased for keywords (true/false)
}

// Predicate is one AND-ed condition of a WHERE clause (top level only).
type Predicate struct {
	Column string  // normalized column, "" if the left side is not a plain column
	Op     string  // "=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL", "IN", "NOT IN", "LIKE", "BETWEEN", "" for others
	Value  Operand // right side; for IN with one element that element; for IS NULL Kind=OpNull
}

// Assignment is one SET item of an UPDATE (or of ON CONFLICT DO UPDATE /
// ON DUPLICATE KEY UPDATE).
type Assignment struct {
	Column  string
	Value   Operand
	SelfRef bool // the value expression references the same column
	Atomic  bool // SelfRef with an arithmetic/concat operator: computed from the current row value
}

// Statement is what Parse could tell about the first statement of a SQL
// string. Fields it could not determine keep their zero value.
type Statement struct {
	Verb          Verb
	Table         string      // main table, normalized; "" if unknown
	Columns       []string    // SELECT output columns, normalized source names
	Where         []Predicate // top-level predicates of the main WHERE
	WhereOr       bool        // the main WHERE has a top-level OR
	Set           []Assignment
	InsertColumns []string
	InsertValues  []Operand // first VALUES row, aligned with InsertColumns; nil when not aligned
	Lock          Lock
	SkipLocked    bool
	NoWait        bool
	Conflict      Conflict
	ConflictSet   []Assignment
	// ConflictTarget are the columns of ON CONFLICT (a, b), normalized;
	// ConflictConstraint the name in ON CONFLICT ON CONSTRAINT name.
	ConflictTarget     []string
	ConflictConstraint string
	Returning          bool
	Params             int      // number of positional arguments the SQL needs
	Named              []string // named params in order of first appearance
	WithCTE            bool
	// LocksWriters: some statement of the string takes a lock that
	// serialises the writers that follow on the same connection: SQLite's
	// BEGIN IMMEDIATE/EXCLUSIVE, LOCK [TABLE], MySQL LOCK TABLES and
	// GET_LOCK, PostgreSQL's blocking advisory locks. Decided on tokens, so
	// comments (sqlc's "-- name: X :exec" header) and string literals that
	// merely mention a lock do not count.
	LocksWriters bool
}

// maxInput bounds the work done on one string; real queries are far
// smaller, and anything bigger is generated data rather than a statement.
const maxInput = 1 << 20

// Parse classifies the first statement of sql.
func Parse(sql string) Statement {
	if len(sql) > maxInput {
		return Statement{}
	}
	lr := lex(sql)
	st := Statement{Params: lr.params, Named: lr.named}
	stmts := splitStatements(lr.toks)
	if len(stmts) == 0 {
		return st
	}
	p := newParser(stmts[0])
	p.statement(&st)
	for _, s := range stmts {
		if locksWriters(s) {
			st.LocksWriters = true
			break
		}
	}
	// "BEGIN; UPDATE ...; COMMIT" or "SELECT ...; DELETE ..." would be
	// misread if only the first statement counted.
	for _, s := range stmts[1:] {
		q := newParser(s)
		v, _ := q.mainVerb(0, len(s))
		if (v == Insert || v == Update || v == Delete) && v != st.Verb {
			st.Verb = Unknown
			break
		}
	}
	return st
}

// ParseCondition parses a bare boolean condition as GORM Where/Not take it
// ("id = ? AND opened_at IS NULL", "status IN ?", "email = @email").
// Placeholders are numbered from 0 within the fragment.
func ParseCondition(cond string) (preds []Predicate, hasOr bool) {
	if len(cond) > maxInput {
		return nil, false
	}
	toks := lex(cond).toks
	for i, t := range toks {
		if t.kind == tPunct && t.text == ";" {
			toks = toks[:i]
			break
		}
	}
	p := newParser(toks)
	lo := 0
	if p.kw(0, len(toks), "WHERE") {
		lo = 1
	}
	return p.conds(lo, len(toks))
}

// Normalize lower-cases an identifier, strips quoting ("x", `x`, [x]) and any
// qualifier ("public.emails" -> "emails", e."OpenedAt" -> "openedat"). A
// dot inside parentheses is not a qualifier: count(t.id) and exists(...)
// stay whole.
func Normalize(ident string) string {
	s := trimSpace(ident)
	last, depth := 0, 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '"', '`':
			i = scanQuoted(s, i, s[i], false)
		case '[':
			i++
			for i < len(s) && s[i] != ']' {
				i++
			}
		case '(':
			depth++
			i++
		case ')':
			depth--
			i++
		case '.':
			if depth == 0 {
				last = i + 1
			}
			i++
		default:
			i++
		}
	}
	return lower(unquoteIdent(trimSpace(s[last:])))
}

// writerLockFuncs are the functions whose call blocks until the caller holds
// a lock that other writers must also take; the try_ variants return at once
// and serialise nothing unless their result is tested, so they are left out.
var writerLockFuncs = map[string]bool{"pg_advisory_lock": true, "pg_advisory_xact_lock": true, "get_lock": true}

// locksWriters reports whether one statement takes a writer-serialising
// lock: it starts BEGIN IMMEDIATE/EXCLUSIVE or LOCK, or calls one of
// writerLockFuncs.
func locksWriters(s []token) bool {
	p := newParser(s)
	hi := len(s)
	if p.kw(0, hi, "LOCK") || p.kw(0, hi, "BEGIN") && (p.kw(1, hi, "IMMEDIATE") || p.kw(1, hi, "EXCLUSIVE")) {
		return true
	}
	for i, t := range s {
		if t.kind == tWord && writerLockFuncs[lower(t.text)] && p.punct(i+1, hi, "(") {
			return true
		}
	}
	return false
}

func splitStatements(toks []token) [][]token {
	var out [][]token
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i == len(toks) || toks[i].kind == tPunct && toks[i].text == ";" {
			if i > start {
				out = append(out, toks[start:i])
			}
			start = i + 1
		}
	}
	return out
}
