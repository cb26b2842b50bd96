package redissvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// racy: the visit count is read, incremented in Go and written back; the key
// is built by the same fmt.Sprintf in both calls. Concurrent visits are lost.
func (s *Service) CountVisitRacy(ctx context.Context, userID int64) (int, error) {
	n, err := s.rdb.Get(ctx, fmt.Sprintf("user:%d:visits", userID)).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, fmt.Errorf("load visits %d: %w", userID, err)
	}
	if err := s.rdb.Set(ctx, fmt.Sprintf("user:%d:visits", userID), n+1, 0).Err(); err != nil { // want "RL003"
		return 0, fmt.Errorf("store visits %d: %w", userID, err)
	}
	return n + 1, nil
}

// safe: INCR is atomic on the server.
func (s *Service) CountVisit(ctx context.Context, userID int64) (int64, error) {
	n, err := s.rdb.Incr(ctx, fmt.Sprintf("user:%d:visits", userID)).Result()
	if err != nil {
		return 0, fmt.Errorf("count visit %d: %w", userID, err)
	}
	return n, nil
}

// near-miss: the count is read from one key and copied to another (a daily
// snapshot); the write is not on the record that was read.
func (s *Service) SnapshotVisits(ctx context.Context, userID int64, day time.Time) error {
	n, err := s.rdb.Get(ctx, fmt.Sprintf("user:%d:visits", userID)).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("load visits %d: %w", userID, err)
	}
	key := fmt.Sprintf("user:%d:visits:%s", userID, day.Format("2006-01-02"))
	if err := s.rdb.Set(ctx, key, n+1, 30*24*time.Hour).Err(); err != nil {
		return fmt.Errorf("snapshot visits %d: %w", userID, err)
	}
	return nil
}

// racy: fixed-window rate limit; the count is checked against the limit and
// n+1 is written back, so concurrent requests all pass with the same n.
func (s *Service) AllowRacy(ctx context.Context, clientID string, limit int, window time.Duration) (bool, error) {
	key := "ratelimit:" + clientID
	n, err := s.rdb.Get(ctx, key).Int()
	if err != nil && err != redis.Nil {
		return false, fmt.Errorf("load rate %s: %w", clientID, err)
	}
	if n >= limit {
		return false, nil
	}
	if err := s.rdb.Set(ctx, key, n+1, window).Err(); err != nil { // want "RL003"
		return false, fmt.Errorf("store rate %s: %w", clientID, err)
	}
	return true, nil
}

// safe: INCR returns the new count atomically; only the request that created
// the key (count 1) sets its expiry, and the limit is checked after the
// increment.
func (s *Service) Allow(ctx context.Context, clientID string, limit int64, window time.Duration) (bool, error) {
	key := "ratelimit:" + clientID
	n, err := s.rdb.Incr(ctx, key).Result()
	if err != nil {
		return false, fmt.Errorf("count rate %s: %w", clientID, err)
	}
	if n == 1 {
		if err := s.rdb.Expire(ctx, key, window).Err(); err != nil {
			return false, fmt.Errorf("expire rate %s: %w", clientID, err)
		}
	}
	return n <= limit, nil
}

// safe: INCRBY and EXPIRE queued in one MULTI/EXEC.
func (s *Service) AllowN(ctx context.Context, clientID string, cost, limit int64, window time.Duration) (bool, error) {
	key := "ratelimit:" + clientID
	var incr *redis.IntCmd
	_, err := s.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.IncrBy(ctx, key, cost)
		pipe.Expire(ctx, key, window)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("count rate %s: %w", clientID, err)
	}
	return incr.Val() <= limit, nil
}
