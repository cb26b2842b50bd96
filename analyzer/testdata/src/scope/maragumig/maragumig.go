// Package maragumig runs data steps from maragu migrate's After callback,
// dispatched by version to helpers: the migrator runs each once, so
// neither the callback nor what only it calls is reported. A helper that
// a request calls too is.
package maragumig

import (
	"context"
	"database/sql"

	"github.com/maragudk/migrate"
)

func Migrate(ctx context.Context, db *sql.DB) error {
	after := func(ctx context.Context, tx *sql.Tx, version string) error {
		switch version {
		case "0042_default_tag":
			return migrateDefaultTag(ctx, tx)
		case "0043_tag_counts":
			return ensureTag(ctx, tx, "general")
		}
		return nil
	}
	return migrate.New(migrate.Options{After: after, DB: db}).MigrateUp(ctx)
}

// migrateDefaultTag runs only from the migration callback: not reported,
// and neither is seedTag, which only it calls.
func migrateDefaultTag(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE name = $1`, "misc").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, "misc")
		if err != nil {
			return err
		}
	}
	return seedTag(ctx, tx)
}

func seedTag(ctx context.Context, tx *sql.Tx) error {
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

// ensureTag is a step of a migration and of a request (AddTag): the
// request's concurrent calls race, so it is reported.
func ensureTag(ctx context.Context, tx *sql.Tx, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE name = $1`, name).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, name) // want "RL002"
		return err
	}
	return nil
}

func AddTag(ctx context.Context, db *sql.DB, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := ensureTag(ctx, tx, name); err != nil {
		return err
	}
	return tx.Commit()
}
