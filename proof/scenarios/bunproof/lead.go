package bunproof

import (
	"context"
	"fmt"
	"time"
)

// ClaimLeadRacy is racy (RL001): OwnerID is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	var lead Lead
	err = s.db.NewSelect().Model(&lead).Where("id = ?", leadID).Scan(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if lead.OwnerID != nil {
		return false, nil
	}
	if _, err := s.db.NewUpdate().Model(&lead).Set("owner_id = ?", userID).Set("claimed_at = ?", time.Now()).WherePK().Exec(ctx); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the UPDATE re-checks owner_id IS NULL
// but its RowsAffected is ignored, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	if _, err := s.db.NewUpdate().Model((*Lead)(nil)).Set("owner_id = ?", userID).Set("claimed_at = ?", time.Now()).Where("id = ? AND owner_id IS NULL", leadID).Exec(ctx); err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: the conditional UPDATE's RowsAffected decides.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	res, err := s.db.NewUpdate().Model((*Lead)(nil)).Set("owner_id = ?", userID).Set("claimed_at = ?", time.Now()).Where("id = ? AND owner_id IS NULL", leadID).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return n == 1, nil
}
