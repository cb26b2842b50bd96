// Package typeparams has a generic repository helper with a race inside.
package typeparams

import (
	"context"
	"database/sql"
	"errors"
)

var errTaken = errors.New("taken")

type Lead struct{ ID int64 }

// Claim is generic over the returned record but races on the owner check.
func Claim[T any](ctx context.Context, db *sql.DB, id, userID int64, load func(int64) T) (T, error) {
	var zero T
	var owner sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, id).Scan(&owner); err != nil {
		return zero, err
	}
	if owner.Valid {
		return zero, errTaken
	}
	if _, err := db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, id); err != nil { // want "RL001"
		return zero, err
	}
	return load(id), nil
}

// Repo is a generic repository; its Bump is a lost update.
type Repo[T any] struct{ db *sql.DB }

func (r *Repo[T]) Bump(ctx context.Context, id int64) error {
	var n int64
	if err := r.db.QueryRowContext(ctx, `SELECT hits FROM counters WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	_, err := r.db.ExecContext(ctx, `UPDATE counters SET hits = $1 WHERE id = $2`, n+1, id) // want "RL003"
	return err
}

// ClaimSafe is the atomic generic twin.
func ClaimSafe[T any](ctx context.Context, db *sql.DB, id, userID int64, load func(int64) T) (T, error) {
	var zero T
	res, err := db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, id)
	if err != nil {
		return zero, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return zero, errTaken
	}
	return load(id), nil
}

func use(ctx context.Context, db *sql.DB) {
	_, _ = Claim(ctx, db, 1, 2, func(id int64) Lead { return Lead{ID: id} })
	_, _ = ClaimSafe(ctx, db, 1, 2, func(id int64) Lead { return Lead{ID: id} })
	_ = (&Repo[Lead]{db: db}).Bump(ctx, 1)
}

var _ = use
