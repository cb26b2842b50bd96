package bunproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// NextJobRacy is racy (RL001): the read's WHERE status = 'pending' is the
// check; concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	var job Job
	err = s.db.NewSelect().Model(&job).Where("queue = ? AND status = ?", queue, "pending").OrderExpr("created_at, id").Limit(1).Scan(ctx)
	pause()
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if _, err := s.db.NewUpdate().Model(&job).Set("status = ?", "running").Set("started_at = ?", time.Now()).WherePK().Exec(ctx); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", job.ID, err)
	}
	return job.ID, true, nil
}

// NextJob is atomic: one UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP
// LOCKED) RETURNING id. Exec with a destination reports sql.ErrNoRows when
// no pending job was left.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	pause()
	pending := s.db.NewSelect().Model((*Job)(nil)).Column("id").Where("queue = ? AND status = ?", queue, "pending").OrderExpr("created_at, id").Limit(1).For("UPDATE SKIP LOCKED")
	_, err = s.db.NewUpdate().Model((*Job)(nil)).Set("status = ?", "running").Set("started_at = ?", time.Now()).Where("id = (?)", pending).Returning("id").Exec(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim next job: %w", err)
	}
	return id, true, nil
}
