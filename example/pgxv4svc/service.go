// Package pgxv4svc is pgxsvc's core on pgx v4 (github.com/jackc/pgx/v4,
// whose CommandTag comes from github.com/jackc/pgconn, and whose
// BeginFunc and BeginTxFunc are methods of the pool): read as pgx v5.
package pgxv4svc

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

var ErrNotPending = errors.New("job is not pending")

type Service struct{ pool *pgxpool.Pool }

// StartJob is racy: the status is checked in Go, then written.
func (s *Service) StartJob(ctx context.Context, id int64) error {
	var status string
	if err := s.pool.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return ErrNotPending
	}
	_, err := s.pool.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id) // want "RL001"
	return err
}

// StartJobCond is safe: one conditional UPDATE whose count decides.
func (s *Service) StartJobCond(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return ErrNotPending
	}
	return nil
}

// Withdraw is racy: pool.BeginFunc's transaction reads the balance
// without a lock.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	return s.pool.BeginFunc(ctx, func(tx pgx.Tx) error {
		var balance int64
		if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, id).Scan(&balance); err != nil {
			return err
		}
		if balance < amount {
			return errors.New("insufficient funds")
		}
		_, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, id) // want "RL005"
		return err
	})
}

// WithdrawLocked is safe: the read locks the row in BeginFunc's transaction.
func (s *Service) WithdrawLocked(ctx context.Context, id, amount int64) error {
	return s.pool.BeginFunc(ctx, func(tx pgx.Tx) error {
		var balance int64
		if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, id).Scan(&balance); err != nil {
			return err
		}
		if balance < amount {
			return errors.New("insufficient funds")
		}
		_, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, id)
		return err
	})
}

// Register is racy: pgx.ErrNoRows says the user is missing, then it is
// inserted.
func (s *Service) Register(ctx context.Context, email string) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM users WHERE email = $1`, email).Scan(&id)
	if err == nil {
		return errors.New("taken")
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO users (email) VALUES ($1)`, email) // want "RL002"
	return err
}

// Serializable is flagged by RL007: BeginTxFunc at SERIALIZABLE with no retry.
func (s *Service) Serializable(ctx context.Context, id int64) error {
	return s.pool.BeginTxFunc(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error { // want "RL007"
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&status); err != nil {
			return err
		}
		if status != "pending" {
			return ErrNotPending
		}
		_, err := tx.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id)
		return err
	})
}
