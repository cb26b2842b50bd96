package sqlxsvc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// racy: find-or-create; both callers get sql.ErrNoRows and both INSERT the same email.
func (s *Service) EnsureContactRacy(ctx context.Context, email, name string) (Contact, error) {
	var c Contact
	err := s.db.GetContext(ctx, &c, `SELECT id, email, name FROM contacts WHERE email = $1`, email)
	if err == nil {
		return c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Contact{}, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO contacts (email, name, created_at) VALUES ($1, $2, $3)`, email, name, time.Now()); err != nil { // want "RL002"
		return Contact{}, fmt.Errorf("create contact %s: %w", email, err)
	}
	return Contact{Email: email, Name: name}, nil
}

// safe: a single INSERT ... ON CONFLICT (email) DO UPDATE ... RETURNING, read back with Get.
func (s *Service) EnsureContact(ctx context.Context, email, name string) (Contact, error) {
	var c Contact
	err := s.db.GetContext(ctx, &c, `INSERT INTO contacts (email, name, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id, email, name`, email, name, time.Now())
	if err != nil {
		return Contact{}, fmt.Errorf("upsert contact %s: %w", email, err)
	}
	return c, nil
}
