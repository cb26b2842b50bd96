package gormmyproof

import (
	"context"
	"fmt"
	"time"
)

// ClaimLeadRacy is racy (RL001): OwnerID is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	var lead Lead
	err = s.db.WithContext(ctx).First(&lead, leadID).Error
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if lead.OwnerID != nil {
		return false, nil
	}
	if err := s.db.WithContext(ctx).Model(&lead).Updates(map[string]any{"owner_id": userID, "claimed_at": time.Now()}).Error; err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the Update re-checks owner_id IS NULL
// but its RowsAffected is ignored, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	if err := s.db.WithContext(ctx).Model(&Lead{}).Where("id = ? AND owner_id IS NULL", leadID).Updates(map[string]any{"owner_id": userID, "claimed_at": time.Now()}).Error; err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: the conditional Update's RowsAffected decides.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	res := s.db.WithContext(ctx).Model(&Lead{}).Where("id = ? AND owner_id IS NULL", leadID).Updates(map[string]any{"owner_id": userID, "claimed_at": time.Now()})
	if res.Error != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, res.Error)
	}
	return res.RowsAffected == 1, nil
}
