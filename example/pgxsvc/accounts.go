package pgxsvc

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// racy: balance-amount is computed in Go and written back after a Go-side funds check (RL003 wins over RL001).
func (s *Service) WithdrawRacy(ctx context.Context, accountID, amount int64) error {
	rows, err := s.pool.Query(ctx, `SELECT id, balance FROM accounts WHERE id = $1`, accountID)
	if err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	acct, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Account])
	if err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := s.pool.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, acct.Balance-amount, acct.ID); err != nil { // want "RL003"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return nil
}

// racy: the decrement is atomic but the Go check of balance is not re-checked in the WHERE: two withdrawals overdraw.
func (s *Service) WithdrawNoRecheck(ctx context.Context, accountID, amount int64) error {
	var balance int64
	if err := s.pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := s.pool.Exec(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amount, accountID); err != nil { // want "RL001"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return nil
}

// safe: atomic decrement whose WHERE re-checks balance >= $1, RowsAffected checked.
func (s *Service) Withdraw(ctx context.Context, accountID, amount int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1`, amount, accountID)
	if err != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrInsufficientFunds
	}
	return nil
}

// racy: read, check and write-back inside pgx.BeginFunc (default isolation) but the SELECT takes no lock.
func (s *Service) WithdrawTx(ctx context.Context, accountID, amount int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var balance int64
		if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance); err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if balance < amount {
			return ErrInsufficientFunds
		}
		if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil { // want "RL005"
			return fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		return nil
	})
}

// safe: SELECT ... FOR UPDATE in the same pgx.Tx (BeginTx, default options) as the write-back.
func (s *Service) WithdrawLocked(ctx context.Context, accountID, amount int64) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	var balance int64
	if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, accountID).Scan(&balance); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return tx.Commit(ctx)
}

// safe: Serializable pgx.BeginTxFunc called inside a loop that retries on SQLSTATE 40001.
func (s *Service) WithdrawSerializable(ctx context.Context, accountID, amount int64) error {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			var balance int64
			if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance); err != nil {
				return fmt.Errorf("load account %d: %w", accountID, err)
			}
			if balance < amount {
				return ErrInsufficientFunds
			}
			_, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID)
			return err
		})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return ErrContention
}

// racy: Serializable pgx.BeginTxFunc with no retry: a serialization failure (40001) surfaces to the caller.
func (s *Service) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error { // want "RL007"
		var balance int64
		if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance); err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if balance < amount {
			return ErrInsufficientFunds
		}
		_, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID)
		return err
	})
}
