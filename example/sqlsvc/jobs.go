package sqlsvc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const claimNextJobSQL = `UPDATE jobs SET status = 'running', started_at = now()
WHERE id = (SELECT id FROM jobs WHERE status = 'pending' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id`

// racy: the read's WHERE status = 'pending' is the check; two workers pick the same row and both run it.
func (s *Service) NextJobRacy(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM jobs WHERE status = 'pending' ORDER BY created_at LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoJobs
	}
	if err != nil {
		return 0, fmt.Errorf("pick job: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = $1 WHERE id = $2`, time.Now(), id); err != nil { // want "RL001"
		return 0, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, nil
}

// racy: same pick-then-start inside a default-isolation transaction; the plain SELECT takes no lock.
func (s *Service) NextJobTxRacy(ctx context.Context) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM jobs WHERE status = 'pending' ORDER BY created_at LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoJobs
	}
	if err != nil {
		return 0, fmt.Errorf("pick job: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = $1 WHERE id = $2`, time.Now(), id); err != nil { // want "RL005"
		return 0, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, tx.Commit()
}

// safe: SELECT ... FOR UPDATE SKIP LOCKED in the same transaction as the UPDATE.
func (s *Service) NextJobTx(ctx context.Context) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM jobs WHERE status = 'pending' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoJobs
	}
	if err != nil {
		return 0, fmt.Errorf("pick job: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = $1 WHERE id = $2`, time.Now(), id); err != nil {
		return 0, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, tx.Commit()
}

// safe: one UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING id, its scan error checked.
func (s *Service) NextJob(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, claimNextJobSQL).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoJobs
	}
	if err != nil {
		return 0, fmt.Errorf("claim next job: %w", err)
	}
	return id, nil
}

// racy: the FOR UPDATE read runs on s.db, not on tx, so its lock is released before the write; not the same transaction: RL001.
func (s *Service) StartJob(ctx context.Context, jobID int64) error {
	var status string
	if err := s.db.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, jobID).Scan(&status); err != nil {
		return fmt.Errorf("load job %d: %w", jobID, err)
	}
	if status != "pending" {
		return ErrNotPending
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = $1 WHERE id = $2`, time.Now(), jobID); err != nil { // want "RL001"
		return fmt.Errorf("start job %d: %w", jobID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO job_events (job_id, kind, created_at) VALUES ($1, 'started', $2)`, jobID, time.Now()); err != nil {
		return fmt.Errorf("log job %d: %w", jobID, err)
	}
	return tx.Commit()
}
