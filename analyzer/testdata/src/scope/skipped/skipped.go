// Package skipped holds a race in a file that TestScope's skip-paths
// excludes (scope/skipped/repair.go) and its twin in this file.
package skipped

import (
	"context"
	"database/sql"
)

func Claim(ctx context.Context, db *sql.DB, leadID, userID int64) error {
	var owner sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return nil
	}
	_, err := db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID) // want "RL001"
	return err
}
