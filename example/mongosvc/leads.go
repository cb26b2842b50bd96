package mongosvc

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// racy: the filter re-checks owner: nil but MatchedCount is never looked at;
// both callers return success and both work the lead.
func (s *Service) ClaimLeadUnchecked(ctx context.Context, leadID bson.ObjectID, userID int64) error {
	coll := s.db.Collection("leads")
	_, err := coll.UpdateOne(ctx, bson.M{"_id": leadID, "owner": nil}, bson.M{"$set": bson.M{"owner": userID}}) // want "RL004"
	if err != nil {
		return fmt.Errorf("claim lead %s: %w", leadID.Hex(), err)
	}
	return nil
}

// safe: same conditional claim, MatchedCount == 0 means someone else won.
func (s *Service) ClaimLead(ctx context.Context, leadID bson.ObjectID, userID int64) error {
	coll := s.db.Collection("leads")
	res, err := coll.UpdateOne(ctx, bson.M{"_id": leadID, "owner": nil}, bson.M{"$set": bson.M{"owner": userID, "claimed_at": time.Now()}})
	if err != nil {
		return fmt.Errorf("claim lead %s: %w", leadID.Hex(), err)
	}
	if res.MatchedCount == 0 {
		return ErrTaken
	}
	return nil
}

// near-miss: a bulk release of stale claims (no _id in the filter) has no
// winner; ignoring the count is fine.
func (s *Service) ReleaseStaleLeads(ctx context.Context, before time.Time) error {
	coll := s.db.Collection("leads")
	if _, err := coll.UpdateMany(ctx, bson.M{"claimed_at": bson.M{"$lt": before}}, bson.M{"$set": bson.M{"owner": nil, "claimed_at": nil}}); err != nil {
		return fmt.Errorf("release stale leads: %w", err)
	}
	return nil
}
