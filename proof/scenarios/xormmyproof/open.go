package xormmyproof

import (
	"context"
	"fmt"
	"time"
)

// RecordOpenRacy is racy (RL001): OpenedAt is checked in Go, then written
// by id.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	var e Email
	has, err := s.engine.Context(ctx).Where("tracking_id = ?", trackingID).Get(&e)
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if !has {
		return false, fmt.Errorf("email %s not found", trackingID)
	}
	if e.OpenedAt != nil {
		return false, nil
	}
	now := time.Now()
	if _, err := s.engine.Context(ctx).ID(e.ID).Cols("opened_at").Update(&Email{OpenedAt: &now}); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: the UPDATE re-checks opened_at IS NULL and its
// affected-row count decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	now := time.Now()
	n, err := s.engine.Context(ctx).Where("tracking_id = ? AND opened_at IS NULL", trackingID).Cols("opened_at").Update(&Email{OpenedAt: &now})
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}
