package sqproof

import (
	"context"
	"fmt"

	sq "github.com/Masterminds/squirrel"
)

// RecordEventRacy is racy (RL002): count(*) by dedup_key, then INSERT
// (into a table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	var n int64
	err = psql.Select("count(*)").From("plain_events").Where(sq.Eq{"dedup_key": dedupKey}).RunWith(s.db).QueryRowContext(ctx).Scan(&n)
	pause()
	if err != nil {
		return false, fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := psql.Insert("plain_events").Columns("dedup_key").Values(dedupKey).RunWith(s.db).ExecContext(ctx); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: ON CONFLICT (dedup_key) DO NOTHING in the
// builder's suffix, on a unique index; the affected-row count tells a new
// event from a duplicate.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	res, err := psql.Insert("events").Columns("dedup_key").Values(dedupKey).Suffix("ON CONFLICT (dedup_key) DO NOTHING").RunWith(s.db).ExecContext(ctx)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
