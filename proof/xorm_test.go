package proof_test

import (
	"github.com/racelint/racelint/proof/harness"
	"github.com/racelint/racelint/proof/scenarios/xormmyproof"
)

// xormLib is the library name of the xorm cases (scenarios/xormmyproof). They run on MariaDB only
// (TestMariaDBForcedInterleaving); TestRacelintVerdicts checks them
// function by function.
const xormLib = "xorm"

// xormCases is the xorm case table: the scenarios xorm can express (see
// the xormmyproof package comment for the Serializable ones it cannot). s may be nil
// (racelint's verdicts need only the names).
func xormCases(s *xormmyproof.Store) []proofCase {
	c := func(scenario, fn, rule string, sc harness.Scenario) proofCase {
		return proofCase{scenario: scenario, db: mariaDB, lib: xormLib, dir: dirOf(mariaDB, xormLib), fn: fn, rule: rule, sc: sc, miss: xormKnownMisses[fn]}
	}
	return []proofCase{
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
		c("withdrawal in a transaction", "WithdrawTxFuncRacy", "RL005", harness.Withdraw(s.WithdrawTxFuncRacy)),
		c("withdrawal in a transaction", "WithdrawLocked", "", harness.Withdraw(s.WithdrawLocked)),
		c("find-or-create", "EnsureContactRacy", "RL002", harness.FindOrCreate(s.EnsureContactRacy, "plain_contacts")),
		c("find-or-create", "EnsureContact", "", harness.FindOrCreate(s.EnsureContact, "contacts")),
	}
}

// xormKnownMisses lists the xorm functions that race but that racelint
// does not report, with the reason (none so far). A function listed here
// must have an empty rule in xormCases; its forced run must still show
// the race, and TestRacelintVerdicts fails once racelint reports it.
var xormKnownMisses = map[string]string{}
