// Package mongosvc is a small service layer written against the MongoDB Go
// driver v2. Every method takes its collection into a local variable
// (coll := s.db.Collection("emails")) and runs the read and the write on it.
//
// It holds racelint's document-store scenarios: each check-then-act race next
// to its atomic twin, plus near-misses that must stay silent. A collection is
// a table, a document field is a column, the filter is the WHERE. Every call
// racelint must report carries an analysistest "want" comment naming the
// rule; every function's comment says racy, safe or near-miss and why.
package mongosvc

import (
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Errors returned by the service.
var (
	ErrTaken     = errors.New("lead already claimed")
	ErrNotFound  = errors.New("not found")
	ErrForbidden = errors.New("forbidden")
)

// Service is the data layer of the CRM.
type Service struct {
	db *mongo.Database
}

// New returns a Service on db.
func New(db *mongo.Database) *Service { return &Service{db: db} }

// Email is a tracked outgoing email.
type Email struct {
	ID         bson.ObjectID `bson:"_id,omitempty"`
	TrackingID string        `bson:"tracking_id"`
	OpenedAt   *time.Time    `bson:"opened_at"`
	ClickedAt  *time.Time    `bson:"clicked_at"`
}

// Post is a blog post.
type Post struct {
	ID       bson.ObjectID `bson:"_id,omitempty"`
	AuthorID int64         `bson:"author_id"`
	Title    string        `bson:"title"`
	Views    int64         `bson:"views"`
}

// Event is a deduplicated webhook event (unique index on dedup_key).
type Event struct {
	ID        bson.ObjectID `bson:"_id,omitempty"`
	DedupKey  string        `bson:"dedup_key"`
	Payload   []byte        `bson:"payload"`
	CreatedAt time.Time     `bson:"created_at"`
}

// Lead is a sales lead; Owner is nil until someone claims it.
type Lead struct {
	ID        bson.ObjectID `bson:"_id,omitempty"`
	Owner     *int64        `bson:"owner"`
	ClaimedAt *time.Time    `bson:"claimed_at"`
}
