package gormsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: OpenedAt is checked in Go, then written on the loaded row; two concurrent opens both see nil.
func (s *Service) RecordOpenRacy(ctx context.Context, trackingID string) error {
	var e Email
	if err := s.db.WithContext(ctx).Where("tracking_id = ?", trackingID).First(&e).Error; err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if err := s.db.WithContext(ctx).Model(&e).Update("opened_at", time.Now()).Error; err != nil { // want "RL001"
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// safe: conditional Update (AND opened_at IS NULL) whose RowsAffected is compared and returned.
func (s *Service) RecordOpen(ctx context.Context, trackingID string) (first bool, err error) {
	res := s.db.WithContext(ctx).Model(&Email{}).Where("tracking_id = ? AND opened_at IS NULL", trackingID).Update("opened_at", time.Now())
	if res.Error != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// near-miss: the read's error is only handled (if err != nil); nothing it observed is checked before the write.
func (s *Service) RecordClick(ctx context.Context, trackingID string) error {
	var e Email
	if err := s.db.WithContext(ctx).Select("id").Where("tracking_id = ?", trackingID).First(&e).Error; err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if err := s.db.WithContext(ctx).Model(&e).Update("clicked_at", time.Now()).Error; err != nil {
		return fmt.Errorf("record click %s: %w", trackingID, err)
	}
	return nil
}
