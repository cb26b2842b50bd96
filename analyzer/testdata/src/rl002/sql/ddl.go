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

// Hourly counters keyed by (endpoint_id, hour), as gatus keeps uptimes;
// samples has a composite key too, and checks has none.
const statsDDL = `
CREATE TABLE uptimes (endpoint_id bigint NOT NULL, hour bigint NOT NULL, n bigint NOT NULL, UNIQUE(endpoint_id, hour));
CREATE TABLE samples (endpoint_id bigint NOT NULL, hour bigint NOT NULL);
CREATE UNIQUE INDEX samples_key ON samples (endpoint_id, hour);
CREATE TABLE checks (endpoint_id bigint NOT NULL, hour bigint NOT NULL);
`

// safe: the upsert names its conflict target, the composite key; the
// endpoint the read looked up is only one of its columns.
func (s *Service) RollUp(ctx context.Context, endpointID, hour, n int64) error {
	var count int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM uptimes WHERE endpoint_id = $1`, endpointID).Scan(&count); err != nil {
		return err
	}
	if count == 0 {
		_, err := s.db.ExecContext(ctx, `INSERT INTO uptimes (endpoint_id, hour, n) VALUES ($1, $2, $3) ON CONFLICT (endpoint_id, hour) DO UPDATE SET n = $3`, endpointID, hour, n)
		return err
	}
	return nil
}

// racy, but the composite key on samples decides whether the loser
// conflicts: no claim about a unique key on endpoint_id.
func (s *Service) FirstSample(ctx context.Context, endpointID, hour int64) error {
	var count int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM samples WHERE endpoint_id = $1`, endpointID).Scan(&count); err != nil {
		return err
	}
	if count == 0 {
		_, err := s.db.ExecContext(ctx, `INSERT INTO samples (endpoint_id, hour) VALUES ($1, $2)`, endpointID, hour) // want `RL002 check-then-insert: s.db.ExecContext inserts into samples after s.db.QueryRowContext found none — insert with ON CONFLICT`
		return err
	}
	return nil
}

// racy twin: no key at all on checks, and a target-less DO NOTHING.
func (s *Service) FirstCheck(ctx context.Context, endpointID, hour int64) error {
	var count int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM checks WHERE endpoint_id = $1`, endpointID).Scan(&count); err != nil {
		return err
	}
	if count == 0 {
		_, err := s.db.ExecContext(ctx, `INSERT INTO checks (endpoint_id, hour) VALUES ($1, $2) ON CONFLICT DO NOTHING`, endpointID, hour) // want `RL002 check-then-insert: s.db.ExecContext inserts into checks with ON CONFLICT but no unique key on endpoint_id`
		return err
	}
	return nil
}
