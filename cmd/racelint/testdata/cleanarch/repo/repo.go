// Package repo implements service.Invites with database/sql.
package repo

import (
	"context"
	"database/sql"

	"example.com/cleanarch/service"
)

// Invites is the SQL implementation.
type Invites struct{ DB *sql.DB }

// Get loads an invite by code.
func (r *Invites) Get(ctx context.Context, code string) (*service.Invite, error) {
	var inv service.Invite
	var used sql.NullInt64
	if err := r.DB.QueryRowContext(ctx, `SELECT id, used_at FROM invites WHERE code = $1`, code).Scan(&inv.ID, &used); err != nil {
		return nil, err
	}
	if used.Valid {
		inv.UsedAt = &used.Int64
	}
	return &inv, nil
}

// MarkUsed sets used_at.
func (r *Invites) MarkUsed(ctx context.Context, id int64, at int64) error {
	_, err := r.DB.ExecContext(ctx, `UPDATE invites SET used_at = $1 WHERE id = $2`, at, id)
	return err
}
