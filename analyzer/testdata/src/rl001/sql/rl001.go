// Package rl001sql holds RL001 check-then-update cases for database/sql.
package rl001sql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

var errGone = errors.New("gone")

type Email struct {
	ID       int64
	OpenedAt sql.NullTime
}

type Service struct{ db *sql.DB }

const markShippedSQL = `UPDATE orders SET status = 'shipped', shipped_at = $1 WHERE id = $2`

// racy: struct scan, NullTime.Valid, early return, write keyed by the scanned id.
func (s *Service) RecordOpen(ctx context.Context, tracking string) error {
	var e Email
	if err := s.db.QueryRowContext(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = $1`, tracking).Scan(&e.ID, &e.OpenedAt); err != nil {
		return err
	}
	if e.OpenedAt.Valid {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2`, time.Now(), e.ID) // want "RL001"
	return err
}

// racy: if/else shape, separate variables, same parameter as key.
func (s *Service) Publish(ctx context.Context, postID int64) error {
	var published bool
	err := s.db.QueryRowContext(ctx, `SELECT published FROM posts WHERE id = $1`, postID).Scan(&published)
	if err != nil {
		return err
	}
	if !published {
		_, err = s.db.ExecContext(ctx, `UPDATE posts SET published = true, published_at = now() WHERE id = $1`, postID) // want "RL001"
	} else {
		err = errGone
	}
	return err
}

// racy: switch on status, SQL in a package-level const.
func (s *Service) Ship(ctx context.Context, orderID int64) error {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1`, orderID).Scan(&status); err != nil {
		return err
	}
	switch status {
	case "paid":
		_, err := s.db.ExecContext(ctx, markShippedSQL, time.Now(), orderID) // want "RL001"
		return err
	case "shipped":
		return nil
	default:
		return fmt.Errorf("order %d is %s", orderID, status)
	}
}

// racy: MySQL ? placeholders and backquoted identifiers, Exec without
// context; the caller that finds the user active is told so, and two
// racing callers are both told they activated it.
func (s *Service) Activate(userID int64) error {
	var active bool
	if err := s.db.QueryRow("SELECT `active` FROM `users` WHERE `id` = ?", userID).Scan(&active); err != nil {
		return err
	}
	if active {
		return errGone
	}
	_, err := s.db.Exec("UPDATE `users` SET `active` = 1 WHERE `id` = ?", userID) // want "RL001"
	return err
}

// racy: fmt.Sprintf with a constant format builds both statements.
func (s *Service) Archive(ctx context.Context, id int64) error {
	var archived bool
	if err := s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT archived FROM invoices WHERE id = $1 LIMIT %d", 1), id).Scan(&archived); err != nil {
		return err
	}
	if archived {
		return nil
	}
	_, err := s.db.ExecContext(ctx, fmt.Sprintf("UPDATE invoices SET archived = true, purge_after = now() + interval '%d days' WHERE id = $1", 30), id) // want "RL001"
	return err
}

// racy: Query + rows.Next loop; the status checked per row is then written.
func (s *Service) StartAll(ctx context.Context, batch int64) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, status FROM jobs WHERE batch_id = $1`, batch)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var status string
		if err := rows.Scan(&id, &status); err != nil {
			return err
		}
		if status != "pending" {
			continue
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, id); err != nil { // want "RL001"
			return err
		}
	}
	return rows.Err()
}

// racy: a Prepare'd SELECT observed through Scan, then an UPDATE of the same row.
func (s *Service) Verify(ctx context.Context, userID int64) error {
	stmt, err := s.db.PrepareContext(ctx, `SELECT verified FROM users WHERE id = $1`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	var verified bool
	if err := stmt.QueryRowContext(ctx, userID).Scan(&verified); err != nil {
		return err
	}
	if verified {
		return nil
	}
	_, err = s.db.ExecContext(ctx, `UPDATE users SET verified = true WHERE id = $1`, userID) // want "RL001"
	return err
}

// racy: a check of the row's state followed by a DELETE of the row.
func (s *Service) DiscardDraft(ctx context.Context, postID int64) error {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM posts WHERE id = $1`, postID).Scan(&status); err != nil {
		return err
	}
	if status != "draft" {
		return errGone
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM posts WHERE id = $1`, postID) // want "RL001"
	return err
}

// racy: the FOR UPDATE read runs on s.db, the write in a later tx: the lock is gone.
func (s *Service) LockOnDBWriteInTx(ctx context.Context, jobID int64) error {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errGone
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil { // want "RL001"
		return err
	}
	return tx.Commit()
}

// racy: read and write through a dedicated *sql.Conn.
func (s *Service) ConnClaim(ctx context.Context, leadID, userID int64) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var owner sql.NullInt64
	if err := conn.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errGone
	}
	_, err = conn.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID) // want "RL001"
	return err
}

// safe: the write re-checks opened_at IS NULL and RowsAffected decides.
func (s *Service) RecordOpenSafe(ctx context.Context, tracking string) (bool, error) {
	var e Email
	if err := s.db.QueryRowContext(ctx, `SELECT id, opened_at FROM emails WHERE tracking_id = $1`, tracking).Scan(&e.ID, &e.OpenedAt); err != nil {
		return false, err
	}
	if e.OpenedAt.Valid {
		return false, nil
	}
	res, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2 AND opened_at IS NULL`, time.Now(), e.ID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// safe: conditional write with RETURNING; the scan error is checked.
func (s *Service) ShipSafe(ctx context.Context, orderID int64) error {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1`, orderID).Scan(&status); err != nil {
		return err
	}
	if status != "paid" {
		return errGone
	}
	var id int64
	err := s.db.QueryRowContext(ctx, `UPDATE orders SET status = 'shipped' WHERE id = $1 AND status = 'paid' RETURNING id`, orderID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return errGone
	}
	return err
}

// safe: locking read (FOR UPDATE) in the same transaction as the write.
func (s *Service) PublishLocked(ctx context.Context, postID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var published bool
	if err := tx.QueryRowContext(ctx, `SELECT published FROM posts WHERE id = $1 FOR UPDATE`, postID).Scan(&published); err != nil {
		return err
	}
	if published {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE posts SET published = true WHERE id = $1`, postID); err != nil {
		return err
	}
	return tx.Commit()
}

// safe: FOR NO KEY UPDATE is a locking read too.
func (s *Service) ShipLockedNoKey(ctx context.Context, orderID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1 FOR NO KEY UPDATE`, orderID).Scan(&status); err != nil {
		return err
	}
	if status != "paid" {
		return errGone
	}
	if _, err := tx.ExecContext(ctx, markShippedSQL, time.Now(), orderID); err != nil {
		return err
	}
	return tx.Commit()
}

// not RL001: MySQL LOCK IN SHARE MODE in the same transaction keeps
// others from changing the row, but both callers read it, and their
// updates then deadlock on each other's share lock: RL005.
func (s *Service) ActivateShared(userID int64) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var active bool
	if err := tx.QueryRow("SELECT `active` FROM `users` WHERE `id` = ? LOCK IN SHARE MODE", userID).Scan(&active); err != nil {
		return err
	}
	if active {
		return nil
	}
	if _, err := tx.Exec("UPDATE `users` SET `active` = 1 WHERE `id` = ?", userID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// safe: Serializable transaction retried in a loop that looks at 40001.
func (s *Service) PublishSerializable(ctx context.Context, postID int64) error {
	for i := 0; i < 3; i++ {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		var published bool
		err = tx.QueryRowContext(ctx, `SELECT published FROM posts WHERE id = $1`, postID).Scan(&published)
		if err == nil && !published {
			_, err = tx.ExecContext(ctx, `UPDATE posts SET published = true WHERE id = $1`, postID)
		}
		if err == nil {
			err = tx.Commit()
		}
		if err == nil {
			return nil
		}
		_ = tx.Rollback()
		if !isSerializationFailure(err) {
			return err
		}
	}
	return errGone
}

func isSerializationFailure(err error) bool {
	return err != nil && strings40001(err.Error())
}

func strings40001(s string) bool {
	for i := 0; i+5 <= len(s); i++ {
		if s[i:i+5] == "40001" {
			return true
		}
	}
	return false
}

// near-miss: the check reads lead fromID, the write updates toID.
func (s *Service) HandOff(ctx context.Context, fromID, toID, userID int64) error {
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, fromID).Scan(&owner); err != nil {
		return err
	}
	if !owner.Valid || owner.Int64 != userID {
		return errGone
	}
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, toID)
	return err
}

// near-miss: authorization check on author_id, the write sets title only.
func (s *Service) Rename(ctx context.Context, postID, userID int64, title string) error {
	var authorID int64
	if err := s.db.QueryRowContext(ctx, `SELECT author_id FROM posts WHERE id = $1`, postID).Scan(&authorID); err != nil {
		return err
	}
	if authorID != userID {
		return errGone
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, postID)
	return err
}

// near-miss: the read's error is only handled.
func (s *Service) Touch(ctx context.Context, tracking string) error {
	var id int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM emails WHERE tracking_id = $1`, tracking).Scan(&id); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE emails SET clicked_at = now() WHERE id = $1`, id)
	return err
}

// near-miss: a blind write with no read at all.
func (s *Service) Unpublish(ctx context.Context, postID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET published = false WHERE id = $1`, postID)
	return err
}

// near-miss: the UPDATE text is only known at run time.
func (s *Service) Dynamic(ctx context.Context, postID int64, update string) error {
	var published bool
	if err := s.db.QueryRowContext(ctx, `SELECT published FROM posts WHERE id = $1`, postID).Scan(&published); err != nil {
		return err
	}
	if published {
		return nil
	}
	_, err := s.db.ExecContext(ctx, update, postID)
	return err
}

// near-miss: the read filters with an OR, so it may have returned a
// different row than the one written; not provably the same record.
func (s *Service) ByIDOrSlug(ctx context.Context, postID int64, slug string) error {
	var published bool
	if err := s.db.QueryRowContext(ctx, `SELECT published FROM posts WHERE id = $1 OR slug = $2`, postID, slug).Scan(&published); err != nil {
		return err
	}
	if published {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET published = true WHERE slug = $1`, slug)
	return err
}
