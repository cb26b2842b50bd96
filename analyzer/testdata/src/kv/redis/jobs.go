package kvredis

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// racy: HGET status, compare, HSET status.
func (s *Service) Start(ctx context.Context, id int64) error {
	key := fmt.Sprintf("job:%d", id)
	status, _ := s.rdb.HGet(ctx, key, "status").Result()
	if status == "pending" {
		return s.rdb.HSet(ctx, key, "status", "running").Err() // want "RL001"
	}
	return errNotPending
}

// racy: HGETALL, check a field of the map, HSET it.
func (s *Service) StartAll(ctx context.Context, key string) error {
	job, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return err
	}
	if job["status"] != "pending" {
		return errNotPending
	}
	return s.rdb.HSet(ctx, key, "status", "running").Err() // want "RL001"
}

// racy: string value checked, then overwritten through GETSET.
func (s *Service) Flip(ctx context.Context, key string) error {
	v, err := s.rdb.Get(ctx, key).Result()
	if err != nil {
		return err
	}
	if v != "off" {
		return errNotPending
	}
	return s.rdb.GetSet(ctx, key, "on").Err() // want "RL001"
}

// racy: inside Watch, but the write bypasses the MULTI/EXEC and goes
// through the client: the WATCH does not protect it.
func (s *Service) StartWatchLeaky(ctx context.Context, key string) error {
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		status, err := tx.HGet(ctx, key, "status").Result()
		if err != nil {
			return err
		}
		if status != "pending" {
			return errNotPending
		}
		return s.rdb.HSet(ctx, key, "status", "running").Err() // want "RL001"
	}, key)
}

// safe: WATCH, read on tx, write queued in tx.TxPipelined.
func (s *Service) StartWatch(ctx context.Context, key string) error {
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		status, err := tx.HGet(ctx, key, "status").Result()
		if err != nil {
			return err
		}
		if status != "pending" {
			return errNotPending
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.HSet(ctx, key, "status", "running")
			return nil
		})
		return err
	}, key)
}

// safe: WATCH with a retry loop on redis.TxFailedErr-style failures.
func (s *Service) BumpWatch(ctx context.Context, key string) error {
	var err error
	for i := 0; i < 3; i++ {
		err = s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Get(ctx, key).Int()
			if err != nil && err != redis.Nil {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Set(ctx, key, n+1, 0)
				return nil
			})
			return err
		}, key)
		if err == nil {
			return nil
		}
	}
	return err
}

// safe: the compare-and-set runs in a Lua script.
func (s *Service) StartScript(ctx context.Context, key string) error {
	n, err := casScript.Run(ctx, s.rdb, []string{key}, "pending", "running").Int()
	if err != nil {
		return err
	}
	if n < 0 {
		return errNotPending
	}
	return nil
}

// near-miss: owner is an authorization check; the write sets title.
func (s *Service) Rename(ctx context.Context, key, user, title string) error {
	owner, err := s.rdb.HGet(ctx, key, "owner").Result()
	if err != nil {
		return err
	}
	if owner != user {
		return errForbidden
	}
	return s.rdb.HSet(ctx, key, "title", title).Err()
}

// near-miss: the check compares with the very value the write stores;
// every order ends the same.
func (s *Service) Ensure(ctx context.Context, key, want string) error {
	v, err := s.rdb.Get(ctx, key).Result()
	if err != nil && err != redis.Nil {
		return err
	}
	if v != want {
		return s.rdb.Set(ctx, key, want, 0).Err()
	}
	return nil
}

// near-miss: the read's error is only handled.
func (s *Service) Touch(ctx context.Context, key, value string) error {
	if err := s.rdb.Get(ctx, key).Err(); err != nil {
		return err
	}
	return s.rdb.Set(ctx, key, value, 0).Err()
}

// racy (RL007): WATCH around a read-modify-write, run once. A caller
// whose EXEC fails gets redis.TxFailedErr and its increment is lost.
func (s *Service) IncrementWatchOnce(ctx context.Context, key string) error {
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error { // want `RL007 serializable-without-retry: s.rdb.Watch runs a WATCH transaction that nothing retries — retry on redis.TxFailedErr`
		n, err := tx.Get(ctx, key).Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}

// safe: the same increment, run again on redis.TxFailedErr.
func (s *Service) IncrementWatch(ctx context.Context, key string) error {
	for attempt := 0; attempt < 3; attempt++ {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Get(ctx, key).Int64()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Set(ctx, key, n+1, 0)
				return nil
			})
			return err
		}, key)
		if !errors.Is(err, redis.TxFailedErr) {
			return err
		}
	}
	return errNotPending
}
