// Package rl004sql holds RL004 unchecked-conditional-write cases for database/sql.
package rl004sql

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"time"
)

type Service struct{ db *sql.DB }

const claimSQL = `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`

// racy: claim without a read, the result is dropped.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	_, err := s.db.ExecContext(ctx, claimSQL, userID, leadID) // want "RL004"
	return err
}

// racy: status transition pending -> running, count ignored.
func (s *Service) Start(ctx context.Context, jobID int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, jobID); err != nil { // want "RL004"
		return err
	}
	return nil
}

// racy: Go check, then a conditional write that re-checks opened_at but ignores the count.
func (s *Service) Open(ctx context.Context, id int64) (bool, error) {
	var openedAt sql.NullTime
	if err := s.db.QueryRowContext(ctx, `SELECT opened_at FROM emails WHERE id = $1`, id).Scan(&openedAt); err != nil {
		return false, err
	}
	if openedAt.Valid {
		return false, nil
	}
	_, err := s.db.ExecContext(ctx, `UPDATE emails SET opened_at = $1 WHERE id = $2 AND opened_at IS NULL`, time.Now(), id) // want "RL004"
	return err == nil, err
}

// racy: optimistic version check whose result is never looked at.
func (s *Service) Rename(ctx context.Context, id int64, title string) error {
	var version int64
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM posts WHERE id = $1`, id).Scan(&version); err != nil {
		return err
	}
	if version < 0 {
		return errors.New("bad version")
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET title = $1, version = version + 1 WHERE id = $2 AND version = $3`, title, id, version) // want "RL004"
	return err
}

// safe: claim with RowsAffected compared.
func (s *Service) ClaimChecked(ctx context.Context, leadID, userID int64) error {
	res, err := s.db.ExecContext(ctx, claimSQL, userID, leadID)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return errors.New("taken")
	}
	return nil
}

// safe: RowsAffected returned to the caller.
func (s *Service) StartCount(ctx context.Context, jobID int64) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, jobID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// safe: RETURNING row; scan error decides.
func (s *Service) StartReturning(ctx context.Context, jobID int64) (bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending' RETURNING id`, jobID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// near-miss: idempotent now() stamp guarded by IS NULL.
func (s *Service) Archive(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, id)
	return err
}

// near-miss: a plain keyed update with no state predicate.
func (s *Service) SetTitle(ctx context.Context, id int64, title string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET title = $1 WHERE id = $2`, title, id)
	return err
}

// oldestSample returns the timestamp of the endpoint's oldest sample.
func oldestSample(ctx context.Context, tx *sql.Tx, endpointID int64) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ts FROM samples WHERE endpoint_id = $1 ORDER BY ts LIMIT 1`, endpointID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ts int64
	found := false
	for rows.Next() {
		_ = rows.Scan(&ts)
		found = true
	}
	if !found {
		return 0, sql.ErrNoRows
	}
	return ts, nil
}

func deleteSamplesBefore(ctx context.Context, tx *sql.Tx, endpointID, cutoff int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM samples WHERE endpoint_id = $1 AND ts < $2`, endpointID, cutoff)
	return err
}

// silent: retention clean-up inside the transaction that records a
// result (gatus' uptimes). Two runs delete the same old rows once, and
// nothing after the delete acts as the winner.
func (s *Service) Record(ctx context.Context, endpointID, threshold, cutoff int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO results (endpoint_id) VALUES ($1)`, endpointID); err != nil {
		return err
	}
	oldest, err := oldestSample(ctx, tx, endpointID)
	if err != nil {
		log.Printf("oldest: %v", err)
	} else if oldest < threshold {
		if err = deleteSamplesBefore(ctx, tx, endpointID, cutoff); err != nil {
			log.Printf("prune: %v", err)
		}
	}
	return tx.Commit()
}

// racy twin: the pruning run then credits itself, as if it had removed
// the rows: two callers both add the credit.
func (s *Service) RecordAndCredit(ctx context.Context, endpointID, threshold, cutoff int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	oldest, err := oldestSample(ctx, tx, endpointID)
	if err != nil {
		return err
	}
	if oldest < threshold {
		if err = deleteSamplesBefore(ctx, tx, endpointID, cutoff); err != nil { // want "RL004"
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE endpoints SET pruned = pruned + 1 WHERE id = $1`, endpointID); err != nil {
			return err
		}
	}
	return tx.Commit()
}
