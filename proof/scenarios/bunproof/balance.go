package bunproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
)

// WithdrawRacy is racy (RL003): Balance is checked and decremented in Go,
// then written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var acct Account
	err = s.db.NewSelect().Model(&acct).Where("id = ?", accountID).Scan(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return false, nil
	}
	if _, err := s.db.NewUpdate().Model(&acct).Set("balance = ?", acct.Balance-amount).WherePK().Exec(ctx); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: SET balance = balance - ? whose WHERE re-checks the
// funds; RowsAffected decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	res, err := s.db.NewUpdate().Model((*Account)(nil)).Set("balance = balance - ?", amount).Where("id = ? AND balance >= ?", accountID, amount).Exec(ctx)
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
// default-isolation (READ COMMITTED) RunInTx, but the SELECT takes no lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var acct Account
		err := tx.NewSelect().Model(&acct).Where("id = ?", accountID).Scan(ctx)
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		_, err = tx.NewUpdate().Model(&acct).Set("balance = ?", acct.Balance-amount).WherePK().Exec(ctx) // want "RL005"
		return err
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawLocked is atomic: SELECT ... FOR UPDATE (For("UPDATE")) in the
// same RunInTx as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var acct Account
		err := tx.NewSelect().Model(&acct).Where("id = ?", accountID).For("UPDATE").Scan(ctx)
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		_, err = tx.NewUpdate().Model(&acct).Set("balance = ?", acct.Balance-amount).WherePK().Exec(ctx)
		return err
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawSerializable is atomic: a Serializable RunInTx called inside a
// loop that retries on SQLSTATE 40001.
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		err := s.db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}, func(ctx context.Context, tx bun.Tx) error {
			var acct Account
			err := tx.NewSelect().Model(&acct).Where("id = ?", accountID).Scan(ctx)
			pause()
			if err != nil {
				return fmt.Errorf("load account %d: %w", accountID, err)
			}
			if acct.Balance < amount {
				return errInsufficientFunds
			}
			_, err = tx.NewUpdate().Model(&acct).Set("balance = ?", acct.Balance-amount).WherePK().Exec(ctx)
			return err
		})
		if err == nil {
			return true, nil
		}
		if errors.Is(err, errInsufficientFunds) {
			return false, nil
		}
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40001" {
			return false, fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		backoff(attempt)
	}
	return false, ErrContention
}

// WithdrawSerializableOnce is racy (RL007): a Serializable RunInTx without
// a retry, so a serialization failure (40001) reaches the caller.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}, func(ctx context.Context, tx bun.Tx) error { // want "RL007"
		var acct Account
		err := tx.NewSelect().Model(&acct).Where("id = ?", accountID).Scan(ctx)
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		_, err = tx.NewUpdate().Model(&acct).Set("balance = ?", acct.Balance-amount).WherePK().Exec(ctx)
		return err
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawBeginTxRacy is racy (RL005): WithdrawTxRacy with an explicit
// BeginTx/Commit instead of RunInTx; the SELECT still takes no lock.
func (s *Store) WithdrawBeginTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var acct Account
	err = tx.NewSelect().Model(&acct).Where("id = ?", accountID).Scan(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return false, nil
	}
	if _, err := tx.NewUpdate().Model(&acct).Set("balance = ?", acct.Balance-amount).WherePK().Exec(ctx); err != nil { // want "RL005"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}
