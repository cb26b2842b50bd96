// Package pgdrv implements store.Driver; it classifies serialization
// failures for store's retry loop, which it cannot see.
package pgdrv

import (
	"context"
	"database/sql"
	"strings"
)

// DB is the PostgreSQL driver.
type DB struct{ db *sql.DB }

// IsRetryable reports a serialization failure.
func (d *DB) IsRetryable(err error) bool { return strings.Contains(err.Error(), "40001") }

// Apply is retried by store.Store.Apply through the interface.
func (d *DB) Apply(ctx context.Context, id int64) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE items SET n = n + 1 WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Mutate is not retried by anyone: IsRetryable next to it does not help.
func (d *DB) Mutate(ctx context.Context, id int64) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE items SET n = 0 WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}
