package sqlsvc

import (
	"context"
	"database/sql"
	"embed"

	"github.com/maragudk/migrate"
)

//go:embed migrations.go
var migrationFiles embed.FS

// RunMigrations runs the SQL migrations with maragu's migrate, and a data
// step after one of them: the migrator runs the step once per version, so
// neither its callback nor backfillDefaultTag, which only the callback
// calls, is reported.
func RunMigrations(ctx context.Context, db *sql.DB) error {
	after := func(ctx context.Context, tx *sql.Tx, version string) error {
		if version == "0007_default_tag" {
			return backfillDefaultTag(ctx, tx)
		}
		return nil
	}
	return migrate.New(migrate.Options{After: after, DB: db, FS: migrationFiles}).MigrateUp(ctx)
}

func backfillDefaultTag(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE name = $1`, "default").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, "default")
		return err
	}
	return nil
}
