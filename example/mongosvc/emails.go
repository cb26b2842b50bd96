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
func (s *Service) RecordOpen(ctx context.Context, id bson.ObjectID) (first bool, err error) {
	coll := s.db.Collection("emails")
	res, err := coll.UpdateOne(ctx, bson.M{"_id": id, "opened_at": nil}, bson.M{"$set": bson.M{"opened_at": time.Now()}})
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", id.Hex(), err)
	}
	return res.ModifiedCount == 1, nil
}

// safe: FindOneAndUpdate with the state in the filter; ErrNoDocuments means
// someone else recorded the open first.
func (s *Service) RecordOpenByTracking(ctx context.Context, trackingID string) (first bool, err error) {
	coll := s.db.Collection("emails")
	var e Email
	err = coll.FindOneAndUpdate(ctx,
		bson.M{"tracking_id": trackingID, "opened_at": nil},
		bson.M{"$set": bson.M{"opened_at": time.Now()}},
		options.FindOneAndUpdate().SetReturnDocument(options.After),
	).Decode(&e)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// near-miss: the read's error is only handled; nothing it observed is checked
// before the write.
func (s *Service) RecordClick(ctx context.Context, trackingID string) error {
	coll := s.db.Collection("emails")
	var e Email
	if err := coll.FindOne(ctx, bson.M{"tracking_id": trackingID}, options.FindOne().SetProjection(bson.M{"_id": 1})).Decode(&e); err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if _, err := coll.UpdateOne(ctx, bson.M{"_id": e.ID}, bson.M{"$set": bson.M{"clicked_at": time.Now()}}); err != nil {
		return fmt.Errorf("record click %s: %w", trackingID, err)
	}
	return nil
}
