// Package rl004sqlx holds RL004 unchecked-conditional-write cases for sqlx.
package rl004sqlx

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"
)

type Service struct{ db *sqlx.DB }

// racy: MustExec claim, result dropped.
func (s *Service) Claim(leadID, userID int64) {
	s.db.MustExec(s.db.Rebind(`UPDATE leads SET owner_id = ? WHERE id = ? AND owner_id IS NULL`), userID, leadID) // want "RL004"
}

// racy: status transition through ExecContext, only err checked.
func (s *Service) Start(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, id); err != nil { // want "RL004"
		return err
	}
	return nil
}

// safe: count compared.
func (s *Service) ClaimChecked(ctx context.Context, leadID, userID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errors.New("taken")
	}
	return nil
}

// near-miss: idempotent timestamp.
func (s *Service) Archive(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, id)
	return err
}
