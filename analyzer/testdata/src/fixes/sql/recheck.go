package fixsql

import (
	"context"
	"database/sql"
	"time"
)

type Email struct {
	ID       int64
	OpenedAt sql.NullTime
}

// RL001: NullTime.Valid, early return: AND opened_at IS NULL.
func (s *Service) RecordOpen(ctx context.Context, tracking string) error {
	var e Email
	if err := s.db.QueryRowContext(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = $1`, tracking).Scan(&e.ID, &e.OpenedAt); err != nil {
		return err
	}
	if e.OpenedAt.Valid {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), e.ID) // want "RL001"
	return err
}

// RL001 on a pointer, write inside the if: AND bounced_at IS NULL.
func (s *Service) Bounce(ctx context.Context, id int64) error {
	var bouncedAt *time.Time
	if err := s.db.QueryRowContext(ctx, `SELECT bounced_at FROM emails WHERE id = $1`, id).Scan(&bouncedAt); err != nil {
		return err
	}
	if bouncedAt == nil {
		_, err := s.db.ExecContext(ctx, `UPDATE emails SET bounced_at = now() WHERE id = $1`, id) // want "RL001"
		return err
	}
	return nil
}

// RL001 on a status: no fix (not a nullable column).
func (s *Service) Publish(ctx context.Context, id int64) error {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM posts WHERE id = $1`, id).Scan(&status); err != nil {
		return err
	}
	if status == "draft" {
		_, err := s.db.ExecContext(ctx, `UPDATE posts SET status = 'published' WHERE id = $1`, id) // want "RL001"
		return err
	}
	return nil
}
