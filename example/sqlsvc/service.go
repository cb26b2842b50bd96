// Package sqlsvc is a small service layer written against database/sql,
// running on PostgreSQL through the pgx stdlib driver (so placeholders are
// $1, $2 and driver errors are *pgconn.PgError).
//
// It holds racelint's seed scenarios: each check-then-update race next to its
// atomic twin, plus near-misses that must stay silent. Every call racelint
// must report carries an analysistest "want" comment naming the rule; every
// function's comment says racy, safe or near-miss and why.
package sqlsvc

import (
	"database/sql"
	"errors"
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
	db *sql.DB
}

// New returns a Service on db.
func New(db *sql.DB) *Service { return &Service{db: db} }

// Email is a tracked outgoing email.
type Email struct {
	ID         int64
	TrackingID string
	OpenedAt   sql.NullTime
}

// Account holds a prepaid balance in cents.
type Account struct {
	ID      int64
	Balance int64
}

// User is a CRM user.
type User struct {
	ID    int64
	Email string
	Name  string
}
