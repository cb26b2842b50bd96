// Package xormmyproof holds the proof scenarios written against xorm
// (xorm.io/xorm) on MariaDB (driver: github.com/go-sql-driver/mysql). Each
// scenario is a racy function, whose write carries the analysistest want
// comment racelint must report, next to its atomic twin in the form
// racelint's rule pages recommend.
//
// The package covers every scenario but the Serializable ones: a
// session's Begin takes no isolation level, and a SET TRANSACTION run
// through the engine before it may land on another pooled connection.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package xormmyproof

import (
	"errors"
	"time"

	"xorm.io/xorm"
)

// errInsufficientFunds ends a withdrawal transaction (Transaction rolls
// back on any error) without a write.
var errInsufficientFunds = errors.New("insufficient funds")

// Store is the data layer under test.
type Store struct {
	engine *xorm.Engine
}

// New returns a Store on engine.
func New(engine *xorm.Engine) *Store { return &Store{engine: engine} }

// The column names are spelled out in the tags: xorm's default mapper
// would turn TrackingID into tracking_i_d.

// Email is a tracked outgoing email.
type Email struct {
	ID         int64      `xorm:"pk autoincr 'id'"`
	TrackingID string     `xorm:"'tracking_id'"`
	OpenedAt   *time.Time `xorm:"'opened_at'"`
}

// TableName is the table of Email.
func (Email) TableName() string { return "emails" }

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ID        int64      `xorm:"pk autoincr 'id'"`
	OwnerID   *int64     `xorm:"'owner_id'"`
	ClaimedAt *time.Time `xorm:"'claimed_at'"`
}

// TableName is the table of Lead.
func (Lead) TableName() string { return "leads" }

// Job is a queued background job; created_at keeps the database's
// default.
type Job struct {
	ID        int64      `xorm:"pk autoincr 'id'"`
	Queue     string     `xorm:"'queue'"`
	Status    string     `xorm:"'status'"`
	StartedAt *time.Time `xorm:"'started_at'"`
}

// TableName is the table of Job.
func (Job) TableName() string { return "jobs" }

// PlainEvent is a webhook event in a table without a unique constraint;
// created_at keeps the database's default.
type PlainEvent struct {
	ID       int64  `xorm:"pk autoincr 'id'"`
	DedupKey string `xorm:"'dedup_key'"`
}

// TableName is the table of PlainEvent.
func (PlainEvent) TableName() string { return "plain_events" }

// Counter counts hits.
type Counter struct {
	ID   int64 `xorm:"pk autoincr 'id'"`
	Hits int64 `xorm:"'hits'"`
}

// TableName is the table of Counter.
func (Counter) TableName() string { return "counters" }

// Account holds a balance.
type Account struct {
	ID      int64 `xorm:"pk autoincr 'id'"`
	Balance int64 `xorm:"'balance'"`
}

// TableName is the table of Account.
func (Account) TableName() string { return "accounts" }

// PlainContact is an address-book entry in a table without a unique
// constraint.
type PlainContact struct {
	ID    int64  `xorm:"pk autoincr 'id'"`
	Email string `xorm:"'email'"`
}

// TableName is the table of PlainContact.
func (PlainContact) TableName() string { return "plain_contacts" }

// Contact is an address-book entry, unique by Email.
type Contact struct {
	ID    int64  `xorm:"pk autoincr 'id'"`
	Email string `xorm:"'email'"`
}

// TableName is the table of Contact.
func (Contact) TableName() string { return "contacts" }
