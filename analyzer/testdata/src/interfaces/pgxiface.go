package interfaces

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Querier is a hand-written pgx-style interface (satisfied by *pgxpool.Pool, pgx.Tx, *pgx.Conn).
type Querier interface {
	Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type PgRepo struct{ q Querier }

// racy: check-then-update through the pgx-style interface.
func (r *PgRepo) StartJob(ctx context.Context, id int64) error {
	var status string
	if err := r.q.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	_, err := r.q.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id) // want "RL001"
	return err
}

// racy: lost update through the interface.
func (r *PgRepo) Bump(ctx context.Context, id int64) error {
	var n int64
	if err := r.q.QueryRow(ctx, `SELECT hits FROM counters WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	_, err := r.q.Exec(ctx, `UPDATE counters SET hits = $1 WHERE id = $2`, n+1, id) // want "RL003"
	return err
}

// safe: conditional write with CommandTag.RowsAffected.
func (r *PgRepo) StartJobSafe(ctx context.Context, id int64) error {
	tag, err := r.q.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return errTaken
	}
	return nil
}

// near-miss: error handling only.
func (r *PgRepo) Touch(ctx context.Context, id int64) error {
	var status string
	if err := r.q.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&status); err != nil {
		return err
	}
	_, err := r.q.Exec(ctx, `UPDATE jobs SET touched_at = now() WHERE id = $1`, id)
	return err
}
