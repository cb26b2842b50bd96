// Package popsvc is a small service layer written against gobuffalo/pop v6,
// the data layer of Buffalo applications.
//
// Each check-then-act race sits next to its safe twin; every call racelint
// must report carries an analysistest "want" comment naming the rule.
package popsvc

import (
	"errors"
	"fmt"

	"github.com/gobuffalo/pop/v6"
)

// Errors returned by the service.
var (
	ErrTaken             = errors.New("already taken")
	ErrNotPending        = errors.New("job is not pending")
	ErrInsufficientFunds = errors.New("insufficient funds")
)

// Service is the data layer.
type Service struct {
	db *pop.Connection
}

// New returns a Service on db.
func New(db *pop.Connection) *Service { return &Service{db: db} }

// User is an account holder, unique by email.
type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

// Job is a queued background job.
type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

// Account holds a prepaid balance in cents.
type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

// Register is racy: Exists decides the insert.
func (s *Service) Register(email string) (*User, error) {
	taken, err := s.db.Where("email = ?", email).Exists(&User{})
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", email, err)
	}
	if taken {
		return nil, ErrTaken
	}
	u := &User{Email: email}
	if verrs, err := s.db.ValidateAndCreate(u); err != nil || verrs.HasAny() { // want "RL002"
		return nil, fmt.Errorf("create user: %v %v", verrs, err)
	}
	return u, nil
}

// StartJob is racy: the status is checked in Go, then the model updated.
func (s *Service) StartJob(id int64) error {
	var j Job
	if err := s.db.Find(&j, id); err != nil {
		return err
	}
	if j.Status != "pending" {
		return ErrNotPending
	}
	j.Status = "running"
	return s.db.UpdateColumns(&j, "status") // want "RL001"
}

// StartJobCond is safe: one conditional UPDATE whose count decides.
func (s *Service) StartJobCond(id int64) error {
	n, err := s.db.RawQuery("UPDATE jobs SET status = 'running' WHERE id = ? AND status = 'pending'", id).ExecWithCount()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotPending
	}
	return nil
}

// DebitTx is racy: a plain read inside Transaction.
func (s *Service) DebitTx(id, amount int64) error {
	return s.db.Transaction(func(tx *pop.Connection) error {
		var a Account
		if err := tx.Find(&a, id); err != nil {
			return err
		}
		if a.Balance < amount {
			return ErrInsufficientFunds
		}
		a.Balance -= amount
		return tx.Update(&a) // want "RL005"
	})
}

// DebitTxLocked is safe: SELECT ... FOR UPDATE on the transaction.
func (s *Service) DebitTxLocked(id, amount int64) error {
	return s.db.Transaction(func(tx *pop.Connection) error {
		var a Account
		if err := tx.RawQuery("SELECT * FROM accounts WHERE id = ? FOR UPDATE", id).First(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return ErrInsufficientFunds
		}
		a.Balance -= amount
		return tx.Update(&a)
	})
}
