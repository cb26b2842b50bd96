// Package repo implements service.Invites with database/sql, over a
// querier that is a *sql.DB or the unit of work's *sql.Tx.
package repo

import (
	"context"
	"database/sql"
	"errors"

	"example.com/cleanarch/service"
)

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Invites is the SQL implementation.
type Invites struct{ DB querier }

// Get loads an invite by code.
func (r *Invites) Get(ctx context.Context, code string) (*service.Invite, error) {
	return r.get(ctx, `SELECT id, used_at FROM invites WHERE code = $1`, code)
}

// GetForUpdate loads an invite by code and locks it.
func (r *Invites) GetForUpdate(ctx context.Context, code string) (*service.Invite, error) {
	return r.get(ctx, `SELECT id, used_at FROM invites WHERE code = $1 FOR UPDATE`, code)
}

func (r *Invites) get(ctx context.Context, query, code string) (*service.Invite, error) {
	var inv service.Invite
	var used sql.NullInt64
	if err := r.DB.QueryRowContext(ctx, query, code).Scan(&inv.ID, &used); err != nil {
		return nil, notFound(err)
	}
	if used.Valid {
		inv.UsedAt = &used.Int64
	}
	return &inv, nil
}

// notFound maps the driver's not-found error to the service's.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return service.ErrNotFound
	}
	return err
}

// MarkUsed sets used_at.
func (r *Invites) MarkUsed(ctx context.Context, id int64, at int64) error {
	_, err := r.DB.ExecContext(ctx, `UPDATE invites SET used_at = $1 WHERE id = $2`, at, id)
	return err
}

// Create inserts an invite.
func (r *Invites) Create(ctx context.Context, code string) error {
	_, err := r.DB.ExecContext(ctx, `INSERT INTO invites (code) VALUES ($1)`, code)
	return err
}

// UoW is the unit of work.
type UoW struct{ DB *sql.DB }

// Do runs fn on repositories bound to one transaction.
func (u *UoW) Do(ctx context.Context, fn func(r service.Invites) error) error {
	tx, err := u.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(&Invites{DB: tx}); err != nil {
		return err
	}
	return tx.Commit()
}
