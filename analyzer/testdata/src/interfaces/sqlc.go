// Package interfaces calls the database through interfaces shaped like
// database/sql (sqlc's DBTX) and pgx.
package interfaces

import (
	"context"
	"database/sql"
	"errors"
)

var errTaken = errors.New("taken")

// DBTX is what sqlc generates.
type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	PrepareContext(context.Context, string) (*sql.Stmt, error)
	QueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
}

type Queries struct{ db DBTX }

func New(db DBTX) *Queries { return &Queries{db: db} }

// racy: check-then-update through DBTX.
func (q *Queries) ClaimLead(ctx context.Context, leadID, userID int64) error {
	var owner sql.NullInt64
	if err := q.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaken
	}
	_, err := q.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID) // want "RL001"
	return err
}

// racy: check-then-insert through DBTX.
func (q *Queries) EnsureTag(ctx context.Context, name string) error {
	var id int64
	err := q.db.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = $1`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = q.db.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, name) // want "RL002"
	}
	return err
}

// racy: unchecked claim through DBTX.
func (q *Queries) AssignLead(ctx context.Context, leadID, userID int64) error {
	_, err := q.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID) // want "RL004"
	return err
}

// safe: conditional claim through DBTX with RowsAffected.
func (q *Queries) ClaimLeadSafe(ctx context.Context, leadID, userID int64) error {
	res, err := q.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errTaken
	}
	return nil
}

// near-miss: authorization check, write of another column.
func (q *Queries) RenameLead(ctx context.Context, leadID, userID int64, name string) error {
	var owner sql.NullInt64
	if err := q.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Int64 != userID {
		return errTaken
	}
	_, err := q.db.ExecContext(ctx, `UPDATE leads SET name = $1 WHERE id = $2`, name, leadID)
	return err
}

// Store wraps *sql.DB and *sql.Tx behind DBTX; calls through it are the same.
func Open(db *sql.DB) *Queries { return New(db) }
