package xormmyproof

import (
	"context"
	"errors"
	"fmt"
	"time"

	"xorm.io/xorm"
)

// errNoJob ends NextJob's transaction when the queue has no pending job.
var errNoJob = errors.New("no pending job")

// NextJobRacy is racy (RL001): the read's WHERE status = 'pending' is the
// check; concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	var job Job
	has, err := s.engine.Context(ctx).Where("queue = ? AND status = ?", queue, "pending").OrderBy("created_at, id").Get(&job)
	pause()
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if !has {
		return 0, false, nil
	}
	now := time.Now()
	if _, err := s.engine.Context(ctx).ID(job.ID).Cols("status", "started_at").Update(&Job{Status: "running", StartedAt: &now}); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", job.ID, err)
	}
	return job.ID, true, nil
}

// NextJob is atomic: MariaDB has no UPDATE ... RETURNING and xorm's
// ForUpdate cannot add SKIP LOCKED, so the job is picked by a raw
// SELECT ... FOR UPDATE SKIP LOCKED (the session's SQL) and marked running
// in the same Transaction. SKIP LOCKED lets concurrent workers take
// distinct jobs instead of waiting on the first one.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	_, err = s.engine.Transaction(func(sess *xorm.Session) (any, error) {
		var job Job
		has, err := sess.Context(ctx).SQL("SELECT * FROM jobs WHERE queue = ? AND status = 'pending' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", queue).Get(&job)
		pause()
		if err != nil {
			return nil, err
		}
		if !has {
			return nil, errNoJob
		}
		now := time.Now()
		if _, err := sess.ID(job.ID).Cols("status", "started_at").Update(&Job{Status: "running", StartedAt: &now}); err != nil {
			return nil, err
		}
		id = job.ID
		return nil, nil
	})
	if errors.Is(err, errNoJob) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim next job: %w", err)
	}
	return id, true, nil
}
