package mongosvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// racy: FindOne by dedup_key, ErrNoDocuments, then InsertOne; two deliveries
// of the same webhook both insert.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string, payload []byte) error {
	coll := s.db.Collection("events")
	err := coll.FindOne(ctx, bson.M{"dedup_key": dedupKey}).Err()
	if err == nil {
		return nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if _, err := coll.InsertOne(ctx, Event{DedupKey: dedupKey, Payload: payload, CreatedAt: time.Now()}); err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: one upsert with $setOnInsert; UpsertedCount tells a new event from a
// duplicate.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	coll := s.db.Collection("events")
	res, err := coll.UpdateOne(ctx,
		bson.M{"dedup_key": dedupKey},
		bson.M{"$setOnInsert": bson.M{"payload": payload, "created_at": time.Now()}},
		options.UpdateOne().SetUpsert(true),
	)
	if err != nil {
		return false, fmt.Errorf("upsert event %s: %w", dedupKey, err)
	}
	return res.UpsertedCount == 1, nil
}

// safe: the lookup fast path may race, but the unique index on dedup_key
// rejects the second insert and mongo.IsDuplicateKeyError handles it.
func (s *Service) RecordEventOnce(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	coll := s.db.Collection("events")
	err = coll.FindOne(ctx, bson.M{"dedup_key": dedupKey}).Err()
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	_, err = coll.InsertOne(ctx, Event{DedupKey: dedupKey, Payload: payload, CreatedAt: time.Now()})
	if mongo.IsDuplicateKeyError(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}

// near-miss: the count is read from events, the insert goes to another
// collection (an audit log): not the same table.
func (s *Service) AuditEvent(ctx context.Context, dedupKey string) error {
	coll := s.db.Collection("events")
	n, err := coll.CountDocuments(ctx, bson.M{"dedup_key": dedupKey})
	if err != nil {
		return fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	audit := s.db.Collection("event_audit")
	if _, err := audit.InsertOne(ctx, bson.M{"dedup_key": dedupKey, "seen_at": time.Now()}); err != nil {
		return fmt.Errorf("audit event %s: %w", dedupKey, err)
	}
	return nil
}
