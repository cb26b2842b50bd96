package bunproof

import (
	"context"
	"fmt"
	"time"
)

// RecordEventRacy is racy (RL002): Exists by dedup_key, then INSERT (into
// a table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	exists, err := s.db.NewSelect().Model((*PlainEvent)(nil)).Where("dedup_key = ?", dedupKey).Exists(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return false, nil
	}
	if _, err := s.db.NewInsert().Model(&PlainEvent{DedupKey: dedupKey, CreatedAt: time.Now()}).Exec(ctx); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: INSERT ... ON CONFLICT (dedup_key) DO NOTHING on
// the unique dedup_key; RowsAffected (the rows RETURNING gave back) tells a
// new event from a duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	res, err := s.db.NewInsert().Model(&Event{DedupKey: dedupKey, CreatedAt: time.Now()}).On("CONFLICT (dedup_key) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
