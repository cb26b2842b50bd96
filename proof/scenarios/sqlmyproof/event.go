package sqlmyproof

import (
	"context"
	"fmt"
)

// RecordEventRacy is racy (RL002): SELECT EXISTS, then INSERT (into a
// table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	var exists bool
	err = s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM plain_events WHERE dedup_key = ?)`, dedupKey).Scan(&exists)
	pause()
	if err != nil {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return false, nil
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO plain_events (dedup_key) VALUES (?)`, dedupKey); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: INSERT ... ON DUPLICATE KEY UPDATE id = id on a
// unique index; the affected-row count tells a new event from a duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	res, err := s.db.ExecContext(ctx, `INSERT INTO events (dedup_key) VALUES (?) ON DUPLICATE KEY UPDATE id = id`, dedupKey)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
