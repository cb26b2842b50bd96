// Package rl007sql holds RL007 serializable-without-retry cases for database/sql.
package rl007sql

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

type Service struct{ db *sql.DB }

// racy: Serializable once.
func (s *Service) Once(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE counters SET n = n + 1 WHERE id = 1`); err != nil {
		return err
	}
	return tx.Commit()
}

// racy: Repeatable Read, options in a variable.
func (s *Service) RepeatableOnce(ctx context.Context) error {
	opts := &sql.TxOptions{Isolation: sql.LevelRepeatableRead}
	tx, err := s.db.BeginTx(ctx, opts) // want "RL007"
	if err != nil {
		return err
	}
	return tx.Commit()
}

// safe: retried in a loop on 40001.
func (s *Service) Loop(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		err = tx.Commit()
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return nil
}

// safe: begun inside a function literal passed to a retry helper.
func (s *Service) Helper(ctx context.Context) error {
	return retryTx(func() error {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// safe: the options are built outside the retried closure that begins the
// transaction (a free variable of the closure).
func (s *Service) HelperOpts(ctx context.Context) error {
	opts := &sql.TxOptions{Isolation: sql.LevelSerializable}
	return retryTx(func() error {
		tx, err := s.db.BeginTx(ctx, opts)
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// safe: the function looks at SQLSTATE 40001 itself.
func (s *Service) Inspects(ctx context.Context) (retry bool, err error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return false, err
	}
	err = tx.Commit()
	if err != nil && strings.Contains(err.Error(), "40001") {
		return true, err
	}
	return false, err
}

// near-miss: default isolation.
func (s *Service) Default(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return tx.Commit()
}

// near-miss: explicit READ COMMITTED.
func (s *Service) ReadCommitted(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	return tx.Commit()
}

func retryTx(fn func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}
