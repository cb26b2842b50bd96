package regressions

import "context"

// Regression: a conditional UPDATE whose WHERE re-checks the checked
// column inside a parenthesised OR, and whose RowsAffected decides, is
// reported as RL001. Expected: no finding (protection "the write's WHERE
// re-checks the state and its affected-row count is read").
func (s *SQLService) RetryJob(ctx context.Context, jobID int64) (bool, error) {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1`, jobID).Scan(&status); err != nil {
		return false, err
	}
	if status != "failed" && status != "cancelled" {
		return false, nil
	}
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'pending' WHERE id = $1 AND (status = 'failed' OR status = 'cancelled')`, jobID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Control: the same with IN instead of OR.
func (s *SQLService) RetryJobIn(ctx context.Context, jobID int64) (bool, error) {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1`, jobID).Scan(&status); err != nil {
		return false, err
	}
	if status != "failed" && status != "cancelled" {
		return false, nil
	}
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'pending' WHERE id = $1 AND status IN ('failed', 'cancelled')`, jobID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
