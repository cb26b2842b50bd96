// Package rl002pgx holds RL002 check-then-insert cases for pgx v5.
package rl002pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Service struct {
	pool *pgxpool.Pool
	conn *pgx.Conn
}

// racy: pgx.ErrNoRows by errors.Is, then Exec insert.
func (s *Service) Ensure(ctx context.Context, email string) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		_, err = s.pool.Exec(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email) // want "RL002"
	}
	return err
}

// racy: err == pgx.ErrNoRows on a *pgx.Conn, INSERT RETURNING.
func (s *Service) EnsureReturning(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.conn.QueryRow(ctx, `SELECT id FROM tags WHERE name = $1`, name).Scan(&id)
	if err != pgx.ErrNoRows {
		return id, err
	}
	err = s.conn.QueryRow(ctx, `INSERT INTO tags (name) VALUES ($1) RETURNING id`, name).Scan(&id) // want "RL002"
	return id, err
}

// racy: CollectRows + len check.
func (s *Service) EnsureCollect(ctx context.Context, key string) error {
	rows, err := s.pool.Query(ctx, `SELECT id FROM events WHERE dedup_key = $1`, key)
	if err != nil {
		return err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	if len(ids) > 0 {
		return nil
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO events (dedup_key) VALUES ($1)`, key) // want "RL002"
	return err
}

// racy: EXISTS inside a pgx.BeginFunc default-isolation transaction.
func (s *Service) EnsureInTx(ctx context.Context, key string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE dedup_key = $1)`, key).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO events (dedup_key) VALUES ($1)`, key) // want "RL002"
		return err
	})
}

// safe: ON CONFLICT DO NOTHING with RowsAffected.
func (s *Service) EnsureOnConflict(ctx context.Context, key string) (bool, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM events WHERE dedup_key = $1`, key).Scan(&id)
	if !errors.Is(err, pgx.ErrNoRows) {
		return false, err
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO events (dedup_key) VALUES ($1) ON CONFLICT (dedup_key) DO NOTHING`, key)
	return tag.RowsAffected() == 1, err
}

// safe: errors.As *pgconn.PgError Code "23505".
func (s *Service) EnsureDup(ctx context.Context, email string) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	return err
}

// safe: Serializable BeginTxFunc inside a retry loop.
func (s *Service) EnsureSerializable(ctx context.Context, key string) error {
	for i := 0; i < 5; i++ {
		err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			var exists bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE dedup_key = $1)`, key).Scan(&exists); err != nil {
				return err
			}
			if exists {
				return nil
			}
			_, err := tx.Exec(ctx, `INSERT INTO events (dedup_key) VALUES ($1)`, key)
			return err
		})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return nil
}

// near-miss: insert into a different table.
func (s *Service) Miss(ctx context.Context, email string) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		_, err = s.pool.Exec(ctx, `INSERT INTO misses (email) VALUES ($1)`, email)
	}
	return err
}

// near-miss: plain err != nil before an insert.
func (s *Service) Log(ctx context.Context, key string) error {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM events WHERE dedup_key = $1`, key).Scan(&n); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO events (dedup_key) VALUES ($1)`, key)
	return err
}
