package sqlsvc

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// Migrations that goose runs are not reported: goose runs each once, in
// order, under its version table, so a check-then-insert there does not
// race with itself. `racelint -migrations` reports them too.
func init() {
	goose.AddMigrationContext(upDefaultTag, downDefaultTag)
}

func upDefaultTag(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE name = $1`, "general").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, "general")
		return err
	}
	return nil
}

func downDefaultTag(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE name = $1`, "general")
	return err
}
