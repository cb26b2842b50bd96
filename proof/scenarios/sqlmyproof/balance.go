package sqlmyproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/go-sql-driver/mysql"
)

// WithdrawRacy is racy (RL003): balance-amount is computed in Go after a
// Go-side funds check and written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var balance int64
	err = s.db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = ?`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = ? WHERE id = ?`, balance-amount, accountID); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: the decrement's WHERE re-checks the funds and its
// affected-row count decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	res, err := s.db.ExecContext(ctx, `UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?`, amount, accountID, amount)
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return n == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back share a
// default-isolation transaction (InnoDB: REPEATABLE READ, whose plain
// SELECT reads a snapshot and the UPDATE overwrites the current row), but the SELECT takes no lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var balance int64
	err = tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = ?`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = ? WHERE id = ?`, balance-amount, accountID); err != nil { // want "RL005"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}

// WithdrawLocked is atomic: SELECT ... FOR UPDATE in the same transaction
// as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var balance int64
	err = tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = ? FOR UPDATE`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = ? WHERE id = ?`, balance-amount, accountID); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}

// WithdrawSerializable is atomic: a Serializable transaction begun inside a
// loop that retries on MariaDB deadlock error 1213 (InnoDB's Serializable takes shared
// locks on reads, so concurrent writers deadlock instead of failing with 40001).
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return false, fmt.Errorf("begin: %w", err)
		}
		var balance int64
		err = tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = ?`, accountID).Scan(&balance)
		pause()
		if err == nil && balance < amount {
			_ = tx.Rollback()
			return false, nil
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE accounts SET balance = ? WHERE id = ?`, balance-amount, accountID)
		}
		if err == nil {
			err = tx.Commit()
		}
		if err == nil {
			return true, nil
		}
		_ = tx.Rollback()
		var myErr *mysql.MySQLError
		if !errors.As(err, &myErr) || myErr.Number != 1213 {
			return false, fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		backoff(attempt)
	}
	return false, ErrContention
}

// WithdrawSerializableOnce is racy (RL007): Serializable without a retry,
// so a serialization failure (40001) reaches the caller as an error.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var balance int64
	err = tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = ?`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = ? WHERE id = ?`, balance-amount, accountID); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}
