package bunsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: OpenedAt is checked in Go, then written on the loaded row; two
// concurrent opens both see nil.
func (s *Service) RecordOpenRacy(ctx context.Context, trackingID string) error {
	var e Email
	if err := s.db.NewSelect().Model(&e).Where("tracking_id = ?", trackingID).Scan(ctx); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if _, err := s.db.NewUpdate().Model(&e).Set("opened_at = ?", time.Now()).WherePK().Exec(ctx); err != nil { // want "RL001"
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// safe: the UPDATE re-checks opened_at IS NULL and RowsAffected says who won.
func (s *Service) RecordOpen(ctx context.Context, id int64) (first bool, err error) {
	res, err := s.db.NewUpdate().Model((*Email)(nil)).Set("opened_at = ?", time.Now()).Where("id = ? AND opened_at IS NULL", id).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("record open %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record open %d: %w", id, err)
	}
	return n == 1, nil
}

// near-miss: the read's error is only handled; nothing it observed is checked
// before the write.
func (s *Service) RecordClick(ctx context.Context, trackingID string) error {
	var e Email
	if err := s.db.NewSelect().Model(&e).Column("id").Where("tracking_id = ?", trackingID).Scan(ctx); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if _, err := s.db.NewUpdate().Model(&e).Set("clicked_at = ?", time.Now()).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("record click %s: %w", trackingID, err)
	}
	return nil
}
