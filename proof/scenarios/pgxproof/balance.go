package pgxproof

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// WithdrawRacy is racy (RL003): balance-amount is computed in Go after a
// Go-side funds check and written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var balance int64
	err = s.pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: the decrement's WHERE re-checks the funds and its
// CommandTag decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	tag, err := s.pool.Exec(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1`, amount, accountID)
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back share a
// default-isolation (READ COMMITTED) transaction, but the SELECT takes no lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	var balance int64
	err = tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil { // want "RL005"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit(ctx)
}

// WithdrawLocked is atomic: SELECT ... FOR UPDATE in the same transaction
// as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	var balance int64
	err = tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit(ctx)
}

// WithdrawSerializable is atomic: a Serializable transaction begun inside a
// loop that retries on SQLSTATE 40001.
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
		if err != nil {
			return false, fmt.Errorf("begin: %w", err)
		}
		var balance int64
		err = tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance)
		pause()
		if err == nil && balance < amount {
			_ = tx.Rollback(ctx)
			return false, nil
		}
		if err == nil {
			_, err = tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID)
		}
		if err == nil {
			err = tx.Commit(ctx)
		}
		if err == nil {
			return true, nil
		}
		_ = tx.Rollback(ctx)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40001" {
			return false, fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		backoff(attempt)
	}
	return false, ErrContention
}

// WithdrawSerializableOnce is racy (RL007): Serializable without a retry,
// so a serialization failure (40001) reaches the caller as an error.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable}) // want "RL007"
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	var balance int64
	err = tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit(ctx)
}
