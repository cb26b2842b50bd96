package popproof

import (
	"context"
	"fmt"
	"time"
)

// ClaimLeadRacy is racy (RL001): OwnerID is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	var lead Lead
	err = s.db.WithContext(ctx).Find(&lead, leadID)
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if lead.OwnerID != nil {
		return false, nil
	}
	now := time.Now()
	lead.OwnerID, lead.ClaimedAt = &userID, &now
	if err := s.db.WithContext(ctx).UpdateColumns(&lead, "owner_id", "claimed_at"); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the UPDATE re-checks owner_id IS NULL
// but Exec drops the affected-row count, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	if err := s.db.WithContext(ctx).RawQuery(`UPDATE leads SET owner_id = ?, claimed_at = ? WHERE id = ? AND owner_id IS NULL`, userID, time.Now(), leadID).Exec(); err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: the conditional UPDATE's count decides.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	n, err := s.db.WithContext(ctx).RawQuery(`UPDATE leads SET owner_id = ?, claimed_at = ? WHERE id = ? AND owner_id IS NULL`, userID, time.Now(), leadID).ExecWithCount()
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return n == 1, nil
}
