package entsvc

import (
	"context"
	"fmt"

	"github.com/racelint/racelint/example/entsvc/ent"
	"github.com/racelint/racelint/example/entsvc/ent/event"
)

// racy: Exist by dedup_key, then Create; two deliveries of the same
// webhook both insert, and the unique index fails the second.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string) error {
	exists, err := s.client.Event.Query().Where(event.DedupKey(dedupKey)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return nil
	}
	if _, err := s.client.Event.Create().SetDedupKey(dedupKey).Save(ctx); err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// racy: the same check through Only and ent.IsNotFound.
func (s *Service) EnsureEventRacy(ctx context.Context, dedupKey string) (*ent.Event, error) {
	ev, err := s.client.Event.Query().Where(event.DedupKeyEQ(dedupKey)).Only(ctx)
	if ent.IsNotFound(err) {
		return s.client.Event.Create().SetDedupKey(dedupKey).Save(ctx) // want "RL002"
	}
	if err != nil {
		return nil, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	return ev, nil
}

// safe: INSERT ... ON CONFLICT (dedup_key) DO NOTHING.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string) error {
	err := s.client.Event.Create().SetDedupKey(dedupKey).OnConflictColumns(event.FieldDedupKey).DoNothing().Exec(ctx)
	if err != nil {
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: the duplicate the second insert hits is handled.
func (s *Service) EnsureEvent(ctx context.Context, dedupKey string) error {
	n, err := s.client.Event.Query().Where(event.DedupKey(dedupKey)).Count(ctx)
	if err != nil {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if n > 0 {
		return nil
	}
	_, err = s.client.Event.Create().SetDedupKey(dedupKey).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil // another delivery inserted it first
	}
	return err
}

// near-miss: the event looked up and the event inserted have different
// keys.
func (s *Service) Forward(ctx context.Context, dedupKey, forwardKey string) error {
	exists, err := s.client.Event.Query().Where(event.DedupKey(dedupKey)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if !exists {
		return nil
	}
	_, err = s.client.Event.Create().SetDedupKey(forwardKey).Save(ctx)
	return err
}

// racy: the bulk insert writes the key the existence check looked up.
func (s *Service) RecordBatchRacy(ctx context.Context, dedupKey string) error {
	n, err := s.client.Event.Query().Where(event.DedupKey(dedupKey)).Count(ctx)
	if err != nil {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if n != 0 {
		return nil
	}
	return s.client.Event.CreateBulk(s.client.Event.Create().SetDedupKey(dedupKey)).Exec(ctx) // want "RL002"
}
