// Package bunsvc is a small service layer written against bun (uptrace/bun)
// on PostgreSQL: *bun.DB for plain queries, bun.Tx for transactions.
//
// It holds racelint's seed scenarios for bun's query builders: each
// check-then-update race next to its atomic twin, plus near-misses that must
// stay silent. Every call racelint must report carries an analysistest "want"
// comment naming the rule; every function's comment says racy, safe or
// near-miss and why.
package bunsvc

import (
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// Errors returned by the service.
var (
	ErrNotFound          = errors.New("not found")
	ErrForbidden         = errors.New("forbidden")
	ErrNotPending        = errors.New("job is not pending")
	ErrInsufficientFunds = errors.New("insufficient funds")
)

// Service is the data layer of the CRM.
type Service struct {
	db *bun.DB
}

// New returns a Service on db.
func New(db *bun.DB) *Service { return &Service{db: db} }

// Email is a tracked outgoing email.
type Email struct {
	bun.BaseModel `bun:"table:emails"`

	ID         int64 `bun:",pk,autoincrement"`
	TrackingID string
	OpenedAt   *time.Time
	ClickedAt  *time.Time
}

// Event is a deduplicated webhook event, unique by dedup_key.
type Event struct {
	bun.BaseModel `bun:"table:events"`

	ID        int64  `bun:",pk,autoincrement"`
	DedupKey  string `bun:",unique"`
	Payload   []byte
	CreatedAt time.Time
}

// Post is a blog post.
type Post struct {
	bun.BaseModel `bun:"table:posts"`

	ID       int64 `bun:",pk,autoincrement"`
	AuthorID int64
	Title    string
	Views    int64 `bun:",notnull,default:0"`
}

// Job is a queued background job.
type Job struct {
	bun.BaseModel `bun:"table:jobs"`

	ID        int64 `bun:",pk,autoincrement"`
	Status    string
	StartedAt *time.Time
}

// Account holds a prepaid balance in cents.
type Account struct {
	bun.BaseModel `bun:"table:accounts"`

	ID      int64 `bun:",pk,autoincrement"`
	Balance int64
}
