// Package rl007sqlx holds RL007 serializable-without-retry cases for sqlx.
package rl007sqlx

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

type Service struct{ db *sqlx.DB }

// racy: BeginTxx Serializable once.
func (s *Service) Once(ctx context.Context) error {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	return tx.Commit()
}

// racy: MustBeginTx Repeatable Read once.
func (s *Service) MustOnce(ctx context.Context) error {
	tx := s.db.MustBeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead}) // want "RL007"
	return tx.Commit()
}

// safe: inside a retry-named helper's function literal.
func (s *Service) Retried(ctx context.Context) error {
	return retrySerializable(func() error {
		tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// near-miss: MustBegin default.
func (s *Service) Default() error {
	tx := s.db.MustBegin()
	return tx.Commit()
}

func retrySerializable(fn func() error) error {
	err := fn()
	for i := 0; err != nil && i < 3; i++ {
		err = fn()
	}
	return err
}
