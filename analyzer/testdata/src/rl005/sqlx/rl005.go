// Package rl005sqlx holds RL005 tx-without-lock cases for sqlx.
package rl005sqlx

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"
)

var errTaken = errors.New("taken")

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

type Service struct{ db *sqlx.DB }

// racy: BeginTxx, Get, check, Exec.
func (s *Service) Start(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var job Job
	if err := tx.GetContext(ctx, &job, `SELECT id, status FROM jobs WHERE id = $1`, id); err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, job.ID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// racy: MustBegin, Get, MustExec write-back.
func (s *Service) Bump(id int64) error {
	tx := s.db.MustBegin()
	defer tx.Rollback()
	var n int64
	if err := tx.Get(&n, `SELECT counter FROM counters WHERE id = $1`, id); err != nil {
		return err
	}
	tx.MustExec(`UPDATE counters SET counter = $1 WHERE id = $2`, n+1, id) // want "RL005"
	return tx.Commit()
}

// safe: FOR UPDATE in Beginx.
func (s *Service) StartLocked(id int64) error {
	tx, err := s.db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var job Job
	if err := tx.Get(&job, `SELECT id, status FROM jobs WHERE id = $1 FOR UPDATE`, id); err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	tx.MustExec(`UPDATE jobs SET status = 'running' WHERE id = $1`, job.ID)
	return tx.Commit()
}

// near-miss: reads job a, writes job b.
func (s *Service) Chain(ctx context.Context, a, b int64) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.GetContext(ctx, &status, `SELECT status FROM jobs WHERE id = $1`, a); err != nil {
		return err
	}
	if status != "done" {
		return errTaken
	}
	tx.MustExecContext(ctx, `UPDATE jobs SET status = 'pending' WHERE id = $1`, b)
	return tx.Commit()
}
