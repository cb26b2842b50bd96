package regressions

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Convergent writes (issue 17, class 1): every caller that passes the
// check stores the same thing, and nothing it does or returns depends on
// having won, so the interleaving cannot be told from a serial run. Each
// safe case has a racy twin that differs in one of those two ways.

var errAlreadyVerified = errors.New("already verified")

type Account struct {
	ID       int64
	Verified bool
	Active   bool
	LastSeen time.Time
	OpenedAt *time.Time
}

// safe: a flag set to the value the check tested for, written in the SQL
// text; the caller that finds it set gets what the winner gets (nil).
func VerifyAccount(ctx context.Context, db *sql.DB, id int64) error {
	var verified bool
	if err := db.QueryRowContext(ctx, `SELECT verified FROM accounts WHERE id = $1`, id).Scan(&verified); err != nil {
		return err
	}
	if verified {
		return nil
	}
	_, err := db.ExecContext(ctx, `UPDATE accounts SET verified = true WHERE id = $1`, id)
	return err
}

// racy twin: the loser should get errAlreadyVerified, and both get nil.
func VerifyAccountOnce(ctx context.Context, db *sql.DB, id int64) error {
	var verified bool
	if err := db.QueryRowContext(ctx, `SELECT verified FROM accounts WHERE id = $1`, id).Scan(&verified); err != nil {
		return err
	}
	if verified {
		return errAlreadyVerified
	}
	_, err := db.ExecContext(ctx, `UPDATE accounts SET verified = true WHERE id = $1`, id) // want "RL001"
	return err
}

// safe: an expired session deleted twice is deleted.
func DropExpired(ctx context.Context, db *sql.DB, id int64) error {
	var expires time.Time
	if err := db.QueryRowContext(ctx, `SELECT expires_at FROM sessions WHERE id = $1`, id).Scan(&expires); err != nil {
		return err
	}
	if expires.Before(time.Now()) {
		_, err := db.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, id)
		return err
	}
	return nil
}

// racy twin: the winner also writes another row; both callers do.
func DropExpiredAndAudit(ctx context.Context, db *sql.DB, id int64) error {
	var expires time.Time
	if err := db.QueryRowContext(ctx, `SELECT expires_at FROM sessions WHERE id = $1`, id).Scan(&expires); err != nil {
		return err
	}
	if expires.Before(time.Now()) {
		if _, err := db.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, id); err != nil { // want "RL001"
			return err
		}
		_, err := db.ExecContext(ctx, `INSERT INTO audit (session_id, event) VALUES ($1, 'expired')`, id)
		return err
	}
	return nil
}

// safe: a last-seen touch; the later time is as good as the earlier.
func Touch(ctx context.Context, db *sql.DB, id int64) error {
	var seen time.Time
	if err := db.QueryRowContext(ctx, `SELECT last_seen FROM accounts WHERE id = $1`, id).Scan(&seen); err != nil {
		return err
	}
	if time.Since(seen) > time.Minute {
		_, err := db.ExecContext(ctx, `UPDATE accounts SET last_seen = now() WHERE id = $1`, id)
		return err
	}
	return nil
}

// racy twin: the first open's time, overwritten by the second caller's.
func RecordFirstOpen(ctx context.Context, db *sql.DB, id int64) error {
	var opened *time.Time
	if err := db.QueryRowContext(ctx, `SELECT opened_at FROM accounts WHERE id = $1`, id).Scan(&opened); err != nil {
		return err
	}
	if opened == nil {
		_, err := db.ExecContext(ctx, `UPDATE accounts SET opened_at = now() WHERE id = $1`, id) // want "RL001"
		return err
	}
	return nil
}

// safe: GORM, a constant written back.
func Activate(db *gorm.DB, id int64) error {
	var a Account
	if err := db.First(&a, id).Error; err != nil {
		return err
	}
	if !a.Active {
		return db.Model(&a).Update("active", true).Error
	}
	return nil
}

// racy twin: only the winner is told it activated the account.
func ActivateFirst(db *gorm.DB, id int64) (bool, error) {
	var a Account
	if err := db.First(&a, id).Error; err != nil {
		return false, err
	}
	if a.Active {
		return false, nil
	}
	if err := db.Model(&a).Update("active", true).Error; err != nil { // want "RL001"
		return false, err
	}
	return true, nil
}
