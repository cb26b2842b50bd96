// Package rl005mysql holds an RL005 case on MySQL: the package imports
// the driver, so the message names InnoDB's default isolation, REPEATABLE
// READ, whose plain SELECT reads a snapshot (messages.golden pins it).
package rl005mysql

import (
	"context"
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

type Service struct{ db *sql.DB }

// racy: the snapshot read does not stop the second transaction from
// reading the same stock and writing over the first one's update.
func (s *Service) Reserve(ctx context.Context, sku string, n int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var qty int
	if err := tx.QueryRowContext(ctx, "SELECT qty FROM stock WHERE sku = ?", sku).Scan(&qty); err != nil {
		return err
	}
	if qty < n {
		return sql.ErrNoRows
	}
	if _, err := tx.ExecContext(ctx, "UPDATE stock SET qty = ? WHERE sku = ?", qty-n, sku); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// safe: the read locks the row (FOR UPDATE), so the second transaction
// waits and then reads the first one's result.
func (s *Service) ReserveLocked(ctx context.Context, sku string, n int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var qty int
	if err := tx.QueryRowContext(ctx, "SELECT qty FROM stock WHERE sku = ? FOR UPDATE", sku).Scan(&qty); err != nil {
		return err
	}
	if qty < n {
		return sql.ErrNoRows
	}
	if _, err := tx.ExecContext(ctx, "UPDATE stock SET qty = ? WHERE sku = ?", qty-n, sku); err != nil {
		return err
	}
	return tx.Commit()
}
