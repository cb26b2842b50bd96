// Package gormmyproof holds the proof scenarios written against GORM v2 on
// MariaDB (gorm.io/driver/mysql, so driver errors are *mysql.MySQLError). Each scenario is a racy function, whose write carries
// the analysistest want comment racelint must report, next to its atomic
// twin in the form racelint's rule pages recommend.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value. FirstOrCreate reads and inserts in
// one call, so its pause runs from a GORM query callback (see New).
package gormmyproof

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"
)

// ErrContention is returned when a Serializable transaction kept failing.
var ErrContention = errors.New("too many serialization failures")

// errInsufficientFunds ends a withdrawal transaction without a write.
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
	db          *gorm.DB
	noReturning *gorm.DB // see New
}

type pauseKey struct{}

// New returns a Store on db. It registers a query callback that calls the
// pause function carried by a statement's context (withPause) after the
// SELECT ran: the only way to reach between the read and the insert of
// FirstOrCreate.
//
// noReturning is a second handle on the same database, opened with
// mysql.Config{DisableWithReturning: true}: GORM then never adds RETURNING
// to an insert on MariaDB 10.5+.
func New(db, noReturning *gorm.DB) (*Store, error) {
	err := db.Callback().Query().After("gorm:query").Register("proof:pause", func(tx *gorm.DB) {
		if tx.Statement.Context == nil {
			return
		}
		if pause, ok := tx.Statement.Context.Value(pauseKey{}).(func()); ok {
			pause()
		}
	})
	if err != nil {
		return nil, err
	}
	return &Store{db: db, noReturning: noReturning}, nil
}

func withPause(ctx context.Context, pause func()) context.Context {
	return context.WithValue(ctx, pauseKey{}, pause)
}

// Email is a tracked outgoing email.
type Email struct {
	ID         int64
	TrackingID string
	OpenedAt   *time.Time
}

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ID        int64
	OwnerID   *int64
	ClaimedAt *time.Time
}

// Job is a queued background job.
type Job struct {
	ID        int64
	Queue     string
	Status    string
	StartedAt *time.Time
	CreatedAt time.Time
}

// PlainEvent is a webhook event in a table without a unique constraint.
type PlainEvent struct {
	ID        int64
	DedupKey  string
	CreatedAt time.Time
}

// Event is a webhook event, unique by DedupKey.
type Event struct {
	ID        int64
	DedupKey  string
	CreatedAt time.Time
}

// Counter counts hits.
type Counter struct {
	ID   int64
	Hits int64
}

// Account holds a balance.
type Account struct {
	ID      int64
	Balance int64
}

// PlainContact is an address-book entry in a table without a unique constraint.
type PlainContact struct {
	ID        int64
	Email     string
	CreatedAt time.Time
}

// Contact is an address-book entry, unique by Email.
type Contact struct {
	ID        int64
	Email     string
	CreatedAt time.Time
}
