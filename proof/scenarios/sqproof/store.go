// Package sqproof holds the proof scenarios written with the
// Masterminds/squirrel SQL builder, run through database/sql (RunWith on a
// *sql.DB or *sql.Tx; driver: pgx's stdlib, so driver errors are
// *pgconn.PgError). Each scenario is a racy function, whose write carries
// the analysistest want comment racelint must report, next to its atomic
// twin in the form racelint's rule pages recommend.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package sqproof

import (
	"database/sql"
	"errors"
	"math/rand/v2"
	"time"

	sq "github.com/Masterminds/squirrel"
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

// psql numbers placeholders $1, $2, ...: PostgreSQL does not accept
// squirrel's default "?".
var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

// Store is the data layer under test.
type Store struct {
	db *sql.DB
}

// New returns a Store on db.
func New(db *sql.DB) *Store { return &Store{db: db} }
