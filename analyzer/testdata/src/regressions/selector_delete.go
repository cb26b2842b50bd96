package regressions

import (
	"context"
	"database/sql"
)

// A check that only picks which row to delete (wakapi's API keys and
// project labels) is not a race: both callers delete the same row once.

// silent: the comparison with the request's value selects the row; both
// callers delete it once and both audit a revocation that happened.
func RevokeKey(ctx context.Context, db *sql.DB, id int64, want string, audit func(string)) error {
	var value string
	if err := db.QueryRowContext(ctx, `SELECT value FROM api_keys WHERE id = $1`, id).Scan(&value); err != nil {
		return err
	}
	if value == want {
		if _, err := db.ExecContext(ctx, `DELETE FROM api_keys WHERE id = $1`, id); err != nil {
			return err
		}
		audit("key revoked")
	}
	return nil
}

// racy twin: the check tests a state another request can change (a key
// activated in between is deleted).
func DiscardDraftKey(ctx context.Context, db *sql.DB, id int64, audit func(string)) error {
	var state string
	if err := db.QueryRowContext(ctx, `SELECT state FROM api_keys WHERE id = $1`, id).Scan(&state); err != nil {
		return err
	}
	if state == "draft" {
		if _, err := db.ExecContext(ctx, `DELETE FROM api_keys WHERE id = $1`, id); err != nil { // want `RL001 check-then-update: db.ExecContext writes api_keys after .state == "draft". checked in Go`
			return err
		}
		audit("draft discarded")
	}
	return nil
}
