package bunsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: Exists by dedup_key, then INSERT; two deliveries of the same webhook
// both insert.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string, payload []byte) error {
	exists, err := s.db.NewSelect().Model((*Event)(nil)).Where("dedup_key = ?", dedupKey).Exists(ctx)
	if err != nil {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return nil
	}
	ev := &Event{DedupKey: dedupKey, Payload: payload, CreatedAt: time.Now()}
	if _, err := s.db.NewInsert().Model(ev).Exec(ctx); err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: INSERT ... ON CONFLICT (dedup_key) DO NOTHING; RowsAffected tells a
// new event from a duplicate.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	ev := &Event{DedupKey: dedupKey, Payload: payload, CreatedAt: time.Now()}
	res, err := s.db.NewInsert().Model(ev).On("CONFLICT (dedup_key) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}
