package regressions

import (
	"context"
	"database/sql"
	"errors"
)

// Regression: sqlx GetContext with UPDATE ... WHERE ... AND status =
// 'pending' RETURNING, whose error is tested with errors.Is(err,
// sql.ErrNoRows), is reported as RL004. The RETURNING row is the affected-row
// count here (protection "a RETURNING row whose scan error is checked").
// Expected: no finding.
// safe: RETURNING row of a conditional update, no-row error checked.
func (s *SQLXService) StartReturning(ctx context.Context, jobID int64) (Job, error) {
	var job Job
	err := s.db.GetContext(ctx, &job, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending' RETURNING id, status`, jobID)
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, errTaken
	}
	return job, err
}
