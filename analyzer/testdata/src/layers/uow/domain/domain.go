// Package domain declares the entities, the not-found error and the
// repository ports of a clean-architecture service. It imports no
// database library: the adapters in store and txctx implement the ports.
package domain

import (
	"context"
	"errors"
)

// ErrNotFound is what the adapters return for sql.ErrNoRows.
var ErrNotFound = errors.New("not found")

type Order struct {
	ID     int64
	Status string
}

type Invite struct {
	ID   int64
	Code string
}

type Wallet struct {
	ID      int64
	Balance int64
}

type OrderRepo interface {
	Get(ctx context.Context, id int64) (*Order, error)
	GetForUpdate(ctx context.Context, id int64) (*Order, error)
	UpdateStatus(ctx context.Context, id int64, status string) error
}

type InviteRepo interface {
	ByCode(ctx context.Context, code string) (*Invite, error)
	Create(ctx context.Context, code string) error
}

type WalletRepo interface {
	Get(ctx context.Context, id int64) (Wallet, error)
	GetForUpdate(ctx context.Context, id int64) (Wallet, error)
	Save(ctx context.Context, w Wallet) error
}

// Repos are the repositories a unit of work builds on its transaction.
type Repos struct {
	Orders OrderRepo
}

// UnitOfWork runs fn in one transaction.
type UnitOfWork interface {
	Do(ctx context.Context, fn func(ctx context.Context, r Repos) error) error
}

// TxManager runs fn with a transaction carried by its context.
type TxManager interface {
	WithinTx(ctx context.Context, fn func(ctx context.Context) error) error
}
