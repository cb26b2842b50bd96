// Package wrappers is an in-house data layer: thin executors that take the
// SQL as a parameter. racelint summarises them with the SQL left open and
// classifies the constant SQL each caller passes.
package wrappers

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

type DB struct{ db *sql.DB }

func (d *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return d.db.QueryRowContext(ctx, q, args...)
}

func (d *DB) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return d.db.ExecContext(ctx, q, args...)
}

var errTaken = errors.New("taken")

// racy: read and write through the executors, check in between.
func (d *DB) Open(ctx context.Context, tracking string) error {
	var id int64
	var opened sql.NullTime
	if err := d.queryRow(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = $1`, tracking).Scan(&id, &opened); err != nil {
		return err
	}
	if opened.Valid {
		return nil
	}
	_, err := d.exec(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), id) // want "RL001"
	return err
}

// safe: the conditional write through the executor, its count checked.
func (d *DB) OpenOnce(ctx context.Context, tracking string) (bool, error) {
	res, err := d.exec(ctx, `UPDATE emails SET opened_at = $1 WHERE tracking_id = $2 AND opened_at IS NULL`, time.Now(), tracking)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// racy: the claim's count is dropped.
func (d *DB) Assign(ctx context.Context, leadID, userID int64) error {
	_, err := d.exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID) // want "RL004"
	return err
}

// near-miss: SQL built at run time stays unknown.
func (d *DB) Dynamic(ctx context.Context, table string, id int64) error {
	var n int64
	if err := d.queryRow(ctx, "SELECT n FROM "+table+" WHERE id = $1", id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err := d.exec(ctx, "UPDATE "+table+" SET n = 1 WHERE id = $1", id)
	return err
}
