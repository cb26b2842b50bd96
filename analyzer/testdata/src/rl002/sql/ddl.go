package rl002sql

import (
	"context"
	"database/sql"
	"errors"
)

// The schema this package creates: newsletters has no unique constraint on
// email, invites has one.
const schemaDDL = `
CREATE TABLE newsletters (id bigserial PRIMARY KEY, email text NOT NULL);
CREATE TABLE invites (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
`

// racy: ON CONFLICT cannot fire, because the CREATE TABLE above declares no
// unique constraint on email: both inserts succeed.
func (s *Service) JoinNewsletter(ctx context.Context, email string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM newsletters WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO newsletters (email) VALUES ($1) ON CONFLICT DO NOTHING`, email) // want `RL002 check-then-insert: s.db.ExecContext inserts into newsletters with ON CONFLICT but no unique key on email`
	}
	return err
}

// safe twin: the same statement on a table whose email is UNIQUE.
func (s *Service) AcceptInvite(ctx context.Context, email string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM invites WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO invites (email) VALUES ($1) ON CONFLICT DO NOTHING`, email)
	}
	return err
}
