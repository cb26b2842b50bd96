package mongosvc

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// racy: views+1 is computed in Go from the post read and $set back;
// concurrent views are lost.
func (s *Service) IncrementViewsRacy(ctx context.Context, postID bson.ObjectID) error {
	coll := s.db.Collection("posts")
	var p Post
	if err := coll.FindOne(ctx, bson.M{"_id": postID}).Decode(&p); err != nil {
		return fmt.Errorf("load post %s: %w", postID.Hex(), err)
	}
	if _, err := coll.UpdateOne(ctx, bson.M{"_id": p.ID}, bson.M{"$set": bson.M{"views": p.Views + 1}}); err != nil { // want "RL003"
		return fmt.Errorf("count view %s: %w", postID.Hex(), err)
	}
	return nil
}

// safe: atomic $inc.
func (s *Service) IncrementViews(ctx context.Context, postID bson.ObjectID) error {
	coll := s.db.Collection("posts")
	res, err := coll.UpdateByID(ctx, postID, bson.M{"$inc": bson.M{"views": 1}})
	if err != nil {
		return fmt.Errorf("count view %s: %w", postID.Hex(), err)
	}
	if res.MatchedCount == 0 {
		return ErrNotFound
	}
	return nil
}

// near-miss: AuthorID is an authorization check and the write sets title; no
// checked field is written.
func (s *Service) RenamePost(ctx context.Context, postID bson.ObjectID, userID int64, title string) error {
	coll := s.db.Collection("posts")
	var p Post
	if err := coll.FindOne(ctx, bson.M{"_id": postID}).Decode(&p); err != nil {
		return fmt.Errorf("load post %s: %w", postID.Hex(), err)
	}
	if p.AuthorID != userID {
		return ErrForbidden
	}
	if _, err := coll.UpdateOne(ctx, bson.M{"_id": p.ID}, bson.M{"$set": bson.M{"title": title}}); err != nil {
		return fmt.Errorf("rename post %s: %w", postID.Hex(), err)
	}
	return nil
}
