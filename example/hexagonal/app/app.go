// Package app holds the use cases of the hexagonal example. They see only
// the domain ports; New wires the pgx adapters in (the app constructs its
// own adapters, so go vet, which sees one package at a time, follows the
// ports too).
package app

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/racelint/racelint/example/hexagonal/domain"
	"github.com/racelint/racelint/example/hexagonal/pgstore"
	"github.com/racelint/racelint/example/hexagonal/sqlcgen"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

type App struct {
	vouchers domain.Vouchers
	accounts domain.Accounts
	tx       domain.Transactor
	pool     *pgxpool.Pool
	q        *sqlcgen.Queries
}

func New(pool *pgxpool.Pool) *App {
	return &App{
		vouchers: pgstore.NewVouchers(pool),
		accounts: pgstore.NewAccounts(pool),
		tx:       pgstore.NewTransactor(pool),
		pool:     pool,
		q:        sqlcgen.New(pool),
	}
}

// Redeem is racy: two requests both see Redeemed false.
func (a *App) Redeem(ctx context.Context, code string) error {
	v, err := a.vouchers.ByCode(ctx, code)
	if err != nil {
		return err
	}
	if v.Redeemed {
		return domain.ErrConflict
	}
	return a.vouchers.MarkRedeemed(ctx, v.ID) // want "RL001"
}

// RedeemLocked is safe: the read locks the voucher in the transaction
// the context carries.
func (a *App) RedeemLocked(ctx context.Context, code string) error {
	return a.tx.WithinTx(ctx, func(ctx context.Context) error {
		v, err := a.vouchers.ByCodeForUpdate(ctx, code)
		if err != nil {
			return err
		}
		if v.Redeemed {
			return domain.ErrConflict
		}
		return a.vouchers.MarkRedeemed(ctx, v.ID)
	})
}

// RedeemInTx is racy: the transaction alone does not stop two readers.
func (a *App) RedeemInTx(ctx context.Context, code string) error {
	return a.tx.WithinTx(ctx, func(ctx context.Context) error {
		v, err := a.vouchers.ByCode(ctx, code)
		if err != nil {
			return err
		}
		if v.Redeemed {
			return domain.ErrConflict
		}
		return a.vouchers.MarkRedeemed(ctx, v.ID) // want "RL005"
	})
}

// Issue is racy: the adapter's domain.ErrNotFound says the code is free.
func (a *App) Issue(ctx context.Context, code string) error {
	_, err := a.vouchers.ByCode(ctx, code)
	if !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	return a.vouchers.Create(ctx, code) // want "RL002"
}

// Withdraw is racy: the balance is read, checked and written back inside
// the transaction without a lock.
func (a *App) Withdraw(ctx context.Context, id, amount int64) error {
	return a.tx.WithinTx(ctx, func(ctx context.Context) error {
		acct, err := a.accounts.Get(ctx, id)
		if err != nil {
			return err
		}
		if acct.Balance < amount {
			return ErrInsufficientFunds
		}
		acct.Balance -= amount
		return a.accounts.Save(ctx, acct) // want "RL005"
	})
}

// WithdrawLocked is safe: the same with the locking read.
func (a *App) WithdrawLocked(ctx context.Context, id, amount int64) error {
	return a.tx.WithinTx(ctx, func(ctx context.Context) error {
		acct, err := a.accounts.GetForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if acct.Balance < amount {
			return ErrInsufficientFunds
		}
		acct.Balance -= amount
		return a.accounts.Save(ctx, acct)
	})
}

// Book is racy: sqlc's queries bound with WithTx inside pgx.BeginTxFunc
// read the seats without a lock.
func (a *App) Book(ctx context.Context, eventID int64) error {
	return pgx.BeginTxFunc(ctx, a.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		q := a.q.WithTx(tx)
		left, err := q.GetSeatsLeft(ctx, eventID)
		if err != nil {
			return err
		}
		if left == 0 {
			return domain.ErrConflict
		}
		return q.SetSeatsLeft(ctx, sqlcgen.SetSeatsLeftParams{ID: eventID, SeatsLeft: left - 1}) // want "RL005"
	})
}

// BookLocked is safe: the same with the locking query.
func (a *App) BookLocked(ctx context.Context, eventID int64) error {
	return pgx.BeginTxFunc(ctx, a.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		q := a.q.WithTx(tx)
		left, err := q.GetSeatsLeftForUpdate(ctx, eventID)
		if err != nil {
			return err
		}
		if left == 0 {
			return domain.ErrConflict
		}
		return q.SetSeatsLeft(ctx, sqlcgen.SetSeatsLeftParams{ID: eventID, SeatsLeft: left - 1})
	})
}
