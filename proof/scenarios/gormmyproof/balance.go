package gormmyproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// WithdrawRacy is racy (RL003): Balance is checked and decremented in Go,
// then the whole row is saved back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var acct Account
	err = s.db.WithContext(ctx).First(&acct, accountID).Error
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return false, nil
	}
	acct.Balance -= amount
	if err := s.db.WithContext(ctx).Save(&acct).Error; err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: a gorm.Expr decrement whose WHERE re-checks the
// funds, RowsAffected checked.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	res := s.db.WithContext(ctx).Model(&Account{}).Where("id = ? AND balance >= ?", accountID, amount).Update("balance", gorm.Expr("balance - ?", amount))
	if res.Error != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back share a
// default-isolation db.Transaction, but First takes no lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acct Account
		err := tx.First(&acct, accountID).Error
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		return tx.Model(&acct).Update("balance", acct.Balance-amount).Error // want "RL005"
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawLocked is atomic: clause.Locking{Strength: "UPDATE"} read in the
// same db.Transaction as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acct Account
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&acct, accountID).Error
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		return tx.Model(&acct).Update("balance", acct.Balance-amount).Error
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawSerializable is atomic: a Serializable db.Transaction called
// inside a loop that retries on MariaDB deadlock error 1213.
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			var acct Account
			err := tx.First(&acct, accountID).Error
			pause()
			if err != nil {
				return fmt.Errorf("load account %d: %w", accountID, err)
			}
			if acct.Balance < amount {
				return errInsufficientFunds
			}
			return tx.Model(&acct).Update("balance", acct.Balance-amount).Error
		}, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err == nil {
			return true, nil
		}
		if errors.Is(err, errInsufficientFunds) {
			return false, nil
		}
		var myErr *mysql.MySQLError
		if !errors.As(err, &myErr) || myErr.Number != 1213 {
			return false, fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		backoff(attempt)
	}
	return false, ErrContention
}

// WithdrawSerializableOnce is racy (RL007): a Serializable db.Transaction
// without a retry, so a serialization failure (40001) reaches the caller.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { // want "RL007"
		var acct Account
		err := tx.First(&acct, accountID).Error
		pause()
		if err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return errInsufficientFunds
		}
		return tx.Model(&acct).Update("balance", acct.Balance-amount).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}
