package popproof

import (
	"context"
	"fmt"
)

// RecordEventRacy is racy (RL002): Exists by dedup_key, then Create (into
// a table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	exists, err := s.db.WithContext(ctx).Where("dedup_key = ?", dedupKey).Exists(&PlainEvent{})
	pause()
	if err != nil {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return false, nil
	}
	if err := s.db.WithContext(ctx).Create(&PlainEvent{DedupKey: dedupKey}); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: INSERT ... ON CONFLICT (dedup_key) DO NOTHING on
// the unique dedup_key; the affected-row count tells a new event from a
// duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	n, err := s.db.WithContext(ctx).RawQuery(`INSERT INTO events (dedup_key) VALUES (?) ON CONFLICT (dedup_key) DO NOTHING`, dedupKey).ExecWithCount()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
