// Package domain declares repository ports whose implementations the
// use cases never import: one configuration line per interface lets a
// driver that sees one package at a time follow them.
package domain

import (
	"context"
	"errors"
)

// ErrNotFound is what the implementations return for a missing row.
var ErrNotFound = errors.New("not found")

type Voucher struct {
	ID       int64
	Redeemed bool
}

type Account struct {
	ID      int64
	Balance int64
}

type Vouchers interface {
	ByCode(ctx context.Context, code string) (*Voucher, error)
	ByCodeForUpdate(ctx context.Context, code string) (*Voucher, error)
	MarkRedeemed(ctx context.Context, id int64) error
	RedeemIfUnused(ctx context.Context, id int64) (bool, error)
	Frobnicate(ctx context.Context, id int64) error
	Create(ctx context.Context, code string) error
}

type Accounts interface {
	Get(ctx context.Context, id int64) (Account, error)
	Save(ctx context.Context, a Account) error
}
