package bunproof

import (
	"context"
	"fmt"
	"time"
)

// RecordOpenRacy is racy (RL001): OpenedAt is checked in Go, then written
// on the loaded row by primary key.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	var e Email
	err = s.db.NewSelect().Model(&e).Where("tracking_id = ?", trackingID).Scan(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return false, nil
	}
	if _, err := s.db.NewUpdate().Model(&e).Set("opened_at = ?", time.Now()).WherePK().Exec(ctx); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: the UPDATE re-checks opened_at IS NULL and its
// RowsAffected decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	res, err := s.db.NewUpdate().Model((*Email)(nil)).Set("opened_at = ?", time.Now()).Where("tracking_id = ? AND opened_at IS NULL", trackingID).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}
