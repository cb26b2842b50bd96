package fixbeego

import (
	"context"
	"errors"

	"github.com/beego/beego/v2/client/orm"
)

var errNoFunds = errors.New("insufficient funds")

type Account struct {
	Id      int64
	Balance int64
}

type Job struct {
	Id     int64
	Status string
}

type Service struct{ o orm.Ormer }

// RL005: Read becomes ReadForUpdate.
func (s *Service) Withdraw(id, amount int64) error {
	return s.o.DoTx(func(ctx context.Context, tx orm.TxOrmer) error {
		a := Account{Id: id}
		if err := tx.Read(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance -= amount
		_, err := tx.Update(&a, "Balance") // want "RL005"
		return err
	})
}

// RL005: ReadWithCtx becomes ReadForUpdateWithCtx.
func (s *Service) WithdrawCtx(ctx context.Context, id, amount int64) error {
	return s.o.DoTxWithCtx(ctx, func(ctx context.Context, tx orm.TxOrmer) error {
		a := Account{Id: id}
		if err := tx.ReadWithCtx(ctx, &a); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance -= amount
		_, err := tx.UpdateWithCtx(ctx, &a, "Balance") // want "RL005"
		return err
	})
}

// RL005: ForUpdate() goes before the QuerySeter's One.
func (s *Service) Start(id int64) error {
	tx, err := s.o.Begin()
	if err != nil {
		return err
	}
	defer tx.RollbackUnlessCommit()
	var j Job
	if err := tx.QueryTable("job").Filter("id", id).One(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return nil
	}
	if _, err := tx.QueryTable("job").Filter("id", id).Update(orm.Params{"status": "running"}); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}
