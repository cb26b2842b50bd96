package gormsvc

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// racy: Count by dedup_key then Create; two deliveries of the same webhook both count 0 and both insert.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string, payload []byte) error {
	var n int64
	if err := s.db.WithContext(ctx).Model(&Event{}).Where("dedup_key = ?", dedupKey).Count(&n).Error; err != nil {
		return fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n > 0 {
		return nil
	}
	if err := s.db.WithContext(ctx).Create(&Event{DedupKey: dedupKey, Payload: payload}).Error; err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: Create with clause.OnConflict{DoNothing} on dedup_key, RowsAffected tells a new event from a duplicate.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	ev := Event{DedupKey: dedupKey, Payload: payload}
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedup_key"}}, DoNothing: true}).Create(&ev)
	if res.Error != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// safe: the lookup fast path may race, but the Create's error is tested with errors.Is(err, gorm.ErrDuplicatedKey).
func (s *Service) RecordEventOnce(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	var existing Event
	err = s.db.WithContext(ctx).Where("dedup_key = ?", dedupKey).Take(&existing).Error
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	err = s.db.WithContext(ctx).Create(&Event{DedupKey: dedupKey, Payload: payload}).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}
