// Package rl003gorm holds RL003 lost-update cases for GORM v2.
package rl003gorm

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var errLow = errors.New("insufficient funds")

type Account struct {
	ID      int64
	Balance int64
}

type Post struct {
	ID    int64
	Views int64
	Title string
}

type Service struct{ db *gorm.DB }

// racy: Update("views", post.Views+1).
func (s *Service) View(id int64) error {
	var p Post
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	return s.db.Model(&p).Update("views", p.Views+1).Error // want "RL003"
}

// racy: field changed before Save, after a funds check.
func (s *Service) Withdraw(id, amount int64) error {
	var a Account
	if err := s.db.First(&a, id).Error; err != nil {
		return err
	}
	if a.Balance < amount {
		return errLow
	}
	a.Balance -= amount
	return s.db.Save(&a).Error // want "RL003"
}

// racy: Updates(map) with a value computed from the read.
func (s *Service) Deposit(id, amount int64) error {
	var a Account
	if err := s.db.Where("id = ?", id).Take(&a).Error; err != nil {
		return err
	}
	return s.db.Model(&a).Updates(map[string]interface{}{"balance": a.Balance + amount}).Error // want "RL003"
}

// racy: Updates(struct) with a computed value.
func (s *Service) DepositStruct(id, amount int64) error {
	var a Account
	if err := s.db.First(&a, id).Error; err != nil {
		return err
	}
	return s.db.Model(&a).Updates(Account{Balance: a.Balance + amount}).Error // want "RL003"
}

// safe: gorm.Expr atomic increment.
func (s *Service) ViewAtomic(id int64) error {
	return s.db.Model(&Post{}).Where("id = ?", id).UpdateColumn("views", gorm.Expr("views + ?", 1)).Error
}

// safe: atomic Expr with a WHERE re-check, RowsAffected.
func (s *Service) WithdrawAtomic(id, amount int64) error {
	res := s.db.Model(&Account{}).Where("id = ? AND balance >= ?", id, amount).Update("balance", gorm.Expr("balance - ?", amount))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errLow
	}
	return nil
}

// safe: locking read in the same Transaction.
func (s *Service) ViewLocked(id int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var p Post
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error; err != nil {
			return err
		}
		return tx.Model(&p).Update("views", p.Views+1).Error
	})
}

// near-miss: the written value is from the caller.
func (s *Service) Retitle(id int64, title string) error {
	var p Post
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	return s.db.Model(&p).Update("title", title).Error
}
