// Package rl005pgx holds RL005 tx-without-lock cases for pgx v5.
package rl005pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var errTaken = errors.New("taken")

type Service struct {
	pool *pgxpool.Pool
	conn *pgx.Conn
}

// racy: pgx.BeginFunc default isolation.
func (s *Service) Start(ctx context.Context, id int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&status); err != nil {
			return err
		}
		if status != "pending" {
			return errTaken
		}
		_, err := tx.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id) // want "RL005"
		return err
	})
}

// racy: conn.Begin, lost update.
func (s *Service) Bump(ctx context.Context, id int64) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var n int64
	if err := tx.QueryRow(ctx, `SELECT counter FROM counters WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE counters SET counter = $1 WHERE id = $2`, n+1, id); err != nil { // want "RL005"
		return err
	}
	return tx.Commit(ctx)
}

// racy: pool.BeginTx with explicit ReadCommitted.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var owner *int64
	if err := tx.QueryRow(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner != nil {
		return errTaken
	}
	if _, err := tx.Exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit(ctx)
}

// safe: FOR UPDATE in the same BeginFunc.
func (s *Service) StartLocked(ctx context.Context, id int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, id).Scan(&status); err != nil {
			return err
		}
		if status != "pending" {
			return errTaken
		}
		_, err := tx.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id)
		return err
	})
}

// near-miss: tx touch after err handling only.
func (s *Service) Touch(ctx context.Context, id int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var name string
		if err := tx.QueryRow(ctx, `SELECT name FROM users WHERE id = $1`, id).Scan(&name); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE users SET last_seen_at = now() WHERE id = $1`, id)
		return err
	})
}
