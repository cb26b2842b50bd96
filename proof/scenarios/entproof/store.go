// Package entproof holds the proof scenarios written against ent (a client
// generated from ./ent/schema with the sql/lock and sql/upsert features,
// over database/sql and pgx's stdlib driver, so driver errors are
// *pgconn.PgError). Each scenario is a racy function, whose write carries
// the analysistest want comment racelint must report, next to its atomic
// twin in the form racelint's rule pages recommend.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before the write). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package entproof

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent"
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
	client *ent.Client
}

// New returns a Store on client.
func New(client *ent.Client) *Store { return &Store{client: client} }
