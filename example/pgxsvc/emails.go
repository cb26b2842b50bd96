package pgxsvc

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// racy: opened_at is checked in Go, then written by id; two concurrent opens both see NULL.
func (s *Service) RecordOpenRacy(ctx context.Context, trackingID string) error {
	rows, err := s.pool.Query(ctx, `SELECT id, tracking_id, opened_at FROM emails WHERE tracking_id = $1`, trackingID)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	e, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Email])
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), e.ID); err != nil { // want "RL001"
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// safe: conditional UPDATE (AND opened_at IS NULL) whose CommandTag.RowsAffected is compared and returned.
func (s *Service) RecordOpen(ctx context.Context, trackingID string) (first bool, err error) {
	tag, err := s.pool.Exec(ctx, `UPDATE emails SET opened_at = $1 WHERE tracking_id = $2 AND opened_at IS NULL`, time.Now(), trackingID)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// near-miss: the read's error is only handled (if err != nil); nothing it observed is checked before the write.
func (s *Service) RecordClick(ctx context.Context, trackingID string) error {
	var id int64
	if err := s.pool.QueryRow(ctx, `SELECT id FROM emails WHERE tracking_id = $1`, trackingID).Scan(&id); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE emails SET clicked_at = $1 WHERE id = $2`, time.Now(), id); err != nil {
		return fmt.Errorf("record click %s: %w", trackingID, err)
	}
	return nil
}
