// Package kvmongo holds check-then-act cases for the MongoDB Go driver v2:
// a collection is a table, a field a column, the filter the WHERE. Every
// method takes its collection into a local variable.
package kvmongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

var (
	errTaken     = errors.New("taken")
	errForbidden = errors.New("forbidden")
	errNotFound  = errors.New("not found")
)

type Email struct {
	ID       bson.ObjectID `bson:"_id"`
	Tracking string        `bson:"tracking_id"`
	OpenedAt *time.Time    `bson:"opened_at"`
}

type Job struct {
	ID       bson.ObjectID `bson:"_id"`
	Status   string        `bson:"status"`
	Owner    string        `bson:"owner"`
	Title    string        `bson:"title"`
	Attempts int           `bson:"attempts"`
}

type Post struct {
	ID    bson.ObjectID `bson:"_id"`
	Views int64         `bson:"views"`
}

type Contact struct {
	ID    bson.ObjectID `bson:"_id,omitempty"`
	Email string        `bson:"email"`
}

type Service struct {
	client *mongo.Client
	db     *mongo.Database
}

// ---- RL001 ----

// racy: FindOne/Decode, check opened_at, UpdateOne by _id.
func (s *Service) Open(ctx context.Context, tracking string) error {
	coll := s.db.Collection("emails")
	var e Email
	if err := coll.FindOne(ctx, bson.M{"tracking_id": tracking}).Decode(&e); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, err := coll.UpdateOne(ctx, bson.M{"_id": e.ID}, bson.M{"$set": bson.M{"opened_at": time.Now()}}) // want "RL001"
	return err
}

// racy: same check, UpdateByID with a bson.D update.
func (s *Service) OpenByID(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("emails")
	var e Email
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&e); err != nil {
		return err
	}
	if e.OpenedAt == nil {
		_, err := coll.UpdateByID(ctx, id, bson.D{{Key: "$set", Value: bson.D{{Key: "opened_at", Value: time.Now()}}}}) // want "RL001"
		return err
	}
	return nil
}

// racy: status checked, job document deleted.
func (s *Service) Cancel(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("jobs")
	var j Job
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	_, err := coll.DeleteOne(ctx, bson.M{"_id": id}) // want "RL001"
	return err
}

// safe: state in the filter, ModifiedCount checked.
func (s *Service) OpenCond(ctx context.Context, id bson.ObjectID) (bool, error) {
	coll := s.db.Collection("emails")
	res, err := coll.UpdateOne(ctx, bson.M{"_id": id, "opened_at": nil}, bson.M{"$set": bson.M{"opened_at": time.Now()}})
	if err != nil {
		return false, err
	}
	return res.ModifiedCount == 1, nil
}

// safe: FindOneAndUpdate with the state in the filter; ErrNoDocuments decides.
func (s *Service) Start(ctx context.Context, id bson.ObjectID) (*Job, error) {
	coll := s.db.Collection("jobs")
	var j Job
	err := coll.FindOneAndUpdate(ctx,
		bson.M{"_id": id, "status": "pending"},
		bson.M{"$set": bson.M{"status": "running"}},
		options.FindOneAndUpdate().SetReturnDocument(options.After),
	).Decode(&j)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, errTaken
	}
	return &j, err
}

// safe: the read and the write run in a MongoDB transaction; a concurrent
// write to the same document aborts it with a write conflict and
// WithTransaction retries the callback.
func (s *Service) StartInTxn(ctx context.Context, id bson.ObjectID) error {
	sess, err := s.client.StartSession()
	if err != nil {
		return err
	}
	defer sess.EndSession(ctx)
	coll := s.db.Collection("jobs")
	_, err = sess.WithTransaction(ctx, func(ctx context.Context) (any, error) {
		var j Job
		if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&j); err != nil {
			return nil, err
		}
		if j.Status != "pending" {
			return nil, errTaken
		}
		return coll.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": bson.M{"status": "running"}})
	})
	return err
}

// near-miss: owner is an authorization check, the write sets title.
func (s *Service) Rename(ctx context.Context, id bson.ObjectID, user, title string) error {
	coll := s.db.Collection("jobs")
	var j Job
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&j); err != nil {
		return err
	}
	if j.Owner != user {
		return errForbidden
	}
	_, err := coll.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": bson.M{"title": title}})
	return err
}

// near-miss: checked in one collection, written in another.
func (s *Service) Archive(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("jobs")
	var j Job
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&j); err != nil {
		return err
	}
	if j.Status != "done" {
		return errTaken
	}
	archive := s.db.Collection("archived_jobs")
	_, err := archive.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$set": bson.M{"status": "archived"}})
	return err
}

// ---- RL003 ----

// racy: views+1 written back with $set.
func (s *Service) View(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("posts")
	var p Post
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&p); err != nil {
		return err
	}
	_, err := coll.UpdateOne(ctx, bson.M{"_id": p.ID}, bson.M{"$set": bson.M{"views": p.Views + 1}}) // want "RL003"
	return err
}

// racy: the field is changed and the whole document replaced.
func (s *Service) ViewReplace(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("posts")
	var p Post
	if err := coll.FindOne(ctx, bson.M{"_id": id}).Decode(&p); err != nil {
		return err
	}
	p.Views++
	_, err := coll.ReplaceOne(ctx, bson.M{"_id": p.ID}, p) // want "RL003"
	return err
}

// racy: a Find cursor over pending jobs, attempts+1 written per document.
func (s *Service) Retry(ctx context.Context) error {
	coll := s.db.Collection("jobs")
	cur, err := coll.Find(ctx, bson.M{"status": "failed"})
	if err != nil {
		return err
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var j Job
		if err := cur.Decode(&j); err != nil {
			return err
		}
		if j.Attempts >= 3 {
			continue
		}
		if _, err := coll.UpdateOne(ctx, bson.M{"_id": j.ID}, bson.M{"$set": bson.M{"attempts": j.Attempts + 1}}); err != nil { // want "RL003"
			return err
		}
	}
	return cur.Err()
}

// safe: $inc.
func (s *Service) ViewAtomic(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("posts")
	res, err := coll.UpdateOne(ctx, bson.M{"_id": id}, bson.M{"$inc": bson.M{"views": 1}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errNotFound
	}
	return nil
}

// ---- RL002 ----

// racy: ErrNoDocuments (errors.Is) then InsertOne of the same email.
func (s *Service) AddContact(ctx context.Context, email string) error {
	coll := s.db.Collection("contacts")
	var c Contact
	err := coll.FindOne(ctx, bson.M{"email": email}).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		_, err = coll.InsertOne(ctx, Contact{Email: email}) // want "RL002"
	}
	return err
}

// racy: == mongo.ErrNoDocuments on Err(), bson.M document.
func (s *Service) AddContactM(ctx context.Context, email string) error {
	coll := s.db.Collection("contacts")
	err := coll.FindOne(ctx, bson.M{"email": email}).Err()
	if err != mongo.ErrNoDocuments {
		return err
	}
	_, err = coll.InsertOne(ctx, bson.M{"email": email}) // want "RL002"
	return err
}

// racy: CountDocuments == 0 then InsertOne.
func (s *Service) AddContactCount(ctx context.Context, email string) error {
	coll := s.db.Collection("contacts")
	n, err := coll.CountDocuments(ctx, bson.M{"email": email})
	if err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err = coll.InsertOne(ctx, &Contact{Email: email}) // want "RL002"
	return err
}

// safe: upsert with $setOnInsert.
func (s *Service) AddContactUpsert(ctx context.Context, email string) (bool, error) {
	coll := s.db.Collection("contacts")
	res, err := coll.UpdateOne(ctx, bson.M{"email": email}, bson.M{"$setOnInsert": bson.M{"email": email}}, options.UpdateOne().SetUpsert(true))
	if err != nil {
		return false, err
	}
	return res.UpsertedCount == 1, nil
}

// safe: unique index, duplicate-key error handled.
func (s *Service) AddContactUnique(ctx context.Context, email string) error {
	coll := s.db.Collection("contacts")
	err := coll.FindOne(ctx, bson.M{"email": email}).Err()
	if err == nil {
		return errTaken
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return err
	}
	_, err = coll.InsertOne(ctx, Contact{Email: email})
	if mongo.IsDuplicateKeyError(err) {
		return errTaken
	}
	return err
}

// near-miss: not-found in contacts, insert into another collection.
func (s *Service) LogMiss(ctx context.Context, email string) error {
	coll := s.db.Collection("contacts")
	err := coll.FindOne(ctx, bson.M{"email": email}).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		misses := s.db.Collection("lookup_misses")
		_, err = misses.InsertOne(ctx, bson.M{"email": email, "at": time.Now()})
	}
	return err
}

// ---- RL004 ----

// racy: a claim whose MatchedCount is ignored.
func (s *Service) Claim(ctx context.Context, id bson.ObjectID, user string) error {
	coll := s.db.Collection("jobs")
	_, err := coll.UpdateOne(ctx, bson.M{"_id": id, "owner": nil}, bson.M{"$set": bson.M{"owner": user}}) // want "RL004"
	return err
}

// racy: a status transition whose result is ignored.
func (s *Service) Promote(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("jobs")
	_, err := coll.UpdateOne(ctx, bson.M{"_id": id, "status": "pending"}, bson.M{"$set": bson.M{"status": "running"}}) // want "RL004"
	return err
}

// safe: the claim's MatchedCount decides.
func (s *Service) ClaimChecked(ctx context.Context, id bson.ObjectID, user string) error {
	coll := s.db.Collection("jobs")
	res, err := coll.UpdateOne(ctx, bson.M{"_id": id, "owner": nil}, bson.M{"$set": bson.M{"owner": user}})
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errTaken
	}
	return nil
}

// near-miss: a timestamp set once is idempotent; no winner.
func (s *Service) MarkSeen(ctx context.Context, id bson.ObjectID) error {
	coll := s.db.Collection("emails")
	_, err := coll.UpdateOne(ctx, bson.M{"_id": id, "opened_at": nil}, bson.M{"$set": bson.M{"opened_at": time.Now()}})
	return err
}

// near-miss: a bulk reset (no _id in the filter) has no winner.
func (s *Service) ResetStuck(ctx context.Context) error {
	coll := s.db.Collection("jobs")
	_, err := coll.UpdateMany(ctx, bson.M{"status": "running"}, bson.M{"$set": bson.M{"status": "pending", "owner": nil}})
	return err
}

// racy: one filter, held in a variable, serves the lookup and the update.
func (s *Service) OpenSharedFilter(ctx context.Context, tracking string) error {
	coll := s.db.Collection("emails")
	filter := bson.M{"tracking_id": tracking}
	var e Email
	if err := coll.FindOne(ctx, filter).Decode(&e); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, err := coll.UpdateOne(ctx, filter, bson.M{"$set": bson.M{"opened_at": time.Now()}}) // want "RL001"
	return err
}

// safe: the shared filter gains the state, and the count decides.
func (s *Service) OpenSharedFilterChecked(ctx context.Context, tracking string) (bool, error) {
	coll := s.db.Collection("emails")
	filter := bson.M{"tracking_id": tracking, "opened_at": nil}
	res, err := coll.UpdateOne(ctx, filter, bson.M{"$set": bson.M{"opened_at": time.Now()}})
	if err != nil {
		return false, err
	}
	return res.ModifiedCount == 1, nil
}
