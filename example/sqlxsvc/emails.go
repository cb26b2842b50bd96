package sqlxsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: opened_at is checked in Go, then written by id; two concurrent opens both see NULL.
func (s *Service) RecordOpenRacy(ctx context.Context, trackingID string) error {
	var e Email
	if err := s.db.GetContext(ctx, &e, `SELECT id, tracking_id, opened_at FROM emails WHERE tracking_id = $1`, trackingID); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), e.ID); err != nil { // want "RL001"
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// safe: conditional UPDATE (AND opened_at IS NULL) whose RowsAffected is compared and returned.
func (s *Service) RecordOpen(ctx context.Context, trackingID string) (first bool, err error) {
	res, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE tracking_id = $2 AND opened_at IS NULL`, time.Now(), trackingID)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}

// near-miss: the read's error is only handled (if err != nil); nothing it observed is checked before the write.
func (s *Service) RecordClick(ctx context.Context, trackingID string) error {
	var e Email
	if err := s.db.GetContext(ctx, &e, `SELECT id, tracking_id, opened_at FROM emails WHERE tracking_id = $1`, trackingID); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE emails SET clicked_at = $1 WHERE id = $2`, time.Now(), e.ID); err != nil {
		return fmt.Errorf("record click %s: %w", trackingID, err)
	}
	return nil
}
