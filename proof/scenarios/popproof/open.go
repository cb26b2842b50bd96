package popproof

import (
	"context"
	"fmt"
	"time"
)

// RecordOpenRacy is racy (RL001): OpenedAt is checked in Go, then the
// column written on the loaded model (by its id).
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	var e Email
	err = s.db.WithContext(ctx).Where("tracking_id = ?", trackingID).First(&e)
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return false, nil
	}
	now := time.Now()
	e.OpenedAt = &now
	if err := s.db.WithContext(ctx).UpdateColumns(&e, "opened_at"); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: a conditional UPDATE whose affected-row count
// (ExecWithCount) decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	n, err := s.db.WithContext(ctx).RawQuery(`UPDATE emails SET opened_at = ? WHERE tracking_id = ? AND opened_at IS NULL`, time.Now(), trackingID).ExecWithCount()
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}
