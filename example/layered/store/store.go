// Package store is the repository layer of the layered example: every
// method runs one statement; the service decides what to do with the
// results. racelint summarises these methods as facts, so that the races
// in the service are found across the package boundary.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned when a lookup finds no row.
var ErrNotFound = errors.New("store: not found")

// Email is one tracked email.
type Email struct {
	ID         int64
	TrackingID string
	OpenedAt   sql.NullTime
}

// Lead is a sales lead that one rep may claim.
type Lead struct {
	ID      int64
	OwnerID sql.NullInt64
}

// Store wraps the database.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(db *sql.DB) *Store { return &Store{db: db} }

// DB returns the handle, for services that run transactions.
func (s *Store) DB() *sql.DB { return s.db }

// GetEmailByTrackingID loads an email.
func (s *Store) GetEmailByTrackingID(ctx context.Context, trackingID string) (*Email, error) {
	var e Email
	err := s.db.QueryRowContext(ctx, `SELECT id, tracking_id, opened_at FROM emails WHERE tracking_id = $1`, trackingID).
		Scan(&e.ID, &e.TrackingID, &e.OpenedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get email: %w", err)
	}
	return &e, nil
}

// MarkOpened sets opened_at unconditionally.
func (s *Store) MarkOpened(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), id)
	return err
}

// MarkOpenedIfUnopened sets opened_at only if it is still NULL and says
// whether this call did it.
func (s *Store) MarkOpenedIfUnopened(ctx context.Context, trackingID string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE tracking_id = $2 AND opened_at IS NULL`, time.Now(), trackingID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// GetLeadForUpdate loads a lead and locks it in the caller's transaction.
func (s *Store) GetLeadForUpdate(ctx context.Context, tx *sql.Tx, id int64) (*Lead, error) {
	var l Lead
	if err := tx.QueryRowContext(ctx, `SELECT id, owner_id FROM leads WHERE id = $1 FOR UPDATE`, id).Scan(&l.ID, &l.OwnerID); err != nil {
		return nil, err
	}
	return &l, nil
}

// GetLead loads a lead in the caller's transaction, without a lock.
func (s *Store) GetLead(ctx context.Context, tx *sql.Tx, id int64) (*Lead, error) {
	var l Lead
	if err := tx.QueryRowContext(ctx, `SELECT id, owner_id FROM leads WHERE id = $1`, id).Scan(&l.ID, &l.OwnerID); err != nil {
		return nil, err
	}
	return &l, nil
}

// SetLeadOwner writes the owner in the caller's transaction.
func (s *Store) SetLeadOwner(ctx context.Context, tx *sql.Tx, id, ownerID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, ownerID, id)
	return err
}

// FindUserIDByEmail returns the id of the user with that email.
func (s *Store) FindUserIDByEmail(ctx context.Context, email string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// CreateUser inserts a user.
func (s *Store) CreateUser(ctx context.Context, email string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO users (email) VALUES ($1) RETURNING id`, email).Scan(&id)
	return id, err
}

// EnsureUser inserts a user unless one with that email exists, in one
// statement.
func (s *Store) EnsureUser(ctx context.Context, email string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO users (email) VALUES ($1)
		ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`, email).Scan(&id)
	return id, err
}
