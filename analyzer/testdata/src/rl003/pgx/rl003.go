// Package rl003pgx holds RL003 lost-update cases for pgx v5.
package rl003pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var errLow = errors.New("insufficient funds")

type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

type Service struct{ pool *pgxpool.Pool }

// racy: CollectOneRow, check, balance-amount written back.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	rows, err := s.pool.Query(ctx, `SELECT id, balance FROM accounts WHERE id = $1`, id)
	if err != nil {
		return err
	}
	a, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Account])
	if err != nil {
		return err
	}
	if a.Balance < amount {
		return errLow
	}
	_, err = s.pool.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, a.Balance-amount, a.ID) // want "RL003"
	return err
}

// racy: QueryRow.Scan, views+1, no check.
func (s *Service) View(ctx context.Context, id int64) error {
	var views int64
	if err := s.pool.QueryRow(ctx, `SELECT views FROM posts WHERE id = $1`, id).Scan(&views); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views+1, id) // want "RL003"
	return err
}

// racy: multiplicative change computed in Go.
func (s *Service) Double(ctx context.Context, id int64) error {
	var credit int64
	if err := s.pool.QueryRow(ctx, `SELECT credit FROM accounts WHERE id = $1`, id).Scan(&credit); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `UPDATE accounts SET credit = $1 WHERE id = $2`, credit*2, id) // want "RL003"
	return err
}

// safe: atomic increment, count checked.
func (s *Service) ViewAtomic(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE posts SET views = views + 1 WHERE id = $1`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return errLow
	}
	return nil
}

// safe: FOR UPDATE inside BeginFunc.
func (s *Service) WithdrawLocked(ctx context.Context, id, amount int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var balance int64
		if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, id).Scan(&balance); err != nil {
			return err
		}
		if balance < amount {
			return errLow
		}
		_, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, id)
		return err
	})
}

// near-miss: different record (from -> to) with a caller value.
func (s *Service) Mirror(ctx context.Context, fromID, toID int64) error {
	var views int64
	if err := s.pool.QueryRow(ctx, `SELECT views FROM posts WHERE id = $1`, fromID).Scan(&views); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views, toID)
	return err
}
