package proof_test

import (
	"github.com/racelint/racelint/proof/harness"
	"github.com/racelint/racelint/proof/scenarios/bunproof"
	"github.com/racelint/racelint/proof/scenarios/gormmyproof"
	"github.com/racelint/racelint/proof/scenarios/gormproof"
	"github.com/racelint/racelint/proof/scenarios/sqproof"
)

// store is the method set every library's Store implements.
type store interface {
	RecordOpenRacy(ctx ctxT, trackingID string, pause func()) (bool, error)
	RecordOpen(ctx ctxT, trackingID string, pause func()) (bool, error)
	ClaimLeadRacy(ctx ctxT, leadID, userID int64, pause func()) (bool, error)
	AssignLeadRacy(ctx ctxT, leadID, userID int64, pause func()) (bool, error)
	ClaimLead(ctx ctxT, leadID, userID int64, pause func()) (bool, error)
	NextJobRacy(ctx ctxT, queue string, pause func()) (int64, bool, error)
	NextJob(ctx ctxT, queue string, pause func()) (int64, bool, error)
	RecordEventRacy(ctx ctxT, dedupKey string, pause func()) (bool, error)
	RecordEvent(ctx ctxT, dedupKey string, pause func()) (bool, error)
	IncrementRacy(ctx ctxT, counterID int64, pause func()) error
	Increment(ctx ctxT, counterID int64, pause func()) error
	WithdrawRacy(ctx ctxT, accountID, amount int64, pause func()) (bool, error)
	Withdraw(ctx ctxT, accountID, amount int64, pause func()) (bool, error)
	WithdrawTxRacy(ctx ctxT, accountID, amount int64, pause func()) (bool, error)
	WithdrawLocked(ctx ctxT, accountID, amount int64, pause func()) (bool, error)
	WithdrawSerializable(ctx ctxT, accountID, amount int64, pause func()) (bool, error)
	WithdrawSerializableOnce(ctx ctxT, accountID, amount int64, pause func()) (bool, error)
	EnsureContactRacy(ctx ctxT, email string, pause func()) (int64, bool, error)
	EnsureContact(ctx ctxT, email string, pause func()) (int64, bool, error)
}

// The databases, in the order of reports.
const (
	postgresDB = "PostgreSQL"
	mariaDB    = "MariaDB"
	redisDB    = "Redis"
)

// suite is one scenario package: the library it is written with and the
// database it runs on.
type suite struct{ db, lib, dir string }

// suites lists every scenario package under scenarios/, in the order of
// reports.
var suites = []suite{
	{postgresDB, "database/sql", "sqlproof"},
	{postgresDB, "sqlx", "sqlxproof"},
	{postgresDB, "pgx", "pgxproof"},
	{postgresDB, "GORM", "gormproof"},
	{postgresDB, "bun", "bunproof"},
	{postgresDB, "squirrel", "sqproof"},
	{postgresDB, "ent", "entproof"},
	{postgresDB, "pop", "popproof"},
	{mariaDB, "database/sql", "sqlmyproof"},
	{mariaDB, "sqlx", "sqlxmyproof"},
	{mariaDB, "GORM", "gormmyproof"},
	{mariaDB, xormLib, "xormmyproof"}, // xorm_test.go
	{redisDB, redisLib, "redisproof"}, // redis_test.go
}

// dirOf names the scenario package of lib on db.
func dirOf(db, lib string) string {
	for _, s := range suites {
		if s.db == db && s.lib == lib {
			return s.dir
		}
	}
	panic("no scenario package for " + lib + " on " + db)
}

// dbIndex orders the databases in reports.
func dbIndex(db string) int {
	for i, s := range suites {
		if s.db == db {
			return i
		}
	}
	return len(suites)
}

// proofCase is one function under test.
type proofCase struct {
	scenario string // e.g. "first open"
	db       string // postgresDB, mariaDB or redisDB
	lib      string
	dir      string // the scenario package, dirOf(db, lib)
	fn       string // method name in the library's scenario package
	rule     string // the rule racelint must report; "" for an atomic twin
	sc       harness.Scenario
	rsc      harness.RedisScenario // the scenario of a Redis case (sc is nil)
	// miss, on a function that races but that racelint does not report,
	// says why (a documented limit): the forced run must show the race,
	// and TestRacelintVerdicts logs the miss and expects silence.
	miss string
}

// racy says whether racelint must report the function.
func (c proofCase) racy() bool { return c.rule != "" }

// races says whether the function races at run time: reported or a known
// miss.
func (c proofCase) races() bool { return c.racy() || c.miss != "" }

// scenarioOrder is the order of the scenarios in reports.
var scenarioOrder = []string{
	"record first open", "claim a lead", "process a queue item", "record a unique event",
	"counter increment", "balance withdrawal", "withdrawal in a transaction", "find-or-create",
	// Redis only (redis_test.go).
	"take a lock", "lock release", "start a job", "hash field counter",
}

// casesFor lists the cases of the store of lib on db (s may be a nil
// store: racelint's verdicts need only the names).
func casesFor(db, lib string, s store) []proofCase {
	dir := dirOf(db, lib)
	c := func(scenario, fn, rule string, sc harness.Scenario) proofCase {
		return proofCase{scenario: scenario, db: db, lib: lib, dir: dir, fn: fn, rule: rule, sc: sc}
	}
	cs := []proofCase{
		c("record first open", "RecordOpenRacy", "RL001", harness.FirstOpen(s.RecordOpenRacy)),
		c("record first open", "RecordOpen", "", harness.FirstOpen(s.RecordOpen)),
		c("claim a lead", "ClaimLeadRacy", "RL001", harness.ClaimLead(s.ClaimLeadRacy)),
		c("claim a lead", "AssignLeadRacy", "RL004", harness.ClaimLead(s.AssignLeadRacy)),
		c("claim a lead", "ClaimLead", "", harness.ClaimLead(s.ClaimLead)),
		c("process a queue item", "NextJobRacy", "RL001", harness.Queue(s.NextJobRacy)),
		c("process a queue item", "NextJob", "", harness.Queue(s.NextJob)),
		c("record a unique event", "RecordEventRacy", "RL002", harness.UniqueEvent(s.RecordEventRacy, "plain_events")),
		c("record a unique event", "RecordEvent", "", harness.UniqueEvent(s.RecordEvent, "events")),
		c("counter increment", "IncrementRacy", "RL003", harness.Counter(s.IncrementRacy)),
		c("counter increment", "Increment", "", harness.Counter(s.Increment)),
		c("balance withdrawal", "WithdrawRacy", "RL003", harness.Withdraw(s.WithdrawRacy)),
		c("balance withdrawal", "Withdraw", "", harness.Withdraw(s.Withdraw)),
		c("withdrawal in a transaction", "WithdrawTxRacy", "RL005", harness.Withdraw(s.WithdrawTxRacy)),
		c("withdrawal in a transaction", "WithdrawSerializableOnce", "RL007", harness.Withdraw(s.WithdrawSerializableOnce)),
		c("withdrawal in a transaction", "WithdrawLocked", "", harness.Withdraw(s.WithdrawLocked)),
		c("withdrawal in a transaction", "WithdrawSerializable", "", harness.Withdraw(s.WithdrawSerializable)),
		c("find-or-create", "EnsureContactRacy", "RL002", harness.FindOrCreate(s.EnsureContactRacy, "plain_contacts")),
	}
	if g, ok := s.(*gormproof.Store); ok {
		cs = append(cs, c("find-or-create", "EnsureContactFirstOrCreate", "RL006", harness.FindOrCreate(g.EnsureContactFirstOrCreate, "plain_contacts")))
	}
	if g, ok := s.(*gormmyproof.Store); ok {
		onConflict := c("record a unique event", "RecordEventOnConflict", "", harness.UniqueEvent(g.RecordEventOnConflict, "events"))
		onConflict.miss = "GORM adds RETURNING to inserts on MariaDB 10.5+, and ON DUPLICATE KEY UPDATE returns the existing row, so RowsAffected is 1 for a duplicate; racelint cannot see the server version"
		cs = append(cs,
			c("find-or-create", "EnsureContactFirstOrCreate", "RL006", harness.FindOrCreate(g.EnsureContactFirstOrCreate, "plain_contacts")),
			onConflict,
			c("record a unique event", "RecordEventOnConflictNoReturning", "", harness.UniqueEvent(g.RecordEventOnConflictNoReturning, "events")))
	}
	// Library-specific racy forms, outside the shared store interface.
	if b, ok := s.(*bunproof.Store); ok {
		cs = append(cs, c("withdrawal in a transaction", "WithdrawBeginTxRacy", "RL005", harness.Withdraw(b.WithdrawBeginTxRacy)))
	}
	if q, ok := s.(*sqproof.Store); ok {
		cs = append(cs, c("claim a lead", "ClaimLeadToSQLRacy", "RL001", harness.ClaimLead(q.ClaimLeadToSQLRacy)))
	}
	cs = append(cs, c("find-or-create", "EnsureContact", "", harness.FindOrCreate(s.EnsureContact, "contacts")))
	return cs
}

// allCases lists every PostgreSQL case, library by library; with no
// database the stores are nil and the cases still name every function
// (for the analyzer test).
func allCases() []proofCase {
	var out []proofCase
	for _, su := range suites {
		if su.db != postgresDB {
			continue
		}
		s := nilStores[su.dir]
		if env != nil {
			s = env.stores[su.lib]
		}
		out = append(out, casesFor(postgresDB, su.lib, s)...)
	}
	return out
}

// everyCase lists the cases of every database and library, with nil
// stores: the names racelint's verdicts and the results table need.
func everyCase() []proofCase {
	out := allCases()
	if env != nil { // allCases with stores: take the names only
		out = nil
		for _, su := range suites {
			if su.db == postgresDB {
				out = append(out, casesFor(postgresDB, su.lib, nilStores[su.dir])...)
			}
		}
	}
	for _, su := range suites {
		if su.db == mariaDB && su.lib != xormLib {
			out = append(out, casesFor(mariaDB, su.lib, nilStores[su.dir])...)
		}
	}
	out = append(out, xormCases(nil)...)
	return append(out, redisCases(nil)...)
}
