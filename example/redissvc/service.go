// Package redissvc is a small service layer written against go-redis v9
// (*redis.Client for plain commands, WATCH/MULTI and Lua scripts for atomic
// ones).
//
// It holds racelint's key-value scenarios: each check-then-act race next to
// its atomic twin, plus near-misses that must stay silent. A Redis key is a
// record, a hash field is a column. Every call racelint must report carries
// an analysistest "want" comment naming the rule; every function's comment
// says racy, safe or near-miss and why.
package redissvc

import (
	"errors"

	"github.com/redis/go-redis/v9"
)

// Errors returned by the service.
var (
	ErrTaken      = errors.New("already taken")
	ErrNotPending = errors.New("job is not pending")
	ErrForbidden  = errors.New("forbidden")
	ErrNotOwner   = errors.New("lock held by someone else")
)

// Service keeps counters, locks and job states in Redis.
type Service struct {
	rdb *redis.Client
}

// New returns a Service on rdb.
func New(rdb *redis.Client) *Service { return &Service{rdb: rdb} }
