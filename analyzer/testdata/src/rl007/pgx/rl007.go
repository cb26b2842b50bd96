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

// silent: a read-only Repeatable Read snapshot never conflicts; only
// writes fail with 40001 there.
func (s *Service) ReadOnlySnapshot(ctx context.Context) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// silent: read-only deferrable Serializable waits for a safe snapshot
// and then cannot fail (pg_dump's mode).
func (s *Service) SafeSnapshot(ctx context.Context) error {
	tx, err := s.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable, AccessMode: pgx.ReadOnly, DeferrableMode: pgx.Deferrable})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// racy: read-only Serializable that is not deferrable can still be the
// transaction PostgreSQL aborts.
func (s *Service) ReadOnlySerializable(ctx context.Context) error {
	tx, err := s.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable, AccessMode: pgx.ReadOnly}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// racy: deferrable alone does nothing for a transaction that writes.
func (s *Service) DeferrableWriter(ctx context.Context) error {
	tx, err := s.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable, DeferrableMode: pgx.Deferrable}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE counters SET n = n + 1 WHERE id = 1`); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
