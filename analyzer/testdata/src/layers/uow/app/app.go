// Package app holds the use cases: they see only the domain ports. The
// constructors at the end import the adapters, as a service's wiring
// does, so that a driver that sees one package at a time sees them too.
package app

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"layers/uow/domain"
	"layers/uow/store"
	"layers/uow/txctx"
)

var errState = errors.New("wrong state")

type Service struct {
	uow     domain.UnitOfWork
	serial  *store.SerializableUoW // a concrete unit of work
	invites domain.InviteRepo
	wallets domain.WalletRepo
	tx      domain.TxManager
	persist store.Persister
}

func NewSQL(db *sql.DB) *Service {
	return &Service{uow: store.NewUoW(db), serial: store.NewSerializableUoW(db), invites: store.NewInviteRepo(db), persist: &store.SQLPersister{DB: db}}
}

func NewPgx(p *pgxpool.Pool) *Service {
	return &Service{wallets: txctx.NewWallets(p), tx: txctx.NewTxManager(p)}
}

// racy: the unit of work's transaction reads the order without a lock.
func (s *Service) Pay(ctx context.Context, id int64) error {
	return s.uow.Do(ctx, func(ctx context.Context, r domain.Repos) error {
		o, err := r.Orders.Get(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != "pending" {
			return errState
		}
		return r.Orders.UpdateStatus(ctx, id, "paid") // want "RL005"
	})
}

// safe: the same read, locked in the unit of work's transaction.
func (s *Service) PayLocked(ctx context.Context, id int64) error {
	return s.uow.Do(ctx, func(ctx context.Context, r domain.Repos) error {
		o, err := r.Orders.GetForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != "pending" {
			return errState
		}
		return r.Orders.UpdateStatus(ctx, id, "paid")
	})
}

// safe: the unit of work runs SERIALIZABLE (RL007 asks for the retry).
func (s *Service) PaySerializable(ctx context.Context, id int64) error {
	return s.serial.Do(ctx, func(ctx context.Context, r domain.Repos) error { // want "RL007"
		o, err := r.Orders.Get(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != "pending" {
			return errState
		}
		return r.Orders.UpdateStatus(ctx, id, "paid")
	})
}

// racy: check-then-insert; the adapter maps sql.ErrNoRows to
// domain.ErrNotFound in a helper.
func (s *Service) Invite(ctx context.Context, code string) error {
	_, err := s.invites.ByCode(ctx, code)
	if err == nil {
		return nil
	}
	if !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	return s.invites.Create(ctx, code) // want "RL002"
}

// safe: an error that is not the not-found error ends the flow, and
// nothing is inserted when the read fails.
func (s *Service) InviteExisting(ctx context.Context, code string) error {
	if _, err := s.invites.ByCode(ctx, code); err != nil {
		return err
	}
	return nil
}

// racy: the context carries the manager's transaction; the read does not lock.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	return s.tx.WithinTx(ctx, func(ctx context.Context) error {
		w, err := s.wallets.Get(ctx, id)
		if err != nil {
			return err
		}
		if w.Balance < amount {
			return errState
		}
		w.Balance -= amount
		return s.wallets.Save(ctx, w) // want "RL005"
	})
}

// safe: the locking read runs in the transaction the context carries.
func (s *Service) WithdrawLocked(ctx context.Context, id, amount int64) error {
	return s.tx.WithinTx(ctx, func(ctx context.Context) error {
		w, err := s.wallets.GetForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if w.Balance < amount {
			return errState
		}
		w.Balance -= amount
		return s.wallets.Save(ctx, w)
	})
}

// racy: the locking read outside any transaction; its lock ends with the
// statement.
func (s *Service) WithdrawNoTx(ctx context.Context, id, amount int64) error {
	w, err := s.wallets.GetForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if w.Balance < amount {
		return errState
	}
	w.Balance -= amount
	return s.wallets.Save(ctx, w) // want "RL003"
}

// racy: the repository is built on the callback's transaction, which
// reads the order without a lock.
func (s *Service) Ship(ctx context.Context, id int64) error {
	return s.persist.Transaction(func(tx *sql.Tx) error {
		orders := s.persist.OrdersOn(tx)
		o, err := orders.Get(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != "paid" {
			return errState
		}
		return orders.UpdateStatus(ctx, id, "shipped") // want "RL005"
	})
}

// safe: the repository on the callback's transaction locks the order.
func (s *Service) ShipLocked(ctx context.Context, id int64) error {
	return s.persist.Transaction(func(tx *sql.Tx) error {
		orders := s.persist.OrdersOn(tx)
		o, err := orders.GetForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != "paid" {
			return errState
		}
		return orders.UpdateStatus(ctx, id, "shipped")
	})
}

// not a unit of work: time.Now is Stamp's clock. Nothing of the caller
// runs in Stamp's transaction, so there is nothing to report here.
func (s *Service) StampPaid(ctx context.Context, id int64) error {
	return s.serial.Stamp(ctx, id, time.Now)
}
