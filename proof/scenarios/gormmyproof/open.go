package gormmyproof

import (
	"context"
	"fmt"
	"time"
)

// RecordOpenRacy is racy (RL001): OpenedAt is checked in Go, then written on the loaded row.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	var e Email
	err = s.db.WithContext(ctx).Where("tracking_id = ?", trackingID).First(&e).Error
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return false, nil
	}
	if err := s.db.WithContext(ctx).Model(&e).Update("opened_at", time.Now()).Error; err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: a conditional Update whose RowsAffected decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	res := s.db.WithContext(ctx).Model(&Email{}).Where("tracking_id = ? AND opened_at IS NULL", trackingID).Update("opened_at", time.Now())
	if res.Error != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, res.Error)
	}
	return res.RowsAffected == 1, nil
}
