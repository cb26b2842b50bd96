// Package rl003sql holds RL003 lost-update cases for database/sql.
package rl003sql

import (
	"context"
	"database/sql"
	"errors"
)

var errLow = errors.New("insufficient funds")

type Account struct {
	ID      int64
	Balance int64
}

type Service struct{ db *sql.DB }

// racy: views+1 written back, no check at all.
func (s *Service) View(ctx context.Context, postID int64) error {
	var views int64
	if err := s.db.QueryRowContext(ctx, `SELECT views FROM posts WHERE id = $1`, postID).Scan(&views); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views+1, postID) // want "RL003"
	return err
}

// racy: balance-amount after a funds check (RL003 wins over RL001), struct scan.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	var a Account
	if err := s.db.QueryRowContext(ctx, `SELECT id, balance FROM accounts WHERE id = $1`, id).Scan(&a.ID, &a.Balance); err != nil {
		return err
	}
	if a.Balance < amount {
		return errLow
	}
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, a.Balance-amount, a.ID) // want "RL003"
	return err
}

// racy: new value computed in a local before the write, MySQL placeholders.
func (s *Service) AddStock(sku string, n int) error {
	var qty int
	if err := s.db.QueryRow("SELECT `qty` FROM `stock` WHERE `sku` = ?", sku).Scan(&qty); err != nil {
		return err
	}
	next := qty + n
	_, err := s.db.Exec("UPDATE `stock` SET `qty` = ? WHERE `sku` = ?", next, sku) // want "RL003"
	return err
}

// racy: string append of a tag list read from the row.
func (s *Service) AddTag(ctx context.Context, id int64, tag string) error {
	var tags string
	if err := s.db.QueryRowContext(ctx, `SELECT tags FROM posts WHERE id = $1`, id).Scan(&tags); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET tags = $1 WHERE id = $2`, tags+","+tag, id) // want "RL003"
	return err
}

// safe: atomic SET views = views + 1.
func (s *Service) ViewAtomic(ctx context.Context, postID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET views = views + 1 WHERE id = $1`, postID)
	return err
}

// safe: atomic decrement re-checked in WHERE with RowsAffected.
func (s *Service) WithdrawAtomic(ctx context.Context, id, amount int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1`, amount, id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errLow
	}
	return nil
}

// safe: optimistic locking with a version column and RowsAffected.
func (s *Service) WithdrawVersioned(ctx context.Context, id, amount int64) error {
	var balance, version int64
	if err := s.db.QueryRowContext(ctx, `SELECT balance, version FROM accounts WHERE id = $1`, id).Scan(&balance, &version); err != nil {
		return err
	}
	if balance < amount {
		return errLow
	}
	res, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = $1, version = version + 1 WHERE id = $2 AND version = $3`, balance-amount, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errors.New("concurrent update")
	}
	return nil
}

// safe: read and write-back under FOR UPDATE in one tx.
func (s *Service) ViewLocked(ctx context.Context, postID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var views int64
	if err := tx.QueryRowContext(ctx, `SELECT views FROM posts WHERE id = $1 FOR UPDATE`, postID).Scan(&views); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views+1, postID); err != nil {
		return err
	}
	return tx.Commit()
}

// near-miss: the written value comes from the caller, not from the read.
func (s *Service) SetTitle(ctx context.Context, id int64, title string) error {
	var old string
	if err := s.db.QueryRowContext(ctx, `SELECT title FROM posts WHERE id = $1`, id).Scan(&old); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, id)
	return err
}

// near-miss: the value read from one account is written to another column of another table.
func (s *Service) Snapshot(ctx context.Context, id int64) error {
	var balance int64
	if err := s.db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, id).Scan(&balance); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO balance_history (account_id, balance) VALUES ($1, $2)`, id, balance)
	return err
}
