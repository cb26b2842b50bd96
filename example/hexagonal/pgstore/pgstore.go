// Package pgstore is the pgx adapter of the hexagonal example. The
// transaction travels in the context: each repository method runs on
// conn(ctx), the transaction the context carries or the pool, and
// translates pgx.ErrNoRows into domain.ErrNotFound in one helper.
package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/racelint/racelint/example/hexagonal/domain"
)

type dbtx interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type txKey struct{}

type base struct{ pool *pgxpool.Pool }

// conn is the transaction the context carries, or the pool.
func (b base) conn(ctx context.Context) dbtx {
	if tx, ok := ctx.Value(txKey{}).(pgx.Tx); ok {
		return tx
	}
	return b.pool
}

// notFound translates the driver's not-found error into the domain's.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.ErrNotFound
	}
	return err
}

type Vouchers struct{ base }

func NewVouchers(pool *pgxpool.Pool) *Vouchers { return &Vouchers{base{pool}} }

func (r *Vouchers) ByCode(ctx context.Context, code string) (*domain.Voucher, error) {
	var v domain.Voucher
	err := r.conn(ctx).QueryRow(ctx, `SELECT id, code, redeemed FROM vouchers WHERE code = $1`, code).Scan(&v.ID, &v.Code, &v.Redeemed)
	if err != nil {
		return nil, notFound(err)
	}
	return &v, nil
}

func (r *Vouchers) ByCodeForUpdate(ctx context.Context, code string) (*domain.Voucher, error) {
	var v domain.Voucher
	err := r.conn(ctx).QueryRow(ctx, `SELECT id, code, redeemed FROM vouchers WHERE code = $1 FOR UPDATE`, code).Scan(&v.ID, &v.Code, &v.Redeemed)
	if err != nil {
		return nil, notFound(err)
	}
	return &v, nil
}

func (r *Vouchers) MarkRedeemed(ctx context.Context, id int64) error {
	_, err := r.conn(ctx).Exec(ctx, `UPDATE vouchers SET redeemed = true WHERE id = $1`, id)
	return err
}

func (r *Vouchers) Create(ctx context.Context, code string) error {
	_, err := r.conn(ctx).Exec(ctx, `INSERT INTO vouchers (code) VALUES ($1)`, code)
	return err
}

type Accounts struct{ base }

func NewAccounts(pool *pgxpool.Pool) *Accounts { return &Accounts{base{pool}} }

func (r *Accounts) Get(ctx context.Context, id int64) (domain.Account, error) {
	var a domain.Account
	err := r.conn(ctx).QueryRow(ctx, `SELECT id, balance FROM accounts WHERE id = $1`, id).Scan(&a.ID, &a.Balance)
	return a, notFound(err)
}

func (r *Accounts) GetForUpdate(ctx context.Context, id int64) (domain.Account, error) {
	var a domain.Account
	err := r.conn(ctx).QueryRow(ctx, `SELECT id, balance FROM accounts WHERE id = $1 FOR UPDATE`, id).Scan(&a.ID, &a.Balance)
	return a, notFound(err)
}

func (r *Accounts) Save(ctx context.Context, a domain.Account) error {
	_, err := r.conn(ctx).Exec(ctx, `UPDATE accounts SET balance = $2 WHERE id = $1`, a.ID, a.Balance)
	return err
}

// Transactor begins a transaction and puts it in the context fn gets.
type Transactor struct{ pool *pgxpool.Pool }

func NewTransactor(pool *pgxpool.Pool) *Transactor { return &Transactor{pool: pool} }

func (t *Transactor) WithinTx(ctx context.Context, fn func(ctx context.Context) error) error {
	tx, err := t.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
