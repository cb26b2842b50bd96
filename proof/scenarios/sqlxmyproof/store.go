// Package sqlxmyproof holds the proof scenarios written against sqlx on
// MariaDB (go-sql-driver/mysql). Each scenario is a racy function, whose
// write carries the analysistest want comment racelint must report, next to its atomic twin
// in the form racelint's rule pages recommend.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package sqlxmyproof

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrContention is returned when a Serializable transaction kept failing.
var ErrContention = errors.New("too many serialization failures")

// maxTxAttempts bounds the retries of a Serializable transaction.
const maxTxAttempts = 100

// backoff sleeps a random time, growing with attempt up to 32ms, before a
// Serializable transaction is retried.
func backoff(attempt int) {
	time.Sleep(time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 5))))
}

// Store is the data layer under test.
type Store struct {
	db *sqlx.DB
}

// New returns a Store on db.
func New(db *sqlx.DB) *Store { return &Store{db: db} }

// Email is a tracked outgoing email.
type Email struct {
	ID       int64      `db:"id"`
	OpenedAt *time.Time `db:"opened_at"`
}

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ID      int64  `db:"id"`
	OwnerID *int64 `db:"owner_id"`
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
