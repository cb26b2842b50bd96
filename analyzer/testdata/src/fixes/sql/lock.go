// Package fixsql holds findings with suggested fixes for database/sql.
package fixsql

import (
	"context"
	"database/sql"
	"errors"
)

var errTaken = errors.New("taken")

type Service struct{ db *sql.DB }

// RL005 on a nullable column: lock the read, or re-check in the WHERE.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var owner sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// RL005 on a counter, MySQL placeholders, trailing semicolon and LIMIT:
// lock the read, or compute the value in the database.
func (s *Service) AddStock(sku string, n int) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var qty int
	if err := tx.QueryRow("SELECT `qty` FROM `stock` WHERE `sku` = ? LIMIT 1;", sku).Scan(&qty); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE `stock` SET `qty` = ? WHERE `sku` = ?", qty+n, sku); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}
