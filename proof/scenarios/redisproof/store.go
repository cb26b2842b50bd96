// Package redisproof holds the proof scenarios written against go-redis v9
// (github.com/redis/go-redis/v9) on a real Redis server. A key is a
// record and a hash field is a column, as racelint models them. Each
// scenario is a racy function, whose write carries the analysistest want
// comment racelint must report, next to its atomic twins in the forms
// racelint's rule pages recommend for Redis: SET NX / HSETNX, INCR /
// INCRBY / HINCRBY, a Lua script, or WATCH with the write queued in
// TxPipelined and the callback retried on redis.TxFailedErr.
//
// Every function takes pause, called between the read and the write (for
// the atomic twins: just before their single command; for the WATCH twins
// between the read on the *redis.Tx and the queued write, so the forced
// interleaving makes every EXEC but one fail). The proof harness passes a
// barrier there to force the interleaving that exposes the race; racelint
// ignores calls through a func value.
package redisproof

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrContention is returned when a WATCH transaction kept failing.
var ErrContention = errors.New("too many WATCH conflicts")

// maxWatchAttempts bounds the retries of a WATCH transaction: each failed
// EXEC means another caller's write got in, so with n contenders n
// attempts always suffice; the bound only stops a livelock.
const maxWatchAttempts = 100

// backoff sleeps a random time, growing with attempt up to 32ms, before a
// WATCH transaction is retried, so the losers do not collide again in
// lockstep.
func backoff(attempt int) {
	time.Sleep(time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 5))))
}

// Store is the data layer under test.
type Store struct {
	rdb *redis.Client
}

// New returns a Store on rdb.
func New(rdb *redis.Client) *Store { return &Store{rdb: rdb} }
