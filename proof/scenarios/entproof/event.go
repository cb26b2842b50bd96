package entproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent/event"
	"github.com/racelint/racelint/proof/scenarios/entproof/ent/plainevent"
)

// RecordEventRacy is racy (RL002): Exist by dedup_key, then Create (into a
// table without a unique constraint, so duplicates become rows).
func (s *Store) RecordEventRacy(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	exists, err := s.client.PlainEvent.Query().Where(plainevent.DedupKey(dedupKey)).Exist(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return false, nil
	}
	if err := s.client.PlainEvent.Create().SetDedupKey(dedupKey).Exec(ctx); err != nil { // want "RL002"
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// RecordEvent is atomic: INSERT ... ON CONFLICT (dedup_key) DO NOTHING
// (OnConflictColumns(...).DoNothing()) on the unique dedup_key. ID reads
// the id RETURNING gives back; on a duplicate there is none, and ent
// returns sql.ErrNoRows.
func (s *Store) RecordEvent(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error) {
	pause()
	_, err = s.client.Event.Create().SetDedupKey(dedupKey).OnConflictColumns(event.FieldDedupKey).DoNothing().ID(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}
