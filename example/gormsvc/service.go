// Package gormsvc is a small service layer written against GORM v2 on
// PostgreSQL (gorm.io/driver/postgres, so driver errors are *pgconn.PgError;
// gorm.ErrDuplicatedKey needs gorm.Config{TranslateError: true}).
//
// It holds racelint's seed scenarios: each check-then-update race next to its
// atomic twin, plus near-misses that must stay silent. Every call racelint
// must report carries an analysistest "want" comment naming the rule; every
// function's comment says racy, safe or near-miss and why.
package gormsvc

import (
	"errors"
	"time"

	"gorm.io/gorm"
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
	db *gorm.DB
}

// New returns a Service on db.
func New(db *gorm.DB) *Service { return &Service{db: db} }

// Email is a tracked outgoing email.
type Email struct {
	ID         int64
	TrackingID string `gorm:"size:64;uniqueIndex"`
	OpenedAt   *time.Time
	ClickedAt  *time.Time
}

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ID        int64
	OwnerID   *int64 `gorm:"index"`
	ClaimedAt *time.Time
}

// Job is a queued background job.
type Job struct {
	ID        int64
	Status    string `gorm:"size:16;index;default:pending"`
	StartedAt *time.Time
	CreatedAt time.Time
}

// JobEvent is an audit row of a job's life cycle.
type JobEvent struct {
	ID        int64
	JobID     int64  `gorm:"index"`
	Kind      string `gorm:"size:16"`
	CreatedAt time.Time
}

// Event is a deduplicated webhook event.
type Event struct {
	ID        int64
	DedupKey  string `gorm:"size:128;uniqueIndex"`
	Payload   []byte
	CreatedAt time.Time
}

// Contact is an address-book entry, unique by email.
type Contact struct {
	ID        int64
	Email     string `gorm:"uniqueIndex"`
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Post is a blog post.
type Post struct {
	ID        int64
	AuthorID  int64 `gorm:"index"`
	Title     string
	Views     int64 `gorm:"not null;default:0"`
	UpdatedAt time.Time
}

// Account holds a prepaid balance in cents.
type Account struct {
	ID      int64
	Balance int64 `gorm:"not null"`
}

// User is a CRM user.
type User struct {
	ID         int64
	Email      string `gorm:"uniqueIndex"`
	Name       string
	LastSeenAt *time.Time
}

// Session is a visitor session counted once in the daily stats.
type Session struct {
	ID      string `gorm:"primaryKey;size:64"`
	Counted bool   `gorm:"not null;default:false"`
}

// DailyStat aggregates visits per day.
type DailyStat struct {
	Day    time.Time `gorm:"primaryKey;type:date"`
	Visits int64     `gorm:"not null;default:0"`
}
