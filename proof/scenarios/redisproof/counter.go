package redisproof

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// IncrementRacy is racy (RL003): GET reads n, SET writes n+1 computed in
// Go; the callers that read the same n all write the same n+1.
func (s *Store) IncrementRacy(ctx context.Context, key string, pause func()) error {
	n, err := s.rdb.Get(ctx, key).Int64()
	pause()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("load counter %s: %w", key, err)
	}
	if err := s.rdb.Set(ctx, key, n+1, 0).Err(); err != nil { // want "RL003"
		return fmt.Errorf("increment %s: %w", key, err)
	}
	return nil
}

// Increment is atomic: INCR.
func (s *Store) Increment(ctx context.Context, key string, pause func()) error {
	pause()
	if err := s.rdb.Incr(ctx, key).Err(); err != nil {
		return fmt.Errorf("increment %s: %w", key, err)
	}
	return nil
}

// IncrementBy is atomic: INCRBY, the form for a step other than one.
func (s *Store) IncrementBy(ctx context.Context, key string, pause func()) error {
	const step = 1
	pause()
	if err := s.rdb.IncrBy(ctx, key, step).Err(); err != nil {
		return fmt.Errorf("increment %s: %w", key, err)
	}
	return nil
}

// IncrementWatch is atomic: the GET-then-SET of IncrementRacy, with the
// GET on the *redis.Tx of a WATCH and the SET queued in tx.TxPipelined;
// an EXEC that fails with redis.TxFailedErr (the counter changed after
// the WATCH) is retried with a fresh read.
func (s *Store) IncrementWatch(ctx context.Context, key string, pause func()) error {
	for attempt := 0; attempt < maxWatchAttempts; attempt++ {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Get(ctx, key).Int64()
			pause()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Set(ctx, key, n+1, 0)
				return nil
			})
			return err
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			backoff(attempt)
			continue
		}
		if err != nil {
			return fmt.Errorf("increment %s: %w", key, err)
		}
		return nil
	}
	return ErrContention
}

// IncrementWatchOnce is IncrementWatch without the retry (RL007): its
// data stays right, but a caller whose EXEC fails gets redis.TxFailedErr
// and its increment is lost. go-redis's Watch does not run the callback
// again by itself.
func (s *Store) IncrementWatchOnce(ctx context.Context, key string, pause func()) error {
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error { // want "RL007"
		n, err := tx.Get(ctx, key).Int64()
		pause()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
	if err != nil {
		return fmt.Errorf("increment %s: %w", key, err)
	}
	return nil
}

// IncrementFieldRacy is racy (RL003): a hash field counter read with HGET
// and written back with HSET.
func (s *Store) IncrementFieldRacy(ctx context.Context, key string, pause func()) error {
	n, err := s.rdb.HGet(ctx, key, "count").Int64()
	pause()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("load counter %s: %w", key, err)
	}
	if err := s.rdb.HSet(ctx, key, "count", n+1).Err(); err != nil { // want "RL003"
		return fmt.Errorf("increment %s: %w", key, err)
	}
	return nil
}

// IncrementField is atomic: HINCRBY.
func (s *Store) IncrementField(ctx context.Context, key string, pause func()) error {
	pause()
	if err := s.rdb.HIncrBy(ctx, key, "count", 1).Err(); err != nil {
		return fmt.Errorf("increment %s: %w", key, err)
	}
	return nil
}
