package sqlmyproof

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// RecordOpenRacy is racy (RL001): opened_at is checked in Go, then written by id.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	var id int64
	var openedAt sql.NullTime
	err = s.db.QueryRowContext(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = ?`, trackingID).Scan(&id, &openedAt)
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if openedAt.Valid {
		return false, nil
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = ? WHERE id = ?`, time.Now(), id); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: a conditional UPDATE whose affected-row count decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	res, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = ? WHERE tracking_id = ? AND opened_at IS NULL`, time.Now(), trackingID)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}
