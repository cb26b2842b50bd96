package regressions

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// A delete whose affected-row count decides is the claim (issue 17, a
// single-use gate): whatever both callers checked before, one deletes the
// row and the other sees 0 rows. Its twin ignores the count.

var errUsed = errors.New("token already used")

// safe: the delete's count says who used the token.
func RedeemToken(ctx context.Context, db *sql.DB, token string) error {
	var expires time.Time
	if err := db.QueryRowContext(ctx, `SELECT expires_at FROM refresh_tokens WHERE token = $1`, token).Scan(&expires); err != nil {
		return err
	}
	if expires.Before(time.Now()) {
		return errUsed
	}
	res, err := db.ExecContext(ctx, `DELETE FROM refresh_tokens WHERE token = $1`, token)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errUsed
	}
	return nil
}

// racy twin: the count is ignored, so both callers redeem the token.
func RedeemTokenTwice(ctx context.Context, db *sql.DB, token string) error {
	var expires time.Time
	if err := db.QueryRowContext(ctx, `SELECT expires_at FROM refresh_tokens WHERE token = $1`, token).Scan(&expires); err != nil {
		return err
	}
	if expires.Before(time.Now()) {
		return errUsed
	}
	_, err := db.ExecContext(ctx, `DELETE FROM refresh_tokens WHERE token = $1`, token) // want "RL001"
	return err
}

// racy: a one-time code checked only for existence, then deleted with
// its count ignored: two requests both find it and both use it.
func UseCodeTwice(ctx context.Context, db *sql.DB, code string) (int64, error) {
	var userID int64
	err := db.QueryRowContext(ctx, `SELECT user_id FROM login_codes WHERE code = $1`, code).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errUsed
	}
	if err != nil {
		return 0, err
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM login_codes WHERE code = $1`, code); err != nil { // want "RL001"
		return 0, err
	}
	return userID, nil
}

// safe: the DELETE is the claim, its count decides.
func UseCodeOnce(ctx context.Context, db *sql.DB, code string) (int64, error) {
	var userID int64
	err := db.QueryRowContext(ctx, `DELETE FROM login_codes WHERE code = $1 RETURNING user_id`, code).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errUsed
	}
	return userID, err
}

// near-miss (gatus, gogs): rows read in a loop, then a clean-up delete
// past a cutoff and more writes: no one code used once.
func CompactSamples(ctx context.Context, db *sql.DB, endpointID, cutoff int64) error {
	rows, err := db.QueryContext(ctx, `SELECT ts, n FROM samples WHERE endpoint_id = $1 AND ts < $2`, endpointID, cutoff)
	if err != nil {
		return err
	}
	defer rows.Close()
	var total int64
	for rows.Next() {
		var ts, n int64
		if err := rows.Scan(&ts, &n); err != nil {
			return err
		}
		total += n
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM samples WHERE endpoint_id = $1 AND ts < $2`, endpointID, cutoff); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO daily_samples (endpoint_id, n) VALUES ($1, $2)`, endpointID, total)
	return err
}
