package skipped

import (
	"context"
	"database/sql"
)

func RepairClaim(ctx context.Context, db *sql.DB, leadID, userID int64) error {
	var owner sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return nil
	}
	_, err := db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID) // in skip-paths: not reported
	return err
}
