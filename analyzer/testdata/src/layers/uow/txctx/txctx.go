// Package txctx is the pgx adapter where the transaction travels in the
// context: each repository method asks conn(ctx) for the transaction the
// context carries, or the pool.
package txctx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"layers/uow/domain"
)

type dbtx interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type txKey struct{}

type Wallets struct{ pool *pgxpool.Pool }

func NewWallets(p *pgxpool.Pool) *Wallets { return &Wallets{pool: p} }

func (r *Wallets) conn(ctx context.Context) dbtx {
	if tx, ok := ctx.Value(txKey{}).(pgx.Tx); ok {
		return tx
	}
	return r.pool
}

func (r *Wallets) Get(ctx context.Context, id int64) (domain.Wallet, error) {
	var w domain.Wallet
	err := r.conn(ctx).QueryRow(ctx, `SELECT id, balance FROM wallets WHERE id = $1`, id).Scan(&w.ID, &w.Balance)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Wallet{}, domain.ErrNotFound
	}
	return w, err
}

func (r *Wallets) GetForUpdate(ctx context.Context, id int64) (domain.Wallet, error) {
	var w domain.Wallet
	err := r.conn(ctx).QueryRow(ctx, `SELECT id, balance FROM wallets WHERE id = $1 FOR UPDATE`, id).Scan(&w.ID, &w.Balance)
	return w, err
}

func (r *Wallets) Save(ctx context.Context, w domain.Wallet) error {
	_, err := r.conn(ctx).Exec(ctx, `UPDATE wallets SET balance = $2 WHERE id = $1`, w.ID, w.Balance)
	return err
}

// TxManager puts its transaction in the context it hands fn.
type TxManager struct{ pool *pgxpool.Pool }

func NewTxManager(p *pgxpool.Pool) *TxManager { return &TxManager{pool: p} }

func (m *TxManager) WithinTx(ctx context.Context, fn func(ctx context.Context) error) error {
	tx, err := m.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := fn(context.WithValue(ctx, txKey{}, tx)); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
