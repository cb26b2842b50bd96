// Package gormv1svc is a small service layer written against GORM v1
// (github.com/jinzhu/gorm), as many older services still are.
//
// Each check-then-act race sits next to its safe twin; every call racelint
// must report carries an analysistest "want" comment naming the rule.
package gormv1svc

import (
	"errors"
	"fmt"
	"time"

	"github.com/jinzhu/gorm"
)

// Errors returned by the service.
var (
	ErrTaken             = errors.New("already taken")
	ErrNotPending        = errors.New("job is not pending")
	ErrInsufficientFunds = errors.New("insufficient funds")
)

// Service is the data layer.
type Service struct {
	db *gorm.DB
}

// New returns a Service on db.
func New(db *gorm.DB) *Service { return &Service{db: db} }

// User is an account holder, unique by email.
type User struct {
	gorm.Model
	Email string `gorm:"unique_index"`
}

// Job is a queued background job.
type Job struct {
	ID        int64
	Status    string
	StartedAt *time.Time
}

// Account holds a prepaid balance in cents.
type Account struct {
	ID      int64
	Balance int64
}

// Register is racy: RecordNotFound() decides the insert; two signups with
// the same email both see "not found".
func (s *Service) Register(email string) (*User, error) {
	var existing User
	if !s.db.Where("email = ?", email).First(&existing).RecordNotFound() {
		return nil, ErrTaken
	}
	u := &User{Email: email}
	if err := s.db.Create(u).Error; err != nil { // want "RL002"
		return nil, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// StartJob is racy: the status is checked in Go and written back by id.
func (s *Service) StartJob(id int64) error {
	var j Job
	if err := s.db.First(&j, id).Error; err != nil {
		if gorm.IsRecordNotFoundError(err) {
			return ErrNotPending
		}
		return err
	}
	if j.Status != "pending" {
		return ErrNotPending
	}
	now := time.Now()
	return s.db.Model(&j).Updates(map[string]interface{}{"status": "running", "started_at": now}).Error // want "RL001"
}

// StartJobCond is safe: one conditional UPDATE whose RowsAffected decides.
func (s *Service) StartJobCond(id int64) error {
	res := s.db.Model(&Job{}).Where("id = ? AND status = ?", id, "pending").Update("status", "running")
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotPending
	}
	return nil
}

// DebitTx is racy: Begin, a plain read, the balance written back.
func (s *Service) DebitTx(id, amount int64) error {
	tx := s.db.Begin()
	defer tx.RollbackUnlessCommitted()
	var a Account
	if err := tx.First(&a, id).Error; err != nil {
		return err
	}
	if a.Balance < amount {
		return ErrInsufficientFunds
	}
	if err := tx.Model(&a).Update("balance", a.Balance-amount).Error; err != nil { // want "RL005"
		return err
	}
	return tx.Commit().Error
}

// DebitTxLocked is safe: the read takes a row lock in the transaction.
func (s *Service) DebitTxLocked(id, amount int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var a Account
		if err := tx.Set("gorm:query_option", "FOR UPDATE").First(&a, id).Error; err != nil {
			return err
		}
		if a.Balance < amount {
			return ErrInsufficientFunds
		}
		return tx.Model(&a).Update("balance", a.Balance-amount).Error
	})
}

// Debit is safe: an atomic, conditional UPDATE with gorm.Expr.
func (s *Service) Debit(id, amount int64) error {
	res := s.db.Model(&Account{}).Where("id = ? AND balance >= ?", id, amount).
		UpdateColumn("balance", gorm.Expr("balance - ?", amount))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrInsufficientFunds
	}
	return nil
}
