package xormmyproof

import (
	"context"
	"fmt"
	"time"
)

// ClaimLeadRacy is racy (RL001): OwnerID is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	var lead Lead
	has, err := s.engine.Context(ctx).ID(leadID).Get(&lead)
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if !has {
		return false, fmt.Errorf("lead %d not found", leadID)
	}
	if lead.OwnerID != nil {
		return false, nil
	}
	now := time.Now()
	if _, err := s.engine.Context(ctx).ID(leadID).Cols("owner_id", "claimed_at").Update(&Lead{OwnerID: &userID, ClaimedAt: &now}); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the UPDATE re-checks owner_id IS NULL
// but its affected-row count is ignored, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	now := time.Now()
	if _, err := s.engine.Context(ctx).Where("id = ? AND owner_id IS NULL", leadID).Cols("owner_id", "claimed_at").Update(&Lead{OwnerID: &userID, ClaimedAt: &now}); err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: the conditional UPDATE's affected-row count decides.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	now := time.Now()
	n, err := s.engine.Context(ctx).Where("id = ? AND owner_id IS NULL", leadID).Cols("owner_id", "claimed_at").Update(&Lead{OwnerID: &userID, ClaimedAt: &now})
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return n == 1, nil
}
