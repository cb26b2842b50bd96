// Package beegosvc is a small service on beego ORM v2: a lead queue and
// account balances, with one racy function per pattern and its atomic
// twin.
package beegosvc

import (
	"context"
	"errors"

	"github.com/beego/beego/v2/client/orm"
)

var (
	ErrTaken   = errors.New("lead already claimed")
	ErrNoFunds = errors.New("insufficient funds")
)

type Lead struct {
	Id      int64
	Status  string
	OwnerId int64
}

type Account struct {
	Id      int64
	Balance int64
}

type Member struct {
	Id    int64
	Email string `orm:"unique"`
}

func init() { orm.RegisterModel(new(Lead), new(Account), new(Member)) }

type Service struct{ o orm.Ormer }

// ClaimRacy reads the lead, checks in Go that it is open, then writes it:
// two agents can both see "open" and both claim it.
func (s *Service) ClaimRacy(id, agent int64) error {
	l := Lead{Id: id}
	if err := s.o.Read(&l); err != nil {
		return err
	}
	if l.Status != "open" {
		return ErrTaken
	}
	l.Status, l.OwnerId = "claimed", agent
	_, err := s.o.Update(&l, "Status", "OwnerId") // want "RL001"
	return err
}

// Claim moves the check into the UPDATE's WHERE and lets the affected-row
// count decide who won.
func (s *Service) Claim(id, agent int64) error {
	n, err := s.o.QueryTable(new(Lead)).Filter("id", id).Filter("status", "open").
		Update(orm.Params{"status": "claimed", "owner_id": agent})
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrTaken
	}
	return nil
}

// WithdrawRacy reads the balance in a transaction without locking it.
func (s *Service) WithdrawRacy(ctx context.Context, id, amount int64) error {
	return s.o.DoTxWithCtx(ctx, func(ctx context.Context, tx orm.TxOrmer) error {
		a := Account{Id: id}
		if err := tx.Read(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return ErrNoFunds
		}
		a.Balance -= amount
		_, err := tx.Update(&a, "Balance") // want "RL005"
		return err
	})
}

// Withdraw locks the row it reads (SELECT ... FOR UPDATE).
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	return s.o.DoTxWithCtx(ctx, func(ctx context.Context, tx orm.TxOrmer) error {
		a := Account{Id: id}
		if err := tx.ReadForUpdate(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return ErrNoFunds
		}
		a.Balance -= amount
		_, err := tx.Update(&a, "Balance")
		return err
	})
}

// JoinRacy is ReadOrCreate: a SELECT, then an INSERT.
func (s *Service) JoinRacy(email string) (int64, error) {
	_, id, err := s.o.ReadOrCreate(&Member{Email: email}, "Email") // want "RL006"
	return id, err
}

// Join upserts on the unique email in one statement.
func (s *Service) Join(email string) (int64, error) {
	return s.o.InsertOrUpdate(&Member{Email: email}, "email")
}
