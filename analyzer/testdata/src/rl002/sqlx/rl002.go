// Package rl002sqlx holds RL002 check-then-insert cases for sqlx.
package rl002sqlx

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"
)

type Contact struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
	Name  string `db:"name"`
}

type Service struct{ db *sqlx.DB }

// racy: Get, ErrNoRows, Exec insert.
func (s *Service) Ensure(ctx context.Context, email, name string) error {
	var c Contact
	err := s.db.GetContext(ctx, &c, `SELECT id, email, name FROM contacts WHERE email = $1`, email)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email, name) VALUES ($1, $2)`, email, name) // want "RL002"
	return err
}

// racy: Select into a slice, len == 0, MustExec insert with Rebind.
func (s *Service) EnsureMust(email string) {
	var cs []Contact
	if err := s.db.Select(&cs, s.db.Rebind(`SELECT id FROM contacts WHERE email = ?`), email); err != nil {
		return
	}
	if len(cs) == 0 {
		s.db.MustExec(s.db.Rebind(`INSERT INTO contacts (email) VALUES (?)`), email) // want "RL002"
	}
}

// racy: COUNT via Get, then MustExecContext in a default-isolation tx.
func (s *Service) EnsureTx(ctx context.Context, email string) error {
	tx := s.db.MustBeginTx(ctx, nil)
	defer tx.Rollback()
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM contacts WHERE email = $1`, email); err != nil {
		return err
	}
	if n == 0 {
		tx.MustExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email) // want "RL002"
	}
	return tx.Commit()
}

// safe: insert ... ON CONFLICT DO NOTHING after the lookup.
func (s *Service) EnsureOnConflict(ctx context.Context, email string) error {
	var c Contact
	err := s.db.GetContext(ctx, &c, `SELECT id FROM contacts WHERE email = $1`, email)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1) ON CONFLICT DO NOTHING`, email)
	}
	return err
}

// safe: duplicate key error handled (23505).
func (s *Service) EnsureDup(ctx context.Context, email string) error {
	var c Contact
	err := s.db.GetContext(ctx, &c, `SELECT id FROM contacts WHERE email = $1`, email)
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	return err
}

// near-miss: insert into another table.
func (s *Service) Audit(ctx context.Context, email string) error {
	var c Contact
	err := s.db.GetContext(ctx, &c, `SELECT id FROM contacts WHERE email = $1`, email)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO audit_log (what) VALUES ($1)`, email)
	}
	return err
}

// near-miss: only err != nil, then an insert of a different row.
func (s *Service) Copy(ctx context.Context, email, copyTo string) error {
	var c Contact
	if err := s.db.GetContext(ctx, &c, `SELECT id, email, name FROM contacts WHERE email = $1`, email); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO contacts (email, name) VALUES ($1, $2)`, copyTo, c.Name)
	return err
}
