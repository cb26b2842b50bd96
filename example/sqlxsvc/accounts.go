package sqlxsvc

import (
	"context"
	"database/sql"
	"fmt"
)

// racy: balance-amount is computed in Go and written back after a Go-side funds check (RL003 wins over RL001).
func (s *Service) WithdrawRacy(ctx context.Context, accountID, amount int64) error {
	var acct Account
	if err := s.db.GetContext(ctx, &acct, `SELECT id, balance FROM accounts WHERE id = $1`, accountID); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, acct.Balance-amount, acct.ID); err != nil { // want "RL003"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return nil
}

// racy: the decrement is atomic but the Go check of balance is not re-checked in the WHERE: two withdrawals overdraw.
func (s *Service) WithdrawNoRecheck(ctx context.Context, accountID, amount int64) error {
	var acct Account
	if err := s.db.GetContext(ctx, &acct, `SELECT id, balance FROM accounts WHERE id = $1`, accountID); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amount, acct.ID); err != nil { // want "RL001"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return nil
}

// safe: atomic decrement whose WHERE re-checks balance >= $1, RowsAffected checked.
func (s *Service) Withdraw(ctx context.Context, accountID, amount int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1`, amount, accountID)
	if err != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	if n == 0 {
		return ErrInsufficientFunds
	}
	return nil
}

// racy: read, check and write-back share a default-isolation transaction but the SELECT takes no lock.
func (s *Service) WithdrawTx(ctx context.Context, accountID, amount int64) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var acct Account
	if err := tx.GetContext(ctx, &acct, `SELECT id, balance FROM accounts WHERE id = $1`, accountID); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, acct.Balance-amount, acct.ID); err != nil { // want "RL005"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return tx.Commit()
}

// safe: SELECT ... FOR UPDATE in the same transaction as the write-back.
func (s *Service) WithdrawLocked(ctx context.Context, accountID, amount int64) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var acct Account
	if err := tx.GetContext(ctx, &acct, `SELECT id, balance FROM accounts WHERE id = $1 FOR UPDATE`, accountID); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, acct.Balance-amount, acct.ID); err != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return tx.Commit()
}

// safe: Serializable transaction begun inside a function literal passed to retrySerializable (retries 40001).
func (s *Service) WithdrawSerializable(ctx context.Context, accountID, amount int64) error {
	return retrySerializable(ctx, func() error {
		tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer func() { _ = tx.Rollback() }()

		var acct Account
		if err := tx.GetContext(ctx, &acct, `SELECT id, balance FROM accounts WHERE id = $1`, accountID); err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return ErrInsufficientFunds
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, acct.Balance-amount, acct.ID); err != nil {
			return fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		return tx.Commit()
	})
}

// racy: Repeatable Read without any retry: a serialization failure (40001) surfaces to the caller as an error.
func (s *Service) WithdrawRepeatableRead(ctx context.Context, accountID, amount int64) error {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead}) // want "RL007"
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var acct Account
	if err := tx.GetContext(ctx, &acct, `SELECT id, balance FROM accounts WHERE id = $1`, accountID); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, acct.Balance-amount, acct.ID); err != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return tx.Commit()
}
