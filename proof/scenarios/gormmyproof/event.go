package gormmyproof

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"
)

// RecordEventRacy is racy (RL002): Count by dedup_key, then Create (into a
// table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	var n int64
	err = s.db.WithContext(ctx).Model(&PlainEvent{}).Where("dedup_key = ?", dedupKey).Count(&n).Error
	pause()
	if err != nil {
		return false, fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n > 0 {
		return false, nil
	}
	if err := s.db.WithContext(ctx).Create(&PlainEvent{DedupKey: dedupKey}).Error; err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: Create with clause.Insert{Modifier: "IGNORE"} (INSERT IGNORE) on the
// unique dedup_key; RowsAffected tells a new event from a duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	ev := Event{DedupKey: dedupKey}
	res := s.db.WithContext(ctx).Clauses(clause.Insert{Modifier: "IGNORE"}).Create(&ev)
	if res.Error != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, res.Error)
	}
	return res.RowsAffected == 1, nil
}
