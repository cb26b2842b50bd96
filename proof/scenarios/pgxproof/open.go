package pgxproof

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RecordOpenRacy is racy (RL001): OpenedAt is checked in Go, then written by id.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	rows, err := s.pool.Query(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = $1`, trackingID)
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	e, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Email])
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return false, nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), e.ID); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: a conditional UPDATE whose CommandTag decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	tag, err := s.pool.Exec(ctx, `UPDATE emails SET opened_at = $1 WHERE tracking_id = $2 AND opened_at IS NULL`, time.Now(), trackingID)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return tag.RowsAffected() == 1, nil
}
