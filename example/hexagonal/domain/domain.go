// Package domain is the core of the hexagonal example: entities, the
// not-found error the adapters translate pgx.ErrNoRows into, and the ports
// the use cases need. It imports no database library.
package domain

import (
	"context"
	"errors"
)

// ErrNotFound is what every adapter returns for a missing row.
var ErrNotFound = errors.New("not found")

// ErrConflict means the state no longer allows the operation.
var ErrConflict = errors.New("conflict")

type Voucher struct {
	ID       int64
	Code     string
	Redeemed bool
}

type Account struct {
	ID      int64
	Balance int64
}

// Vouchers is the voucher repository port.
type Vouchers interface {
	ByCode(ctx context.Context, code string) (*Voucher, error)
	ByCodeForUpdate(ctx context.Context, code string) (*Voucher, error)
	MarkRedeemed(ctx context.Context, id int64) error
	Create(ctx context.Context, code string) error
}

// Accounts is the account repository port.
type Accounts interface {
	Get(ctx context.Context, id int64) (Account, error)
	GetForUpdate(ctx context.Context, id int64) (Account, error)
	Save(ctx context.Context, a Account) error
}

// Transactor runs fn in one transaction, carried by the context it is
// given: every repository called with that context joins it.
type Transactor interface {
	WithinTx(ctx context.Context, fn func(ctx context.Context) error) error
}
