// Package sqlxsvc is a small service layer written against sqlx on
// PostgreSQL (pgx stdlib driver: driver errors are *pgconn.PgError).
//
// It holds racelint's seed scenarios: each check-then-update race next to its
// atomic twin, plus near-misses that must stay silent. Every call racelint
// must report carries an analysistest "want" comment naming the rule; every
// function's comment says racy, safe or near-miss and why.
package sqlxsvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"
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
	db *sqlx.DB
}

// New returns a Service on db.
func New(db *sqlx.DB) *Service { return &Service{db: db} }

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

// Job is a queued background job.
type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

// Event is a deduplicated webhook event.
type Event struct {
	DedupKey  string    `db:"dedup_key"`
	Payload   []byte    `db:"payload"`
	CreatedAt time.Time `db:"created_at"`
}

// Contact is an address-book entry, unique by email.
type Contact struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
	Name  string `db:"name"`
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

// retrySerializable runs fn again while it fails with a serialization failure (SQLSTATE 40001).
func retrySerializable(ctx context.Context, fn func() error) error {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		err := fn()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40001" {
			return err
		}
		if ctx.Err() != nil {
			return fmt.Errorf("retry: %w", ctx.Err())
		}
	}
	return ErrContention
}
