package generated

import "context"

// racy, hand-written in the same package: reported.
func (q *Queries) StartJob(ctx context.Context, id int64) error {
	var status string
	if err := q.db.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return nil
	}
	_, err := q.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id) // want "RL001"
	return err
}
