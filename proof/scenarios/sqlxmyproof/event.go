package sqlxmyproof

import (
	"context"
	"fmt"
)

// RecordEventRacy is racy (RL002): count by dedup_key, then INSERT (into a
// table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	var n int
	err = s.db.GetContext(ctx, &n, `SELECT count(*) FROM plain_events WHERE dedup_key = ?`, dedupKey)
	pause()
	if err != nil {
		return false, fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO plain_events (dedup_key) VALUES (?)`, dedupKey); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: INSERT IGNORE on a
// unique index; the affected-row count tells a new event from a duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	res, err := s.db.ExecContext(ctx, `INSERT IGNORE INTO events (dedup_key) VALUES (?)`, dedupKey)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
