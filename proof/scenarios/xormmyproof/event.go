package xormmyproof

import (
	"context"
	"fmt"
)

// RecordEventRacy is racy (RL002): Exist by dedup_key, then Insert (into a
// table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	exists, err := s.engine.Context(ctx).Where("dedup_key = ?", dedupKey).Exist(&PlainEvent{})
	pause()
	if err != nil {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return false, nil
	}
	if _, err := s.engine.Context(ctx).Insert(&PlainEvent{DedupKey: dedupKey}); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: INSERT IGNORE (xorm has no conflict clause, so it
// goes through the session's Exec) on the unique dedup_key; the
// affected-row count tells a new event from a duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	res, err := s.engine.Context(ctx).Exec("INSERT IGNORE INTO events (dedup_key) VALUES (?)", dedupKey)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
