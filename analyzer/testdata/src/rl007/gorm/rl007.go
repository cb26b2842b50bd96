// Package rl007gorm holds RL007 serializable-without-retry cases for GORM v2.
package rl007gorm

import (
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

type Service struct{ db *gorm.DB }

// racy: Transaction with Serializable options, no retry.
func (s *Service) Once() error {
	return s.db.Transaction(func(tx *gorm.DB) error { // want "RL007"
		return tx.Exec(`UPDATE counters SET n = n + 1 WHERE id = 1`).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}

// racy: Begin with Repeatable Read, no retry.
func (s *Service) BeginOnce() error {
	tx := s.db.Begin(&sql.TxOptions{Isolation: sql.LevelRepeatableRead}) // want "RL007"
	return tx.Commit().Error
}

// safe: loop with 40001 check.
func (s *Service) Loop() error {
	for i := 0; i < 5; i++ {
		err := s.db.Transaction(func(tx *gorm.DB) error {
			return tx.Exec(`UPDATE counters SET n = n + 1 WHERE id = 1`).Error
		}, &sql.TxOptions{Isolation: sql.LevelSerializable})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return nil
}

// near-miss: Transaction at default isolation.
func (s *Service) Default() error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		return tx.Exec(`UPDATE counters SET n = n + 1 WHERE id = 1`).Error
	})
}
