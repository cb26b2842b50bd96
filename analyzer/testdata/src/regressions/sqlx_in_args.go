package regressions

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Regression: the read goes through sqlx.In + Rebind and its arguments
// are the args... slice sqlx.In returned; the key (id) is not traced through
// that slice, so the read and the write are not matched as the same record.
// Expected: RL001 on the ExecContext line.
// racy: sqlx.In expands the IN list; the status of one row is checked and written.
func (s *SQLXService) Cancel(ctx context.Context, id int64, states []string) error {
	q, args, err := sqlx.In(`SELECT status FROM jobs WHERE id = ? AND status IN (?)`, id, states)
	if err != nil {
		return err
	}
	var status string
	if err := s.db.GetContext(ctx, &status, s.db.Rebind(q), args...); err != nil {
		return err
	}
	if status == "cancelled" {
		return nil
	}
	_, err = s.db.ExecContext(ctx, s.db.Rebind(`UPDATE jobs SET status = 'cancelled' WHERE id = ?`), id) // want "RL001"
	return err
}
