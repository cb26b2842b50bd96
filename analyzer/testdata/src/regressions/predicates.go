package regressions

import (
	"context"
	"database/sql"
	"errors"

	"regressions/remote"
)

// Predicate methods (issue 17, class 2): a check written as a method call
// tests the fields the method reads. An authorization check of the role
// before a write of the password is not a race; the same write after a
// predicate of the column it sets is.

var errForbidden = errors.New("forbidden")

type Staff struct {
	ID       int64
	Role     string
	Password string
	Locked   bool
}

func (m *Staff) IsAdmin() bool { return m.Role == "admin" }

func (m *Staff) CanLogin() bool { return !m.IsLocked() }

func (m *Staff) IsLocked() bool { return m.Locked }

// safe: IsAdmin reads role; the write sets password.
func ResetPassword(ctx context.Context, db *sql.DB, id int64, hash string) error {
	var m Staff
	if err := db.QueryRowContext(ctx, `SELECT role, password FROM staff WHERE id = $1`, id).Scan(&m.Role, &m.Password); err != nil {
		return err
	}
	if !m.IsAdmin() {
		return errForbidden
	}
	_, err := db.ExecContext(ctx, `UPDATE staff SET password = $1 WHERE id = $2`, hash, id)
	return err
}

// racy twin: CanLogin reads locked (through IsLocked), and the write sets it.
func LockOnce(ctx context.Context, db *sql.DB, id int64) error {
	var m Staff
	if err := db.QueryRowContext(ctx, `SELECT role, locked FROM staff WHERE id = $1`, id).Scan(&m.Role, &m.Locked); err != nil {
		return err
	}
	if !m.CanLogin() {
		return errForbidden
	}
	_, err := db.ExecContext(ctx, `UPDATE staff SET locked = $1 WHERE id = $2`, true, id) // want "RL001"
	return err
}

// safe: a predicate of another package (a PredicateFields fact) that
// reads role, before a write of tier_id.
func ChangeTier(ctx context.Context, db *sql.DB, id, tier int64) error {
	var p remote.Profile
	if err := db.QueryRowContext(ctx, `SELECT role, tier_id FROM profiles WHERE id = $1`, id).Scan(&p.Role, &p.TierID); err != nil {
		return err
	}
	if p.IsAdmin() {
		return errForbidden
	}
	_, err := db.ExecContext(ctx, `UPDATE profiles SET tier_id = $1 WHERE id = $2`, tier, id)
	return err
}

// racy twin: the other package's predicate reads tier_id, which the write sets.
func AssignFirstTier(ctx context.Context, db *sql.DB, id, tier int64) error {
	var p remote.Profile
	if err := db.QueryRowContext(ctx, `SELECT role, tier_id FROM profiles WHERE id = $1`, id).Scan(&p.Role, &p.TierID); err != nil {
		return err
	}
	if p.HasTier() {
		return errForbidden
	}
	_, err := db.ExecContext(ctx, `UPDATE profiles SET tier_id = $1 WHERE id = $2`, tier, id) // want "RL001"
	return err
}
