// Package bunproof holds the proof scenarios written against bun
// (github.com/uptrace/bun with its pgdialect, over database/sql and pgx's
// stdlib driver, so driver errors are *pgconn.PgError). Each scenario is a
// racy function, whose write carries the analysistest want comment
// racelint must report, next to its atomic twin in the form racelint's
// rule pages recommend.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package bunproof

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"
)

// ErrContention is returned when a Serializable transaction kept failing.
var ErrContention = errors.New("too many serialization failures")

// errInsufficientFunds ends a withdrawal transaction (RunInTx rolls back on
// any error) without a write.
var errInsufficientFunds = errors.New("insufficient funds")

// maxTxAttempts bounds the retries of a Serializable transaction.
const maxTxAttempts = 100

// backoff sleeps a random time, growing with attempt up to 32ms, before a
// Serializable transaction is retried.
func backoff(attempt int) {
	time.Sleep(time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 5))))
}

// Store is the data layer under test.
type Store struct {
	db *bun.DB
}

// New returns a Store on db.
func New(db *bun.DB) *Store { return &Store{db: db} }

// Email is a tracked outgoing email.
type Email struct {
	bun.BaseModel `bun:"table:emails"`

	ID         int64 `bun:",pk,autoincrement"`
	TrackingID string
	OpenedAt   *time.Time
}

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	bun.BaseModel `bun:"table:leads"`

	ID        int64 `bun:",pk,autoincrement"`
	OwnerID   *int64
	ClaimedAt *time.Time
}

// Job is a queued background job.
type Job struct {
	bun.BaseModel `bun:"table:jobs"`

	ID        int64 `bun:",pk,autoincrement"`
	Queue     string
	Status    string
	StartedAt *time.Time
	CreatedAt time.Time
}

// PlainEvent is a webhook event in a table without a unique constraint.
type PlainEvent struct {
	bun.BaseModel `bun:"table:plain_events"`

	ID        int64 `bun:",pk,autoincrement"`
	DedupKey  string
	CreatedAt time.Time
}

// Event is a webhook event, unique by DedupKey.
type Event struct {
	bun.BaseModel `bun:"table:events"`

	ID        int64 `bun:",pk,autoincrement"`
	DedupKey  string
	CreatedAt time.Time
}

// Counter counts hits.
type Counter struct {
	bun.BaseModel `bun:"table:counters"`

	ID   int64 `bun:",pk,autoincrement"`
	Hits int64
}

// Account holds a balance.
type Account struct {
	bun.BaseModel `bun:"table:accounts"`

	ID      int64 `bun:",pk,autoincrement"`
	Balance int64
}

// PlainContact is an address-book entry in a table without a unique constraint.
type PlainContact struct {
	bun.BaseModel `bun:"table:plain_contacts"`

	ID        int64 `bun:",pk,autoincrement"`
	Email     string
	CreatedAt time.Time
}

// Contact is an address-book entry, unique by Email.
type Contact struct {
	bun.BaseModel `bun:"table:contacts"`

	ID        int64 `bun:",pk,autoincrement"`
	Email     string
	CreatedAt time.Time
}
