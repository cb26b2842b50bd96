// Package goqusvc is a small service on goqu v9: a lead queue and account
// balances, with one racy function per pattern and its atomic twin.
package goqusvc

import (
	"errors"

	"github.com/doug-martin/goqu/v9"
	_ "github.com/doug-martin/goqu/v9/dialect/postgres"
)

var (
	ErrTaken   = errors.New("lead already claimed")
	ErrNoFunds = errors.New("insufficient funds")
)

type Lead struct {
	ID      int64  `db:"id"`
	Status  string `db:"status"`
	OwnerID int64  `db:"owner_id"`
}

type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

type Service struct{ db *goqu.Database }

// ClaimRacy reads the lead, checks in Go that it is open, then writes it:
// two agents can both see "open" and both claim it.
func (s *Service) ClaimRacy(id, agent int64) error {
	var l Lead
	found, err := s.db.From("leads").Where(goqu.C("id").Eq(id)).ScanStruct(&l)
	if err != nil || !found {
		return err
	}
	if l.Status != "open" {
		return ErrTaken
	}
	claim := s.db.Update("leads").Set(goqu.Record{"status": "claimed", "owner_id": agent}).Where(goqu.C("id").Eq(id))
	_, err = claim.Executor().Exec() // want "RL001"
	return err
}

// Claim moves the check into the UPDATE's WHERE and lets the affected-row
// count decide who won.
func (s *Service) Claim(id, agent int64) error {
	res, err := s.db.Update("leads").Set(goqu.Record{"status": "claimed", "owner_id": agent}).
		Where(goqu.Ex{"id": id, "status": "open"}).Executor().Exec()
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return ErrTaken
	}
	return nil
}

// WithdrawRacy reads the balance in a transaction without locking it.
func (s *Service) WithdrawRacy(id, amount int64) error {
	return s.db.WithTx(func(tx *goqu.TxDatabase) error {
		var a Account
		if _, err := tx.From("accounts").Where(goqu.C("id").Eq(id)).ScanStruct(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return ErrNoFunds
		}
		debit := tx.Update("accounts").Set(goqu.Record{"balance": a.Balance - amount}).Where(goqu.C("id").Eq(id))
		_, err := debit.Executor().Exec() // want "RL005"
		return err
	})
}

// Withdraw lets the database subtract, behind a guard whose count decides.
func (s *Service) Withdraw(id, amount int64) error {
	res, err := s.db.Update("accounts").Set(goqu.Record{"balance": goqu.L("balance - ?", amount)}).
		Where(goqu.C("id").Eq(id), goqu.C("balance").Gte(amount)).Executor().Exec()
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return ErrNoFunds
	}
	return nil
}
