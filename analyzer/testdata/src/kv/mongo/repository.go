package kvmongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Accounts keeps its collections in fields its constructor sets.
type Accounts struct {
	accounts *mongo.Collection
	audit    *mongo.Collection
}

func NewAccounts(db *mongo.Database) *Accounts {
	return &Accounts{accounts: db.Collection("accounts"), audit: db.Collection("audit")}
}

type Account struct {
	ID     string `bson:"_id"`
	Status string `bson:"status"`
}

func (r *Accounts) byID(ctx context.Context, id string) (*Account, error) {
	var a Account
	if err := r.accounts.FindOne(ctx, bson.M{"_id": id}).Decode(&a); err != nil {
		return nil, err
	}
	return &a, nil
}

func (r *Accounts) setStatus(ctx context.Context, id, status string) error {
	_, err := r.accounts.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": bson.M{"status": status}})
	return err
}

func (r *Accounts) note(ctx context.Context, id, status string) error {
	_, err := r.audit.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": bson.M{"status": status}})
	return err
}

// racy: both helpers work on the collection the accounts field holds.
func (r *Accounts) Close(ctx context.Context, id string) error {
	a, err := r.byID(ctx, id)
	if err != nil {
		return err
	}
	if a.Status != "open" {
		return errTaken
	}
	return r.setStatus(ctx, id, "closed") // want "RL001"
}

// near miss: the write is to the audit collection.
func (r *Accounts) Trace(ctx context.Context, id string) error {
	a, err := r.byID(ctx, id)
	if err != nil {
		return err
	}
	if a.Status != "open" {
		return errTaken
	}
	return r.note(ctx, id, "traced")
}
