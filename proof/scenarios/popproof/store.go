// Package popproof holds the proof scenarios written against
// gobuffalo/pop v6 (its postgres dialect, on pgx's stdlib driver, so
// driver errors are *pgconn.PgError). Each scenario is a racy function,
// whose write carries the analysistest want comment racelint must report,
// next to its atomic twin in the form racelint's rule pages recommend.
// pop rewrites the `?` placeholders of Where and RawQuery to `$N` for
// PostgreSQL.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package popproof

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/gobuffalo/pop/v6"
)

// ErrContention is returned when a Serializable transaction kept failing.
var ErrContention = errors.New("too many serialization failures")

// errInsufficientFunds ends a withdrawal transaction (Transaction rolls
// back on any error) without a write.
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
	db *pop.Connection
}

// New returns a Store on db.
func New(db *pop.Connection) *Store { return &Store{db: db} }

// Email is a tracked outgoing email; OpenedAt is nil until the first open.
type Email struct {
	ID         int64      `db:"id"`
	TrackingID string     `db:"tracking_id"`
	OpenedAt   *time.Time `db:"opened_at"`
}

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ID        int64      `db:"id"`
	OwnerID   *int64     `db:"owner_id"`
	ClaimedAt *time.Time `db:"claimed_at"`
}

// Job is a queued background job.
type Job struct {
	ID        int64      `db:"id"`
	Queue     string     `db:"queue"`
	Status    string     `db:"status"`
	StartedAt *time.Time `db:"started_at"`
	CreatedAt time.Time  `db:"created_at"`
}

// PlainEvent is a webhook event in a table without a unique constraint.
type PlainEvent struct {
	ID       int64  `db:"id"`
	DedupKey string `db:"dedup_key"`
}

// Counter counts hits.
type Counter struct {
	ID   int64 `db:"id"`
	Hits int64 `db:"hits"`
}

// Account holds a balance.
type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

// PlainContact is an address-book entry in a table without a unique
// constraint.
type PlainContact struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

// Contact is an address-book entry, unique by email.
type Contact struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}
