package sqlxmyproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EnsureContactRacy is racy (RL002): find-or-create; every caller that saw
// no row inserts one (the table has no unique constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	err = s.db.GetContext(ctx, &id, `SELECT id FROM plain_contacts WHERE email = ?`, email)
	pause()
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	if err := s.db.GetContext(ctx, &id, `INSERT INTO plain_contacts (email) VALUES (?) RETURNING id`, email); err != nil { // want "RL002"
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return id, true, nil
}

// EnsureContact is atomic: INSERT IGNORE ... RETURNING id (MariaDB 10.5+):
// when it returns no row another caller created the
// contact, which is then read.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	err = s.db.GetContext(ctx, &id, `INSERT IGNORE INTO contacts (email) VALUES (?) RETURNING id`, email)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	if err := s.db.GetContext(ctx, &id, `SELECT id FROM contacts WHERE email = ?`, email); err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return id, false, nil
}
