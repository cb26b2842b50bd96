// Package rl004pgx holds RL004 unchecked-conditional-write cases for pgx v5.
package rl004pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Service struct {
	pool *pgxpool.Pool
	conn *pgx.Conn
}

// racy: claim on the pool, CommandTag dropped.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	_, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID) // want "RL004"
	return err
}

// racy: transition on a *pgx.Conn, tag kept but never looked at.
func (s *Service) Start(ctx context.Context, id int64) error {
	tag, err := s.conn.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, id) // want "RL004"
	_ = tag
	return err
}

// safe: RowsAffected compared.
func (s *Service) ClaimChecked(ctx context.Context, leadID, userID int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 1 {
		return errors.New("taken")
	}
	return nil
}

// safe: RETURNING row with pgx.ErrNoRows checked.
func (s *Service) StartReturning(ctx context.Context, id int64) (bool, error) {
	var got int64
	err := s.pool.QueryRow(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending' RETURNING id`, id).Scan(&got)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// near-miss: idempotent timestamp.
func (s *Service) Archive(ctx context.Context, id int64) error {
	_, err := s.pool.Exec(ctx, `UPDATE leads SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, id)
	return err
}
