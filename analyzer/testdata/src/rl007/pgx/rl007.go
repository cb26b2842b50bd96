// Package rl007pgx holds RL007 serializable-without-retry cases for pgx v5.
package rl007pgx

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

// racy: BeginTxFunc Serializable once.
func (s *Service) Once(ctx context.Context) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error { // want "RL007"
		_, err := tx.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = 1`)
		return err
	})
}

// racy: conn.BeginTx RepeatableRead once.
func (s *Service) RepeatableOnce(ctx context.Context) error {
	tx, err := s.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead}) // want "RL007"
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// racy: pool.BeginTx Serializable once.
func (s *Service) PoolOnce(ctx context.Context) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable, AccessMode: pgx.ReadWrite}) // want "RL007"
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// safe: loop with 40001 check.
func (s *Service) Loop(ctx context.Context) error {
	for {
		err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = 1`)
			return err
		})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
}

// near-miss: BeginFunc default isolation.
func (s *Service) Default(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return nil })
}

// near-miss: explicit ReadCommitted.
func (s *Service) ReadCommitted(ctx context.Context) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}
