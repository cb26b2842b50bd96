package pgxsvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// racy: find-or-create; both callers get pgx.ErrNoRows and both INSERT the same email.
func (s *Service) EnsureContactRacy(ctx context.Context, email, name string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO contacts (email, name, created_at) VALUES ($1, $2, $3)`, email, name, time.Now()); err != nil { // want "RL002"
		return 0, fmt.Errorf("create contact %s: %w", email, err)
	}
	if err := s.pool.QueryRow(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id); err != nil {
		return 0, fmt.Errorf("reload contact %s: %w", email, err)
	}
	return id, nil
}

// safe: a single INSERT ... ON CONFLICT (email) DO UPDATE ... RETURNING id.
func (s *Service) EnsureContact(ctx context.Context, email, name string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO contacts (email, name, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`, email, name, time.Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("upsert contact %s: %w", email, err)
	}
	return id, nil
}
