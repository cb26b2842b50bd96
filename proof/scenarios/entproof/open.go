package entproof

import (
	"context"
	"fmt"
	"time"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent/email"
)

// RecordOpenRacy is racy (RL001): OpenedAt is checked in Go, then written
// by id.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	e, err := s.client.Email.Query().Where(email.TrackingID(trackingID)).Only(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return false, nil
	}
	if err := s.client.Email.UpdateOneID(e.ID).SetOpenedAt(time.Now()).Exec(ctx); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: Update().Where(... OpenedAtIsNil()) re-checks
// opened_at IS NULL, and the count Save returns decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	n, err := s.client.Email.Update().Where(email.TrackingID(trackingID), email.OpenedAtIsNil()).SetOpenedAt(time.Now()).Save(ctx)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}
