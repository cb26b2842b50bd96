// Package catalog is the single source of truth for racelint's rules:
// identifiers, names, titles, CWE links and one-line advice. It holds data
// only; the analyzer, the CLI (SARIF, -explain) and the documentation test
// all read it from here so that a rule is described in exactly one place.
package catalog

// Severity orders findings for output formats that need one (SARIF level).
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// The rule IDs, for the code that decides them.
const (
	CheckThenUpdate           = "RL001"
	CheckThenInsert           = "RL002"
	LostUpdate                = "RL003"
	UncheckedConditionalWrite = "RL004"
	TxWithoutLock             = "RL005"
	RacyHelper                = "RL006"
	SerializableWithoutRetry  = "RL007"
	InProcessLock             = "RL008"
	StaleWriteBack            = "RL009"
)

// Rule describes one rule. IDs are stable: a retired ID is never reused.
type Rule struct {
	ID       string // "RL001"
	Name     string // "check-then-update"
	Title    string // one line, sentence case, no trailing period
	Fix      string // the atomic rewrite in one phrase, for SQL
	ShortFix string // the same in a few words, for the one-line message
	// ByStore holds the rewrite for the stores that are not SQL
	// (KeyValue, Document), where the rule applies to them: UPDATE ...
	// WHERE means nothing to Redis.
	ByStore    map[Store]Advice
	CWE        []int    // related CWE ids
	Severity   Severity // default severity
	Confidence string   // "high" or "medium": how often a report is a real race
	// SecuritySeverity is the CVSS-like score (0.0-10.0) GitHub code
	// scanning reads from SARIF to rank a finding (7.0 and up: high, 4.0
	// to 6.9: medium): what a lost race typically costs (double spend,
	// two winners, duplicate rows) times how often a report is real.
	SecuritySeverity float64
	Since            string // first version that shipped the rule
	NonDefault       bool   // off unless enabled explicitly (-rules RL008)
}

// Store is a kind of database, as far as the advice differs.
type Store string

const (
	SQL      Store = "sql"
	KeyValue Store = "key-value" // Redis
	Document Store = "document"  // MongoDB
)

// Advice is a rule's rewrite for one kind of store.
type Advice struct {
	Fix, ShortFix string
}

// AdviceFor returns the rewrite for the store: its own when the rule has
// one, the SQL one otherwise.
func (r Rule) AdviceFor(s Store) Advice {
	if a, ok := r.ByStore[s]; ok {
		return a
	}
	return Advice{Fix: r.Fix, ShortFix: r.ShortFix}
}

// DocsBase is where rule pages live; a rule's URL is DocsBase + ID + ".md".
const DocsBase = "https://github.com/racelint/racelint/blob/main/docs/rules/"

// URL returns the documentation page of the rule.
func (r Rule) URL() string { return DocsBase + r.ID + ".md" }

// Rules is ordered by ID.
var rules = []Rule{
	{
		ID: CheckThenUpdate, Name: "check-then-update",
		Title:    "State is checked in Go, then the same record is written unconditionally",
		Fix:      "move the check into the write: a conditional UPDATE ... WHERE <check> whose affected-row count decides the branch",
		ShortFix: "check in the WHERE, read the count",
		ByStore: map[Store]Advice{
			KeyValue: {Fix: "check and write in one command: SET NX or HSETNX for a missing key or field, else a Lua script (redis.NewScript), or WATCH with the write in TxPipelined and a retry on redis.TxFailedErr",
				ShortFix: "check and write in one command (NX, Lua)"},
			Document: {Fix: "move the check into the filter of the UpdateOne (or FindOneAndUpdate) and treat MatchedCount 0 as losing the race",
				ShortFix: "check in the filter, read MatchedCount"},
		},
		CWE:              []int{362, 367},
		Severity:         Error,
		Confidence:       "high",
		SecuritySeverity: 7.5,
		Since:            "v0.1.0",
	},
	{
		ID: CheckThenInsert, Name: "check-then-insert",
		Title:    "A record is looked up, found missing, then inserted",
		Fix:      "insert conflict-safely (unique constraint + ON CONFLICT DO NOTHING, or handle the duplicate-key error) instead of checking first",
		ShortFix: "insert with ON CONFLICT",
		ByStore: map[Store]Advice{
			KeyValue: {Fix: "create the key only if it is missing (SET NX: SetNX or SetArgs with Mode NX; HSETNX for a field) and let its reply say who won",
				ShortFix: "SET NX, and read its reply"},
			Document: {Fix: "a unique index with the duplicate-key error handled (mongo.IsDuplicateKeyError), or an UpdateOne with upsert and $setOnInsert",
				ShortFix: "unique index, or upsert"},
		},
		CWE:              []int{362, 367},
		Severity:         Error,
		Confidence:       "high",
		SecuritySeverity: 7.0,
		Since:            "v0.1.0",
	},
	{
		ID: LostUpdate, Name: "lost-update",
		Title:    "A value read from the database is modified in Go and written back",
		Fix:      "let the database compute the new value atomically (SET n = n + $1, guarded by WHERE when a bound matters)",
		ShortFix: "compute it in SQL (n = n + $1)",
		ByStore: map[Store]Advice{
			KeyValue: {Fix: "let Redis compute the value (INCRBY, HINCRBY, DECRBY), or a Lua script when a bound matters",
				ShortFix: "INCRBY, or Lua for a bound"},
			Document: {Fix: "let MongoDB compute the value with $inc in the update, with the bound in the filter when one matters",
				ShortFix: "$inc in the update"},
		},
		CWE:              []int{362},
		Severity:         Error,
		Confidence:       "high",
		SecuritySeverity: 7.5,
		Since:            "v0.1.0",
	},
	{
		ID: UncheckedConditionalWrite, Name: "unchecked-conditional-write",
		Title:    "A conditional write re-checks the state but its affected-row count is ignored",
		Fix:      "read the affected-row count and treat 0 as losing the race",
		ShortFix: "treat 0 rows as losing",
		ByStore: map[Store]Advice{
			Document: {Fix: "read MatchedCount (ModifiedCount, DeletedCount) and treat 0 as losing the race", ShortFix: "treat MatchedCount 0 as losing"},
			KeyValue: {Fix: "read the reply (SETNX's bool, SET NX's redis.Nil) and treat \"not set\" as losing the race", ShortFix: "read the reply"},
		},
		CWE:              []int{362, 252},
		Severity:         Error,
		Confidence:       "medium",
		SecuritySeverity: 6.5,
		Since:            "v0.1.0",
	},
	{
		ID: TxWithoutLock, Name: "tx-without-lock",
		Title:            "Check-then-write inside a transaction at default isolation without a locking read",
		Fix:              "lock the row when reading it (SELECT ... FOR UPDATE in the same transaction) or run the transaction Serializable with a retry",
		ShortFix:         "lock the read or retry Serializable",
		CWE:              []int{362, 367},
		Severity:         Error,
		Confidence:       "high",
		SecuritySeverity: 7.5,
		Since:            "v0.1.0",
	},
	{
		ID: RacyHelper, Name: "racy-helper",
		Title:            "A library helper that checks and then creates is used as if it were atomic",
		Fix:              "create with an ON CONFLICT clause against a unique index, then read the row",
		ShortFix:         "create with ON CONFLICT",
		CWE:              []int{362, 367},
		Severity:         Warning,
		Confidence:       "high",
		SecuritySeverity: 5.5,
		Since:            "v0.1.0",
	},
	{
		ID: SerializableWithoutRetry, Name: "serializable-without-retry",
		Title:    "A Serializable or Repeatable Read transaction has no retry on serialization failure",
		Fix:      "retry the whole transaction when it fails with SQLSTATE 40001",
		ShortFix: "retry on SQLSTATE 40001",
		ByStore: map[Store]Advice{
			KeyValue: {Fix: "run the WATCH transaction again, with a fresh read, when it fails with redis.TxFailedErr (a loop with a bounded number of attempts), or make the update one command (INCRBY, a Lua script)", ShortFix: "retry on redis.TxFailedErr"},
		},
		CWE:              []int{362, 755},
		Severity:         Warning,
		Confidence:       "medium",
		SecuritySeverity: 4.5,
		Since:            "v0.1.0",
	},
	{
		ID: InProcessLock, Name: "in-process-lock",
		Title:    "A check-then-write race is protected only by an in-process lock",
		Fix:      "a sync.Mutex protects one process only: make the write atomic in the database, or lock the row (SELECT ... FOR UPDATE) or an advisory lock",
		ShortFix: "lock in the database",
		ByStore: map[Store]Advice{
			KeyValue: {Fix: "a sync.Mutex protects one process only: make the write atomic in Redis (NX, INCRBY, a Lua script)", ShortFix: "make it atomic in Redis"},
			Document: {Fix: "a sync.Mutex protects one process only: make the write atomic in MongoDB (the check in the filter, $inc, upsert)", ShortFix: "make it atomic in MongoDB"},
		},
		CWE:              []int{362, 667},
		Severity:         Warning,
		Confidence:       "medium",
		SecuritySeverity: 4.0,
		Since:            "v0.1.0",
		NonDefault:       true,
	},
	{
		ID: StaleWriteBack, Name: "stale-write-back",
		Title:            "A row is read, changed in Go and written back whole",
		Fix:              "write only the columns this code changes (GORM Select(cols).Updates or Updates with a map, UPDATE ... SET of those columns, xorm Cols), or guard the write with a version column whose affected-row count decides",
		ShortFix:         "write only the changed columns",
		CWE:              []int{362, 367},
		Severity:         Warning,
		Confidence:       "medium",
		SecuritySeverity: 4.0,
		Since:            "v0.2.0",
		NonDefault:       true,
	},
}

// All returns a copy of every rule, ordered by ID.
func All() []Rule {
	out := make([]Rule, len(rules))
	copy(out, rules)
	return out
}

// ByID returns the rule with the given ID.
func ByID(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
