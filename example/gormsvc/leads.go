package gormsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: OwnerID is checked in Go, then written on the loaded row; two claimers both see nil and both win.
func (s *Service) ClaimLeadRacy(ctx context.Context, leadID, userID int64) error {
	var lead Lead
	if err := s.db.WithContext(ctx).First(&lead, leadID).Error; err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if lead.OwnerID != nil {
		return ErrTaken
	}
	if err := s.db.WithContext(ctx).Model(&lead).Update("owner_id", userID).Error; err != nil { // want "RL001"
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return nil
}

// safe: conditional Update (AND owner_id IS NULL) with RowsAffected checked.
func (s *Service) ClaimLead(ctx context.Context, leadID, userID int64) error {
	res := s.db.WithContext(ctx).Model(&Lead{}).Where("id = ? AND owner_id IS NULL", leadID).Update("owner_id", userID)
	if res.Error != nil {
		return fmt.Errorf("claim lead %d: %w", leadID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrTaken
	}
	return nil
}

// racy: the claim re-checks owner_id IS NULL but only .Error is looked at, never RowsAffected: both callers go on as owners.
func (s *Service) AssignLead(ctx context.Context, leadID, userID int64) error {
	if err := s.db.WithContext(ctx).Model(&Lead{}).Where("id = ? AND owner_id IS NULL", leadID).Update("owner_id", userID).Error; err != nil { // want "RL004"
		return fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return nil
}

// near-miss: the check reads lead fromID, the write updates lead toID: a different record.
func (s *Service) HandOffLead(ctx context.Context, fromID, toID, userID int64) error {
	var from Lead
	if err := s.db.WithContext(ctx).First(&from, fromID).Error; err != nil {
		return fmt.Errorf("load lead %d: %w", fromID, err)
	}
	if from.OwnerID == nil || *from.OwnerID != userID {
		return ErrForbidden
	}
	if err := s.db.WithContext(ctx).Model(&Lead{}).Where("id = ?", toID).Updates(map[string]any{"owner_id": userID, "claimed_at": time.Now()}).Error; err != nil {
		return fmt.Errorf("hand off to lead %d: %w", toID, err)
	}
	return nil
}
