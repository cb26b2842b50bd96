// Package shape has exactly one RL001 finding whose diagnostic fields
// TestDiagnosticShape inspects; keep the line numbers in sync.
package shape

import (
	"context"
	"database/sql"
	"time"
)

type Email struct {
	ID       int64
	OpenedAt sql.NullTime
}

type Service struct{ db *sql.DB }

func (s *Service) RecordOpen(ctx context.Context, tracking string) error {
	var e Email
	err := s.db.QueryRowContext(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = $1`, tracking).Scan(&e.ID, &e.OpenedAt)
	if err != nil {
		return err
	}
	if e.OpenedAt.Valid {
		return nil
	}
	_, err = s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), e.ID) // want "RL001"
	return err
}
