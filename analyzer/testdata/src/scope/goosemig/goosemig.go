// Package goosemig registers goose migrations: goose runs each once, in
// order, so they are not reported; the same code run by a request is.
package goosemig

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() {
	goose.AddMigrationContext(upDefaultTag, downDefaultTag)
	goose.AddMigration(func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM tags WHERE name = $1`, "misc").Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			_, err := tx.Exec(`INSERT INTO tags (name) VALUES ($1)`, "misc") // a migration: not reported
			return err
		}
		return nil
	}, nil)
}

// upDefaultTag is registered above: not reported.
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

// EnsureTag is the same code run per request, which no framework
// serialises: reported.
func EnsureTag(ctx context.Context, db *sql.DB, name string) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE name = $1`, name).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := db.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, name) // want "RL002"
		return err
	}
	return nil
}
