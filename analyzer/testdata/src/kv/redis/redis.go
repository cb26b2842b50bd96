// Package kvredis holds check-then-act cases for go-redis v9: a key is a
// record, a hash field is a column.
package kvredis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

var (
	errTaken      = errors.New("taken")
	errNotPending = errors.New("not pending")
	errForbidden  = errors.New("forbidden")
	errLimited    = errors.New("rate limited")
)

var casScript = redis.NewScript(`
if redis.call("HGET", KEYS[1], "status") == ARGV[1] then
	return redis.call("HSET", KEYS[1], "status", ARGV[2])
end
return -1`)

type Service struct {
	rdb *redis.Client
	uc  redis.UniversalClient
}

// ---- RL003 lost update ----

// racy: Get(...).Int(), n+1 written back with Set.
func (s *Service) Bump(ctx context.Context, key string) error {
	n, _ := s.rdb.Get(ctx, key).Int()
	return s.rdb.Set(ctx, key, n+1, time.Hour).Err() // want "RL003"
}

// racy: the key is the same fmt.Sprintf in both calls; Int64 and Result.
func (s *Service) BumpVisits(ctx context.Context, userID int64) error {
	n, err := s.rdb.Get(ctx, fmt.Sprintf("user:%d:visits", userID)).Int64()
	if err != nil && err != redis.Nil {
		return err
	}
	_, err = s.rdb.Set(ctx, fmt.Sprintf("user:%d:visits", userID), n+1, 0).Result() // want "RL003"
	return err
}

// racy: rate limit; the count is checked and n+1 written back (RL003 wins over RL001).
func (s *Service) Allow(ctx context.Context, client string, limit int) error {
	key := "rl:" + client
	n, err := s.rdb.Get(ctx, key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return errLimited
	}
	return s.rdb.Set(ctx, key, n+1, time.Minute).Err() // want "RL003"
}

// racy: through the UniversalClient interface.
func (s *Service) BumpUniversal(ctx context.Context, key string) error {
	n, err := s.uc.Get(ctx, key).Int64()
	if err != nil {
		return err
	}
	return s.uc.Set(ctx, key, n*2, 0).Err() // want "RL003"
}

// racy: a hash field counter read with HGet and written back with HSet.
func (s *Service) BumpField(ctx context.Context, key string) error {
	n, err := s.rdb.HGet(ctx, key, "count").Int()
	if err != nil {
		return err
	}
	return s.rdb.HSet(ctx, key, "count", n+1).Err() // want "RL003"
}

// racy: the write is queued in a MULTI/EXEC, but the read ran before it
// outside any WATCH; the transaction does not cover the read.
func (s *Service) BumpPipelined(ctx context.Context, key string) error {
	n, err := s.rdb.Get(ctx, key).Int()
	if err != nil {
		return err
	}
	_, err = s.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Set(ctx, key, n+1, 0) // want "RL003"
		pipe.Expire(ctx, key, time.Hour)
		return nil
	})
	return err
}

// safe: INCR.
func (s *Service) BumpAtomic(ctx context.Context, key string) (int64, error) {
	return s.rdb.Incr(ctx, key).Result()
}

// safe: INCRBY / DECRBY.
func (s *Service) Add(ctx context.Context, key string, by int64) error {
	if by < 0 {
		return s.rdb.DecrBy(ctx, key, -by).Err()
	}
	return s.rdb.IncrBy(ctx, key, by).Err()
}

// safe: HINCRBY.
func (s *Service) BumpFieldAtomic(ctx context.Context, key string) error {
	return s.rdb.HIncrBy(ctx, key, "count", 1).Err()
}

// safe: INCR, then EXPIRE only by the caller that created the key.
func (s *Service) AllowAtomic(ctx context.Context, client string, limit int64) error {
	key := "rl:" + client
	n, err := s.rdb.Incr(ctx, key).Result()
	if err != nil {
		return err
	}
	if n == 1 {
		s.rdb.Expire(ctx, key, time.Minute)
	}
	if n > limit {
		return errLimited
	}
	return nil
}

// near-miss: read one key, write another.
func (s *Service) Rollover(ctx context.Context, userID int64) error {
	n, err := s.rdb.Get(ctx, fmt.Sprintf("user:%d:visits", userID)).Int()
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, fmt.Sprintf("user:%d:visits:total", userID), n+1, 0).Err()
}

// near-miss: the old value is returned, the new one does not depend on it
// and nothing is checked.
func (s *Service) Replace(ctx context.Context, key, value string) (string, error) {
	old, err := s.rdb.Get(ctx, key).Result()
	if err != nil && err != redis.Nil {
		return "", err
	}
	return old, s.rdb.Set(ctx, key, value, 0).Err()
}

// racy: the limit is checked on a GET, then the counter is increased: two
// requests both see room and both take it (INCR is atomic, the check is
// not).
func (s *Service) AllowChecked(ctx context.Context, client string, limit int64) error {
	key := "rl:" + client
	n, err := s.rdb.Get(ctx, key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return errLimited
	}
	return s.rdb.Incr(ctx, key).Err() // want "RL001"
}

// racy: the same with a hash field and HINCRBY.
func (s *Service) ReserveSeat(ctx context.Context, show string, seats int64) error {
	taken, err := s.rdb.HGet(ctx, "show:"+show, "taken").Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if taken >= seats {
		return errLimited
	}
	return s.rdb.HIncrBy(ctx, "show:"+show, "taken", 1).Err() // want "RL001"
}

// racy: a bounded list: LLEN, a check of the bound, then RPUSH. Two
// producers that both see 9 entries both push, and the list holds 11.
func (s *Service) EnqueueBounded(ctx context.Context, item string) error {
	n, err := s.rdb.LLen(ctx, "jobs").Result()
	if err != nil {
		return err
	}
	if n >= 10 {
		return errLimited
	}
	return s.rdb.RPush(ctx, "jobs", item).Err() // want "RL001"
}

// safe: the bound is checked and the item pushed in one Lua script.
func (s *Service) EnqueueBoundedScript(ctx context.Context, item string) error {
	pushed, err := s.rdb.Eval(ctx, `if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
return redis.call('RPUSH', KEYS[1], ARGV[1])`, []string{"jobs"}, item, 10).Int64()
	if err != nil {
		return err
	}
	if pushed == 0 {
		return errLimited
	}
	return nil
}

// near-miss: the length checked is another list's.
func (s *Service) EnqueueAfterDrain(ctx context.Context, item string) error {
	n, err := s.rdb.LLen(ctx, "inbox").Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return errLimited
	}
	return s.rdb.RPush(ctx, "jobs", item).Err()
}
