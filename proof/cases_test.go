package proof_test

import (
	"github.com/racelint/racelint/proof/harness"
	"github.com/racelint/racelint/proof/scenarios/bunproof"
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

// libs is the order of the libraries in reports; pkgDir names each
// library's scenario package under scenarios/.
var libs = []string{"database/sql", "sqlx", "pgx", "GORM", "bun", "squirrel"}

var pkgDir = map[string]string{
	"database/sql": "sqlproof",
	"sqlx":         "sqlxproof",
	"pgx":          "pgxproof",
	"GORM":         "gormproof",
	"bun":          "bunproof",
	"squirrel":     "sqproof",
	redisLib:       "redisproof",  // redis_test.go
	xormLib:        "xormmyproof", // xorm_test.go, on MariaDB
}

// proofCase is one function under test.
type proofCase struct {
	scenario string // e.g. "first open"
	lib      string
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
}

func casesFor(lib string, s store) []proofCase {
	c := func(scenario, fn, rule string, sc harness.Scenario) proofCase {
		return proofCase{scenario: scenario, lib: lib, fn: fn, rule: rule, sc: sc}
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

// allCases lists every case, library by library; with no database the
// stores are nil and the cases still name every function (for the
// analyzer test).
func allCases() []proofCase {
	var out []proofCase
	for _, lib := range libs {
		var s store
		if env != nil {
			s = env.stores[lib]
		} else {
			s = nilStores[lib]
		}
		out = append(out, casesFor(lib, s)...)
	}
	return out
}
