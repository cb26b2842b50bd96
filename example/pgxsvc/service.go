// Package pgxsvc is a small service layer written against pgx v5: a
// *pgxpool.Pool for plain statements and pgx.Tx for transactions.
//
// It holds racelint's seed scenarios: each check-then-update race next to its
// atomic twin, plus near-misses that must stay silent. Every call racelint
// must report carries an analysistest "want" comment naming the rule; every
// function's comment says racy, safe or near-miss and why.
package pgxsvc

import (
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Errors returned by the service.
var (
	ErrTaken             = errors.New("lead already claimed")
	ErrNoJobs            = errors.New("no pending job")
	ErrNotPending        = errors.New("job is not pending")
	ErrNotFound          = errors.New("not found")
	ErrForbidden         = errors.New("forbidden")
	ErrInsufficientFunds = errors.New("insufficient funds")
	ErrContention        = errors.New("too many serialization failures")
)

// maxTxAttempts bounds the retries of a Serializable transaction.
const maxTxAttempts = 5

// Service is the data layer of the CRM.
type Service struct {
	pool *pgxpool.Pool
}

// New returns a Service on pool.
func New(pool *pgxpool.Pool) *Service { return &Service{pool: pool} }

// Email is a tracked outgoing email.
type Email struct {
	ID         int64      `db:"id"`
	TrackingID string     `db:"tracking_id"`
	OpenedAt   *time.Time `db:"opened_at"`
}

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ID      int64  `db:"id"`
	OwnerID *int64 `db:"owner_id"`
}

// Post is a blog post.
type Post struct {
	ID       int64  `db:"id"`
	AuthorID int64  `db:"author_id"`
	Title    string `db:"title"`
	Views    int64  `db:"views"`
}

// Account holds a prepaid balance in cents.
type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

// User is a CRM user.
type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
	Name  string `db:"name"`
}
