package redissvc

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// startScript moves a job hash from pending to running in one step.
var startScript = redis.NewScript(`
if redis.call("HGET", KEYS[1], "status") ~= "pending" then
	return 0
end
redis.call("HSET", KEYS[1], "status", "running")
return 1`)

func jobKey(jobID int64) string { return "job:" + strconv.FormatInt(jobID, 10) }

// racy: the status field is checked in Go and then overwritten; two workers
// both see "pending" and both run the job.
func (s *Service) StartJobRacy(ctx context.Context, jobID int64) error {
	key := fmt.Sprintf("job:%d", jobID)
	status, err := s.rdb.HGet(ctx, key, "status").Result()
	if err != nil {
		return fmt.Errorf("load job %d: %w", jobID, err)
	}
	if status == "pending" {
		if err := s.rdb.HSet(ctx, key, "status", "running").Err(); err != nil { // want "RL001"
			return fmt.Errorf("start job %d: %w", jobID, err)
		}
		return nil
	}
	return ErrNotPending
}

// safe: the check and the write run in one Lua script.
func (s *Service) StartJob(ctx context.Context, jobID int64) error {
	started, err := startScript.Run(ctx, s.rdb, []string{jobKey(jobID)}).Int()
	if err != nil {
		return fmt.Errorf("start job %d: %w", jobID, err)
	}
	if started == 0 {
		return ErrNotPending
	}
	return nil
}

// safe: optimistic locking; the read runs on the WATCH connection and the
// write in its MULTI/EXEC, which fails with redis.TxFailedErr when the key
// changed in between.
func (s *Service) StartJobWatch(ctx context.Context, jobID int64) error {
	key := fmt.Sprintf("job:%d", jobID)
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		status, err := tx.HGet(ctx, key, "status").Result()
		if err != nil {
			return err
		}
		if status != "pending" {
			return ErrNotPending
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.HSet(ctx, key, "status", "running")
			return nil
		})
		return err
	}, key)
	if err != nil {
		return fmt.Errorf("start job %d: %w", jobID, err)
	}
	return nil
}

// near-miss: the owner field is an authorization check and the write sets
// title; no checked field is written.
func (s *Service) RenameJob(ctx context.Context, jobID int64, userID, title string) error {
	key := jobKey(jobID)
	owner, err := s.rdb.HGet(ctx, key, "owner").Result()
	if err != nil {
		return fmt.Errorf("load job %d: %w", jobID, err)
	}
	if owner != userID {
		return ErrForbidden
	}
	if err := s.rdb.HSet(ctx, key, "title", title).Err(); err != nil {
		return fmt.Errorf("rename job %d: %w", jobID, err)
	}
	return nil
}
