package kvmongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// BulkWrite runs its models as the single-document writes they build.

// racy: the job is started by an UpdateOneModel whose filter only names
// it, after a Go check of its status.
func (s *Service) StartBulk(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("jobs")
	var j Job
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	_, err := coll.BulkWrite(ctx, []mongo.WriteModel{ // want "RL001"
		mongo.NewUpdateOneModel().SetFilter(bson.M{"_id": j.ID}).SetUpdate(bson.M{"$set": bson.M{"status": "running"}}),
	})
	return err
}

// safe: the model's filter re-checks the status, and MatchedCount decides.
func (s *Service) StartBulkCond(ctx context.Context, id bson.ObjectID) (bool, error) {
	coll := s.db.Collection("jobs")
	res, err := coll.BulkWrite(ctx, []mongo.WriteModel{
		mongo.NewUpdateOneModel().SetFilter(bson.M{"_id": id, "status": "pending"}).SetUpdate(bson.M{"$set": bson.M{"status": "running"}}),
	})
	if err != nil {
		return false, err
	}
	return res.MatchedCount == 1, nil
}

// racy: a counter computed in Go, written back by a model.
func (s *Service) ViewBulk(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("posts")
	var p Post
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&p); err != nil {
		return err
	}
	_, err := coll.BulkWrite(ctx, []mongo.WriteModel{ // want "RL003"
		mongo.NewUpdateOneModel().SetFilter(bson.M{"_id": p.ID}).SetUpdate(bson.M{"$set": bson.M{"views": p.Views + 1}}),
	})
	return err
}

// safe: $inc computes it in the database.
func (s *Service) ViewBulkAtomic(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("posts")
	_, err := coll.BulkWrite(ctx, []mongo.WriteModel{
		mongo.NewUpdateOneModel().SetFilter(bson.M{"_id": id}).SetUpdate(bson.M{"$inc": bson.M{"views": 1}}),
	})
	return err
}
