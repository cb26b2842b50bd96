// Package store is the database/sql adapter: repositories over a
// package-local querier (a *sql.DB or a *sql.Tx), a helper that maps
// sql.ErrNoRows to domain.ErrNotFound, and a unit of work that builds the
// repositories on its transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"layers/uow/domain"
)

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// mapErr translates the driver's not-found into the domain's.
func mapErr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.ErrNotFound
	}
	return err
}

type OrderRepo struct{ q querier }

func NewOrderRepo(db *sql.DB) *OrderRepo { return &OrderRepo{q: db} }

func (r *OrderRepo) Get(ctx context.Context, id int64) (*domain.Order, error) {
	var o domain.Order
	if err := r.q.QueryRowContext(ctx, `SELECT id, status FROM orders WHERE id = $1`, id).Scan(&o.ID, &o.Status); err != nil {
		return nil, mapErr(err)
	}
	return &o, nil
}

func (r *OrderRepo) GetForUpdate(ctx context.Context, id int64) (*domain.Order, error) {
	var o domain.Order
	if err := r.q.QueryRowContext(ctx, `SELECT id, status FROM orders WHERE id = $1 FOR UPDATE`, id).Scan(&o.ID, &o.Status); err != nil {
		return nil, mapErr(err)
	}
	return &o, nil
}

func (r *OrderRepo) UpdateStatus(ctx context.Context, id int64, status string) error {
	_, err := r.q.ExecContext(ctx, `UPDATE orders SET status = $2 WHERE id = $1`, id, status)
	return err
}

type InviteRepo struct{ q querier }

func NewInviteRepo(db *sql.DB) *InviteRepo { return &InviteRepo{q: db} }

func (r *InviteRepo) ByCode(ctx context.Context, code string) (*domain.Invite, error) {
	var inv domain.Invite
	if err := r.q.QueryRowContext(ctx, `SELECT id, code FROM invites WHERE code = $1`, code).Scan(&inv.ID, &inv.Code); err != nil {
		return nil, mapErr(err)
	}
	return &inv, nil
}

func (r *InviteRepo) Create(ctx context.Context, code string) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO invites (code) VALUES ($1)`, code)
	return err
}

// UoW begins a transaction and hands fn the repositories built on it.
type UoW struct{ db *sql.DB }

func NewUoW(db *sql.DB) *UoW { return &UoW{db: db} }

func (u *UoW) Do(ctx context.Context, fn func(ctx context.Context, r domain.Repos) error) error {
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(ctx, domain.Repos{Orders: &OrderRepo{q: tx}}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// SerializableUoW runs fn at SERIALIZABLE.
type SerializableUoW struct{ db *sql.DB }

func NewSerializableUoW(db *sql.DB) *SerializableUoW { return &SerializableUoW{db: db} }

func (u *SerializableUoW) Do(ctx context.Context, fn func(ctx context.Context, r domain.Repos) error) error {
	tx, err := u.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	if err := fn(ctx, domain.Repos{Orders: &OrderRepo{q: tx}}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Persister hands out repositories on a connection it is given, and runs
// transactions whose callback gets the transaction itself.
type Persister interface {
	Transaction(fn func(tx *sql.Tx) error) error
	OrdersOn(tx *sql.Tx) domain.OrderRepo
}

type SQLPersister struct{ DB *sql.DB }

func (p *SQLPersister) Transaction(fn func(tx *sql.Tx) error) error {
	tx, err := p.DB.Begin()
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (p *SQLPersister) OrdersOn(tx *sql.Tx) domain.OrderRepo { return &OrderRepo{q: tx} }

// Stamp runs a transaction of its own; now is its clock, not work handed
// to the transaction.
func (u *SerializableUoW) Stamp(ctx context.Context, id int64, now func() time.Time) error {
	tx, err := u.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE orders SET paid_at = $1 WHERE id = $2`, now(), id); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
