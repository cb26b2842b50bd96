package popproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gobuffalo/pop/v6"
	"github.com/jackc/pgx/v5/pgconn"
)

// WithdrawRacy is racy (RL003): Balance is checked and decremented in Go,
// then written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var acct Account
	err = s.db.WithContext(ctx).Find(&acct, accountID)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return false, nil
	}
	acct.Balance -= amount
	if err := s.db.WithContext(ctx).UpdateColumns(&acct, "balance"); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: SET balance = balance - ? whose WHERE re-checks the
// funds; the affected-row count decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	n, err := s.db.WithContext(ctx).RawQuery(`UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?`, amount, accountID, amount).ExecWithCount()
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return n == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back share a
// default-isolation (READ COMMITTED) Transaction, but the read takes no
// lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *pop.Connection) error {
		var acct Account
		err := tx.Find(&acct, accountID)
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		acct.Balance -= amount
		return tx.UpdateColumns(&acct, "balance") // want "RL005"
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawLocked is atomic: SELECT ... FOR UPDATE in the same Transaction
// as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *pop.Connection) error {
		var acct Account
		err := tx.RawQuery(`SELECT * FROM accounts WHERE id = ? FOR UPDATE`, accountID).First(&acct)
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		acct.Balance -= amount
		return tx.UpdateColumns(&acct, "balance")
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawSerializable is atomic: a Serializable transaction
// (NewTransactionContextOptions) begun inside a loop that retries it on
// SQLSTATE 40001.
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		tx, err := s.db.NewTransactionContextOptions(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return false, fmt.Errorf("begin: %w", err)
		}
		var acct Account
		err = tx.Find(&acct, accountID)
		pause()
		if err == nil && acct.Balance < amount {
			_ = tx.TX.Rollback()
			return false, nil
		}
		if err == nil {
			acct.Balance -= amount
			err = tx.UpdateColumns(&acct, "balance")
		}
		if err == nil {
			err = tx.TX.Commit()
		}
		if err == nil {
			return true, nil
		}
		_ = tx.TX.Rollback()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40001" {
			return false, fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		backoff(attempt)
	}
	return false, ErrContention
}

// WithdrawSerializableOnce is racy (RL007): a Serializable transaction
// without a retry, so a serialization failure (40001) reaches the caller.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.NewTransactionContextOptions(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.TX.Rollback() }()
	var acct Account
	err = tx.Find(&acct, accountID)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return false, nil
	}
	acct.Balance -= amount
	if err := tx.UpdateColumns(&acct, "balance"); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.TX.Commit()
}
