// Package rl005sql holds RL005 tx-without-lock cases for database/sql.
package rl005sql

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

var errTaken = errors.New("taken")

type Service struct{ db *sql.DB }

// racy: BeginTx(ctx, nil), plain SELECT, check, UPDATE.
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

// racy: Begin(), lost update inside the tx, MySQL placeholders.
func (s *Service) AddStock(sku string, n int) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var qty int
	if err := tx.QueryRow("SELECT `qty` FROM `stock` WHERE `sku` = ?", sku).Scan(&qty); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE `stock` SET `qty` = ? WHERE `sku` = ?", qty+n, sku); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// racy: explicit READ COMMITTED is the default level.
func (s *Service) Start(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1`, jobID).Scan(&status); err != nil {
		return err
	}
	switch status {
	case "pending":
		if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil { // want "RL005"
			return err
		}
	default:
		return errTaken
	}
	return tx.Commit()
}

// safe: FOR UPDATE in the same tx.
func (s *Service) ClaimLocked(ctx context.Context, leadID, userID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var owner sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1 FOR UPDATE`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID); err != nil {
		return err
	}
	return tx.Commit()
}

// racy: FOR SHARE in the same tx. Both transactions get the share lock
// and pass the check; their updates then wait on each other's share lock
// and one is aborted as a deadlock.
func (s *Service) StartShared(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1 FOR SHARE`, jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil { // want `RL005 tx-without-lock: tx.ExecContext writes jobs after .status != "pending"., read FOR SHARE in this tx`
		return err
	}
	return tx.Commit()
}

// safe: FOR NO KEY UPDATE, an exclusive row lock, in the same tx.
func (s *Service) StartNoKeyLocked(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1 FOR NO KEY UPDATE`, jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil {
		return err
	}
	return tx.Commit()
}

// safe: conditional write with RowsAffected inside the tx.
func (s *Service) ClaimConditional(ctx context.Context, leadID, userID int64) error {
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
	res, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errTaken
	}
	return tx.Commit()
}

// near-miss: tx reads one lead, writes another.
func (s *Service) Move(ctx context.Context, fromID, toID, userID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var owner sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, fromID).Scan(&owner); err != nil {
		return err
	}
	if !owner.Valid || owner.Int64 != userID {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, toID); err != nil {
		return err
	}
	return tx.Commit()
}

// near-miss: tx with only err handling on the read.
func (s *Service) Touch(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, id).Scan(&name); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET last_seen_at = now() WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// safe: Serializable options built outside the closure that runs the
// transaction (a free variable), retried by the helper: the isolation level
// serialises the two requests.
func (s *Service) ClaimRetried(ctx context.Context, leadID, userID int64) error {
	opts := &sql.TxOptions{Isolation: sql.LevelSerializable}
	return retry(func() error {
		tx, err := s.db.BeginTx(ctx, opts)
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
		if _, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// racy twin: the same closure with Read Committed options.
func (s *Service) ClaimRetriedReadCommitted(ctx context.Context, leadID, userID int64) error {
	opts := &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	return retry(func() error {
		tx, err := s.db.BeginTx(ctx, opts)
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
	})
}

// retry runs fn again when it fails with a serialization failure (40001).
func retry(fn func() error) error {
	for {
		err := fn()
		if err == nil || !strings.Contains(err.Error(), "40001") {
			return err
		}
	}
}
