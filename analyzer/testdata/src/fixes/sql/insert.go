package fixsql

import (
	"context"
	"database/sql"
	"errors"
)

// RL002: not found, then INSERT: ON CONFLICT DO NOTHING.
func (s *Service) EnsureContact(ctx context.Context, email string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1);`, email) // want "RL002"
	return err
}

// RL002 with RETURNING: no fix (DO NOTHING would return no row).
func (s *Service) EnsureTag(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = $1`, name).Scan(&id)
	if err == sql.ErrNoRows {
		err = s.db.QueryRowContext(ctx, `INSERT INTO tags (name) VALUES ($1) RETURNING id`, name).Scan(&id) // want "RL002"
	}
	return id, err
}

// RL002 with ? placeholders: no fix (MySQL has no ON CONFLICT).
func (s *Service) EnsureUser(ctx context.Context, login string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM users WHERE login = ?", login).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, "INSERT INTO users (login) VALUES (?)", login) // want "RL002"
	}
	return err
}

// RL002 reaching two inserts under one check: one finding, whose fix
// makes both conflict-safe.
func (s *Service) EnsureContactAndAlias(ctx context.Context, email, alias string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email) // want "RL002"
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email, alias) VALUES ($1, $2)`, email, alias)
	return err
}

// RL002 reaching two inserts, one of which cannot be made conflict-safe
// (RETURNING would return no row): no fix, since half a fix leaves the race.
func (s *Service) EnsureContactWithID(ctx context.Context, email, alias string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email) // want "RL002"
	if err != nil {
		return 0, err
	}
	err = s.db.QueryRowContext(ctx, `INSERT INTO contacts (email, alias) VALUES ($1, $2) RETURNING id`, email, alias).Scan(&id)
	return id, err
}
