package entproof

import (
	"context"
	"fmt"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent"
	"github.com/racelint/racelint/proof/scenarios/entproof/ent/job"
)

// NextJobRacy is racy (RL001): the read's status = 'pending' is the check;
// concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	j, err := s.client.Job.Query().Where(job.Queue(queue), job.Status("pending")).Order(job.ByCreatedAt(), job.ByID()).First(ctx)
	pause()
	if ent.IsNotFound(err) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if err := s.client.Job.UpdateOne(j).SetStatus("running").SetStartedAt(time.Now()).Exec(ctx); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", j.ID, err)
	}
	return int64(j.ID), true, nil
}

// NextJob is atomic: in one transaction, the pending job is read FOR
// UPDATE SKIP LOCKED (ForUpdate(WithLockAction(SkipLocked))), so each
// worker locks a different job, and marked running before the commit.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	j, err := tx.Job.Query().Where(job.Queue(queue), job.Status("pending")).Order(job.ByCreatedAt(), job.ByID()).Limit(1).ForUpdate(entsql.WithLockAction(entsql.SkipLocked)).First(ctx)
	pause()
	if ent.IsNotFound(err) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if err := tx.Job.UpdateOne(j).SetStatus("running").SetStartedAt(time.Now()).Exec(ctx); err != nil {
		return 0, false, fmt.Errorf("start job %d: %w", j.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("commit: %w", err)
	}
	return int64(j.ID), true, nil
}
