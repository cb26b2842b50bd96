package popproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gobuffalo/pop/v6"
)

// NextJobRacy is racy (RL001): the read's status = 'pending' is the check;
// concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	var job Job
	err = s.db.WithContext(ctx).Where("queue = ? AND status = ?", queue, "pending").Order("created_at, id").First(&job)
	pause()
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	now := time.Now()
	job.Status, job.StartedAt = "running", &now
	if err := s.db.WithContext(ctx).UpdateColumns(&job, "status", "started_at"); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", job.ID, err)
	}
	return job.ID, true, nil
}

// errQueueEmpty ends NextJob's transaction when no pending job is left.
var errQueueEmpty = errors.New("queue empty")

// NextJob is atomic: in one Transaction, the pending job is read FOR
// UPDATE SKIP LOCKED, so each worker locks a different job, and marked
// running before the commit.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *pop.Connection) error {
		var job Job
		err := tx.RawQuery(`SELECT * FROM jobs WHERE queue = ? AND status = 'pending' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`, queue).First(&job)
		pause()
		if errors.Is(err, sql.ErrNoRows) {
			return errQueueEmpty
		}
		if err != nil {
			return fmt.Errorf("pick job: %w", err)
		}
		now := time.Now()
		job.Status, job.StartedAt = "running", &now
		if err := tx.UpdateColumns(&job, "status", "started_at"); err != nil {
			return fmt.Errorf("start job %d: %w", job.ID, err)
		}
		id = job.ID
		return nil
	})
	if errors.Is(err, errQueueEmpty) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return id, true, nil
}
