package redisproof

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// StartJobRacy is racy (RL001): HGET reads status "pending", then HSET
// writes "running"; every caller that read before the first HSET runs the
// job.
func (s *Store) StartJobRacy(ctx context.Context, jobID int64, pause func()) (bool, error) {
	key := fmt.Sprintf("job:%d", jobID)
	status, err := s.rdb.HGet(ctx, key, "status").Result()
	pause()
	if err != nil {
		return false, fmt.Errorf("load job %d: %w", jobID, err)
	}
	if status != "pending" {
		return false, nil
	}
	if err := s.rdb.HSet(ctx, key, "status", "running").Err(); err != nil { // want "RL001"
		return false, fmt.Errorf("start job %d: %w", jobID, err)
	}
	return true, nil
}

// StartJobWatchLeaky is racy (RL001) although it uses WATCH: the read is
// on the *redis.Tx, but the write goes through the client instead of
// tx.TxPipelined, so no EXEC is there to fail when the key changed.
func (s *Store) StartJobWatchLeaky(ctx context.Context, jobID int64, pause func()) (bool, error) {
	key := fmt.Sprintf("job:%d", jobID)
	started := false
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		status, err := tx.HGet(ctx, key, "status").Result()
		pause()
		if err != nil {
			return err
		}
		if status != "pending" {
			return nil
		}
		if err := s.rdb.HSet(ctx, key, "status", "running").Err(); err != nil { // want "RL001"
			return err
		}
		started = true
		return nil
	}, key)
	if err != nil {
		return false, fmt.Errorf("start job %d: %w", jobID, err)
	}
	return started, nil
}

// StartJobWatch is atomic: WATCH the key, read the status on the
// *redis.Tx, queue the write in tx.TxPipelined. If another caller changed
// the key after the WATCH, EXEC fails with redis.TxFailedErr and the
// callback runs again, now reading "running".
func (s *Store) StartJobWatch(ctx context.Context, jobID int64, pause func()) (bool, error) {
	key := fmt.Sprintf("job:%d", jobID)
	for attempt := 0; attempt < maxWatchAttempts; attempt++ {
		started := false
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			status, err := tx.HGet(ctx, key, "status").Result()
			pause()
			if err != nil {
				return err
			}
			if status != "pending" {
				return nil
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.HSet(ctx, key, "status", "running")
				return nil
			})
			started = err == nil
			return err
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			backoff(attempt)
			continue
		}
		if err != nil {
			return false, fmt.Errorf("start job %d: %w", jobID, err)
		}
		return started, nil
	}
	return false, ErrContention
}

// startScript moves the status from pending to running inside Redis,
// which runs the script without interleaving: 1 if it did, 0 if the job
// was not pending.
var startScript = redis.NewScript(`
if redis.call("HGET", KEYS[1], "status") == "pending" then
	redis.call("HSET", KEYS[1], "status", "running")
	return 1
end
return 0`)

// StartJobScript is atomic: the check and the write run in one Lua script.
func (s *Store) StartJobScript(ctx context.Context, jobID int64, pause func()) (bool, error) {
	pause()
	n, err := startScript.Run(ctx, s.rdb, []string{fmt.Sprintf("job:%d", jobID)}).Int()
	if err != nil {
		return false, fmt.Errorf("start job %d: %w", jobID, err)
	}
	return n == 1, nil
}
