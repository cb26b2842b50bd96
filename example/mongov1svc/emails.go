// Package mongov1svc is the MongoDB Go driver v1 flavour of mongosvc: v1
// (go.mongodb.org/mongo-driver/mongo) has v2's collection API, and racelint
// reads it as v2.
package mongov1svc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
)

type Service struct{ db *mongo.Database }

type Email struct {
	ID         primitive.ObjectID `bson:"_id"`
	TrackingID string             `bson:"tracking_id"`
	OpenedAt   *time.Time         `bson:"opened_at"`
}

type Event struct {
	DedupKey string `bson:"dedup_key"`
	Payload  []byte `bson:"payload"`
}

// racy: opened_at is checked in Go, then set by _id; two concurrent opens
// both see nil.
func (s *Service) RecordOpenRacy(ctx context.Context, trackingID string) error {
	coll := s.db.Collection("emails")
	var e Email
	if err := coll.FindOne(ctx, bson.M{"tracking_id": trackingID}).Decode(&e); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if _, err := coll.UpdateOne(ctx, bson.M{"_id": e.ID}, bson.M{"$set": bson.M{"opened_at": time.Now()}}); err != nil { // want "RL001"
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// safe: the filter re-checks opened_at: nil and ModifiedCount says who won.
func (s *Service) RecordOpen(ctx context.Context, id primitive.ObjectID) (first bool, err error) {
	res, err := s.db.Collection("emails").UpdateOne(ctx, bson.M{"_id": id, "opened_at": nil}, bson.M{"$set": bson.M{"opened_at": time.Now()}})
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", id.Hex(), err)
	}
	return res.ModifiedCount == 1, nil
}

// racy: FindOne finds no event (ErrNoDocuments), then InsertOne; two
// deliveries both insert.
func (s *Service) RecordEventRacy(ctx context.Context, key string, payload []byte) error {
	coll := s.db.Collection("events")
	err := coll.FindOne(ctx, bson.M{"dedup_key": key}).Err()
	if err == nil {
		return nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	_, err = coll.InsertOne(ctx, Event{DedupKey: key, Payload: payload}) // want "RL002"
	return err
}
