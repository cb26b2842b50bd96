// Package rl001sqlx holds RL001 check-then-update cases for sqlx.
package rl001sqlx

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

var errTaken = errors.New("taken")

type Lead struct {
	ID      int64  `db:"id"`
	OwnerID *int64 `db:"owner_id"`
}

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

type Email struct {
	ID       int64      `db:"id"`
	OpenedAt *time.Time `db:"opened_at"`
}

type Service struct{ db *sqlx.DB }

// racy: GetContext into a struct, pointer field == nil, write keyed by the scanned id.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	var lead Lead
	if err := s.db.GetContext(ctx, &lead, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID); err != nil {
		return err
	}
	if lead.OwnerID != nil {
		return errTaken
	}
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, lead.ID) // want "RL001"
	return err
}

// racy: Get with Rebind (MySQL-style ? turned into $N), MustExec write.
func (s *Service) Start(jobID int64) {
	var job Job
	if err := s.db.Get(&job, s.db.Rebind(`SELECT id, status FROM jobs WHERE id = ?`), jobID); err != nil {
		return
	}
	if job.Status == "pending" {
		s.db.MustExec(s.db.Rebind(`UPDATE jobs SET status = 'running' WHERE id = ?`), job.ID) // want "RL001"
	}
}

// racy: Select into a slice, len check, then the write.
func (s *Service) StartFirst(ctx context.Context, batch int64) error {
	var jobs []Job
	if err := s.db.SelectContext(ctx, &jobs, `SELECT id, status FROM jobs WHERE batch_id = $1 AND status = 'pending' LIMIT 1`, batch); err != nil {
		return err
	}
	if len(jobs) == 0 {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobs[0].ID) // want "RL001"
	return err
}

// racy: package-level sqlx.Get on a transaction-less DB, then a write via
// the embedded *sql.DB; the caller that finds the user verified gets an
// error, racing callers both get nil.
func (s *Service) Verify(ctx context.Context, userID int64) error {
	var verified bool
	if err := sqlx.GetContext(ctx, s.db, &verified, `SELECT verified FROM users WHERE id = $1`, userID); err != nil {
		return err
	}
	if verified {
		return errTaken
	}
	_, err := s.db.ExecContext(ctx, `UPDATE users SET verified = true WHERE id = $1`, userID) // want "RL001"
	return err
}

// racy: FOR UPDATE read on s.db, write in a Beginx transaction.
func (s *Service) StartLockedOnDB(jobID int64) error {
	var status string
	if err := s.db.Get(&status, `SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, jobID); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	tx, err := s.db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tx.MustExec(`UPDATE jobs SET status = 'running' WHERE id = $1`, jobID) // want "RL001"
	return tx.Commit()
}

// safe: conditional write, RowsAffected compared.
func (s *Service) ClaimSafe(ctx context.Context, leadID, userID int64) error {
	var lead Lead
	if err := s.db.GetContext(ctx, &lead, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID); err != nil {
		return err
	}
	if lead.OwnerID != nil {
		return errTaken
	}
	res, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, userID, lead.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errTaken
	}
	return nil
}

// safe: FOR UPDATE read in the same BeginTxx transaction.
func (s *Service) StartLocked(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var job Job
	if err := tx.GetContext(ctx, &job, `SELECT id, status FROM jobs WHERE id = $1 FOR UPDATE`, jobID); err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, job.ID); err != nil {
		return err
	}
	return tx.Commit()
}

// safe: MustBegin transaction, FOR UPDATE read with Rebind.
func (s *Service) StartMustBegin(jobID int64) error {
	tx := s.db.MustBegin()
	defer tx.Rollback()
	var status string
	if err := tx.Get(&status, tx.Rebind(`SELECT status FROM jobs WHERE id = ? FOR UPDATE`), jobID); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	tx.MustExec(tx.Rebind(`UPDATE jobs SET status = 'running' WHERE id = ?`), jobID)
	return tx.Commit()
}

// near-miss: authorization check on owner_id, the write sets a note.
func (s *Service) Annotate(ctx context.Context, leadID, userID int64, note string) error {
	var lead Lead
	if err := s.db.GetContext(ctx, &lead, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID); err != nil {
		return err
	}
	if lead.OwnerID == nil || *lead.OwnerID != userID {
		return errTaken
	}
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET note = $1 WHERE id = $2`, note, lead.ID)
	return err
}

// near-miss: check on one job, write of another job.
func (s *Service) StartNext(ctx context.Context, jobID, nextID int64) error {
	var status string
	if err := s.db.GetContext(ctx, &status, `SELECT status FROM jobs WHERE id = $1`, jobID); err != nil {
		return err
	}
	if status != "done" {
		return errTaken
	}
	_, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, nextID)
	return err
}

// near-miss: error handling only, then a blind touch.
func (s *Service) Seen(ctx context.Context, userID int64) error {
	var name string
	if err := s.db.GetContext(ctx, &name, `SELECT name FROM users WHERE id = $1`, userID); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE users SET last_seen_at = now() WHERE id = $1`, userID)
	return err
}

// near-miss: the write's SQL comes from the caller.
func (s *Service) Apply(ctx context.Context, jobID int64, stmt string) error {
	var status string
	if err := s.db.GetContext(ctx, &status, `SELECT status FROM jobs WHERE id = $1`, jobID); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	_, err := s.db.ExecContext(ctx, stmt, jobID)
	return err
}
