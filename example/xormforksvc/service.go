// Package xormforksvc is the xormsvc service written against
// github.com/xorm-io/xorm, the xorm fork casdoor uses: racelint matches
// the fork with xorm's tables, checked here against the fork's real types.
//
// Each check-then-act race sits next to its safe twin; every call racelint
// must report carries an analysistest "want" comment naming the rule.
package xormforksvc

import (
	"errors"
	"fmt"

	"github.com/xorm-io/xorm"
)

// Errors returned by the service.
var (
	ErrTaken             = errors.New("already taken")
	ErrNotFound          = errors.New("not found")
	ErrNotPending        = errors.New("job is not pending")
	ErrInsufficientFunds = errors.New("insufficient funds")
)

// Service is the data layer.
type Service struct {
	engine *xorm.Engine
}

// New returns a Service on engine.
func New(engine *xorm.Engine) *Service { return &Service{engine: engine} }

// User is an account holder, unique by email.
type User struct {
	ID    int64  `xorm:"pk autoincr"`
	Email string `xorm:"unique"`
}

// Job is a queued background job.
type Job struct {
	ID     int64 `xorm:"pk autoincr"`
	Status string
}

// Account holds a prepaid balance in cents.
type Account struct {
	ID      int64 `xorm:"pk autoincr"`
	Balance int64
}

// Register is racy: Get's found flag decides the insert.
func (s *Service) Register(email string) (*User, error) {
	has, err := s.engine.Get(&User{Email: email})
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", email, err)
	}
	if has {
		return nil, ErrTaken
	}
	u := &User{Email: email}
	if _, err := s.engine.Insert(u); err != nil { // want "RL002"
		return nil, fmt.Errorf("insert user: %w", err)
	}
	return u, nil
}

// StartJob is racy: the status is checked in Go, then written by id.
func (s *Service) StartJob(id int64) error {
	var j Job
	has, err := s.engine.ID(id).Get(&j)
	if err != nil {
		return err
	}
	if !has {
		return ErrNotFound
	}
	if j.Status != "pending" {
		return ErrNotPending
	}
	j.Status = "running"
	_, err = s.engine.ID(j.ID).Cols("status").Update(&j) // want "RL001"
	return err
}

// StartJobCond is safe: one conditional UPDATE whose count decides.
func (s *Service) StartJobCond(id int64) error {
	n, err := s.engine.Where("id = ? AND status = ?", id, "pending").Cols("status").Update(&Job{Status: "running"})
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotPending
	}
	return nil
}

// DebitTx is racy: a session transaction with a plain read.
func (s *Service) DebitTx(id, amount int64) error {
	sess := s.engine.NewSession()
	defer sess.Close()
	if err := sess.Begin(); err != nil {
		return err
	}
	var a Account
	if _, err := sess.ID(id).Get(&a); err != nil {
		return err
	}
	if a.Balance < amount {
		return ErrInsufficientFunds
	}
	a.Balance -= amount
	if _, err := sess.ID(id).Cols("balance").Update(&a); err != nil { // want "RL005"
		return err
	}
	return sess.Commit()
}

// DebitTxLocked is safe: ForUpdate in the transaction's own session.
func (s *Service) DebitTxLocked(id, amount int64) error {
	_, err := s.engine.Transaction(func(sess *xorm.Session) (interface{}, error) {
		var a Account
		if _, err := sess.ID(id).ForUpdate().Get(&a); err != nil {
			return nil, err
		}
		if a.Balance < amount {
			return nil, ErrInsufficientFunds
		}
		a.Balance -= amount
		_, err := sess.ID(id).Cols("balance").Update(&a)
		return nil, err
	})
	return err
}

// Debit is safe: Decr computes in the database; the count decides.
func (s *Service) Debit(id, amount int64) error {
	n, err := s.engine.Where("id = ? AND balance >= ?", id, amount).Decr("balance", amount).Update(&Account{})
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrInsufficientFunds
	}
	return nil
}
