// Package rl001pgx holds RL001 check-then-update cases for pgx v5 and pgxpool.
package rl001pgx

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var errTaken = errors.New("taken")

type Lead struct {
	ID      int64  `db:"id"`
	OwnerID *int64 `db:"owner_id"`
}

type Service struct {
	pool *pgxpool.Pool
	conn *pgx.Conn
}

// racy: Query + CollectOneRow into a struct, pointer field == nil.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	rows, err := s.pool.Query(ctx, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID)
	if err != nil {
		return err
	}
	lead, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Lead])
	if err != nil {
		return err
	}
	if lead.OwnerID != nil {
		return errTaken
	}
	_, err = s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, lead.ID) // want "RL001"
	return err
}

// racy: QueryRow.Scan on a *pgx.Conn, switch on status.
func (s *Service) Ship(ctx context.Context, orderID int64) error {
	var status string
	if err := s.conn.QueryRow(ctx, `SELECT status FROM orders WHERE id = $1`, orderID).Scan(&status); err != nil {
		return err
	}
	switch status {
	case "paid":
		_, err := s.conn.Exec(ctx, `UPDATE orders SET status = 'shipped', shipped_at = $1 WHERE id = $2`, time.Now(), orderID) // want "RL001"
		return err
	default:
		return errTaken
	}
}

// racy: an acquired *pgxpool.Conn, if/else, pointer time.
func (s *Service) Open(ctx context.Context, emailID int64) error {
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	var openedAt *time.Time
	if err := c.QueryRow(ctx, `SELECT opened_at FROM emails WHERE id = $1`, emailID).Scan(&openedAt); err != nil {
		return err
	}
	if openedAt == nil {
		_, err = c.Exec(ctx, `UPDATE emails SET opened_at = now() WHERE id = $1`, emailID) // want "RL001"
	} else {
		err = nil
	}
	return err
}

// racy: check the state, then delete the row.
func (s *Service) DeleteDraft(ctx context.Context, postID int64) error {
	var status string
	if err := s.pool.QueryRow(ctx, `SELECT status FROM posts WHERE id = $1`, postID).Scan(&status); err != nil {
		return err
	}
	if status != "draft" {
		return errTaken
	}
	_, err := s.pool.Exec(ctx, `DELETE FROM posts WHERE id = $1`, postID) // want "RL001"
	return err
}

// racy: the read's WHERE status = 'pending' is the check (pick a row), write by the scanned id.
func (s *Service) Next(ctx context.Context) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 1`).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, errTaken
	}
	if err != nil {
		return 0, err
	}
	_, err = s.pool.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id) // want "RL001"
	return id, err
}

// racy: the FOR UPDATE read is on the pool, the write in a later pgx.Tx.
func (s *Service) StartLockedOnPool(ctx context.Context, jobID int64) error {
	var status string
	if err := s.pool.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil { // want "RL001"
		return err
	}
	return tx.Commit(ctx)
}

// safe: conditional write, CommandTag.RowsAffected compared.
func (s *Service) ClaimSafe(ctx context.Context, leadID, userID int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, leadID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return errTaken
	}
	return nil
}

// safe: check in Go first, then a conditional write whose count is returned.
func (s *Service) ShipSafe(ctx context.Context, orderID int64) (bool, error) {
	var status string
	if err := s.pool.QueryRow(ctx, `SELECT status FROM orders WHERE id = $1`, orderID).Scan(&status); err != nil {
		return false, err
	}
	if status != "paid" {
		return false, nil
	}
	tag, err := s.pool.Exec(ctx, `UPDATE orders SET status = 'shipped' WHERE id = $1 AND status = 'paid'`, orderID)
	return tag.RowsAffected() == 1, err
}

// safe: SELECT ... FOR UPDATE inside pgx.BeginFunc, same tx as the write.
func (s *Service) StartLocked(ctx context.Context, jobID int64) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, jobID).Scan(&status); err != nil {
			return err
		}
		if status != "pending" {
			return errTaken
		}
		_, err := tx.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID)
		return err
	})
}

// safe: FOR UPDATE SKIP LOCKED on a pgxpool transaction from BeginTx.
func (s *Service) NextLocked(ctx context.Context) (int64, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(ctx)
	var id int64
	if err := tx.QueryRow(ctx, `SELECT id FROM jobs WHERE status = 'pending' LIMIT 1 FOR UPDATE SKIP LOCKED`).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id); err != nil {
		return 0, err
	}
	return id, tx.Commit(ctx)
}

// near-miss: authorization on author_id, write sets title.
func (s *Service) Rename(ctx context.Context, postID, userID int64, title string) error {
	var authorID int64
	if err := s.pool.QueryRow(ctx, `SELECT author_id FROM posts WHERE id = $1`, postID).Scan(&authorID); err != nil {
		return err
	}
	if authorID != userID {
		return errTaken
	}
	_, err := s.pool.Exec(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, postID)
	return err
}

// near-miss: check one lead, write another.
func (s *Service) HandOff(ctx context.Context, fromID, toID, userID int64) error {
	var owner *int64
	if err := s.pool.QueryRow(ctx, `SELECT owner_id FROM leads WHERE id = $1`, fromID).Scan(&owner); err != nil {
		return err
	}
	if owner == nil || *owner != userID {
		return errTaken
	}
	_, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, toID)
	return err
}

// near-miss: only err != nil on the read.
func (s *Service) Click(ctx context.Context, emailID int64) error {
	var id int64
	if err := s.pool.QueryRow(ctx, `SELECT id FROM emails WHERE id = $1`, emailID).Scan(&id); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `UPDATE emails SET clicked_at = now() WHERE id = $1`, id)
	return err
}

// near-miss: write text is a parameter.
func (s *Service) Run(ctx context.Context, jobID int64, stmt string) error {
	var status string
	if err := s.pool.QueryRow(ctx, `SELECT status FROM jobs WHERE id = $1`, jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	_, err := s.pool.Exec(ctx, stmt, jobID)
	return err
}
