package gormsvc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// racy: Balance is checked and decremented in Go, then the whole row is saved back (RL003 wins over RL001).
func (s *Service) WithdrawRacy(ctx context.Context, accountID, amount int64) error {
	var acct Account
	if err := s.db.WithContext(ctx).First(&acct, accountID).Error; err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	acct.Balance -= amount
	if err := s.db.WithContext(ctx).Save(&acct).Error; err != nil { // want "RL003"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return nil
}

// racy: gorm.Expr decrement is atomic but the Go check of Balance is not re-checked in the WHERE: two withdrawals overdraw.
func (s *Service) WithdrawNoRecheck(ctx context.Context, accountID, amount int64) error {
	var acct Account
	if err := s.db.WithContext(ctx).First(&acct, accountID).Error; err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if acct.Balance < amount {
		return ErrInsufficientFunds
	}
	if err := s.db.WithContext(ctx).Model(&acct).Update("balance", gorm.Expr("balance - ?", amount)).Error; err != nil { // want "RL001"
		return fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return nil
}

// safe: atomic decrement whose WHERE re-checks balance >= ?, RowsAffected checked.
func (s *Service) Withdraw(ctx context.Context, accountID, amount int64) error {
	res := s.db.WithContext(ctx).Model(&Account{}).Where("id = ? AND balance >= ?", accountID, amount).Update("balance", gorm.Expr("balance - ?", amount))
	if res.Error != nil {
		return fmt.Errorf("withdraw %d: %w", accountID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrInsufficientFunds
	}
	return nil
}

// racy: read, check and write-back share a default-isolation db.Transaction but First takes no lock.
func (s *Service) WithdrawTx(ctx context.Context, accountID, amount int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acct Account
		if err := tx.First(&acct, accountID).Error; err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return ErrInsufficientFunds
		}
		return tx.Model(&acct).Update("balance", acct.Balance-amount).Error // want "RL005"
	})
}

// safe: clause.Locking{Strength: "UPDATE"} read in the same db.Transaction as the write-back.
func (s *Service) WithdrawLocked(ctx context.Context, accountID, amount int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acct Account
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&acct, accountID).Error; err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return ErrInsufficientFunds
		}
		return tx.Model(&acct).Update("balance", acct.Balance-amount).Error
	})
}

// safe: Serializable db.Transaction called inside a loop that retries on SQLSTATE 40001.
func (s *Service) WithdrawSerializable(ctx context.Context, accountID, amount int64) error {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			var acct Account
			if err := tx.First(&acct, accountID).Error; err != nil {
				return fmt.Errorf("load account %d: %w", accountID, err)
			}
			if acct.Balance < amount {
				return ErrInsufficientFunds
			}
			return tx.Model(&acct).Update("balance", acct.Balance-amount).Error
		}, &sql.TxOptions{Isolation: sql.LevelSerializable})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return ErrContention
}

// racy: Serializable db.Transaction with no retry: a serialization failure (40001) surfaces to the caller.
func (s *Service) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { // want "RL007"
		var acct Account
		if err := tx.First(&acct, accountID).Error; err != nil {
			return fmt.Errorf("load account %d: %w", accountID, err)
		}
		if acct.Balance < amount {
			return ErrInsufficientFunds
		}
		return tx.Model(&acct).Update("balance", acct.Balance-amount).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}
