package sqlmyproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EnsureContactRacy is racy (RL002): find-or-create; every caller that saw
// no row inserts one (the table has no unique constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT id FROM plain_contacts WHERE email = ?`, email).Scan(&id)
	pause()
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO plain_contacts (email) VALUES (?)`, email) // want "RL002"
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	id, err = res.LastInsertId()
	return id, err == nil, err
}

// EnsureContact is atomic: INSERT IGNORE on the unique email; one
// affected row means this caller created the contact, none that another
// did (then the row is read).
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	res, err := s.db.ExecContext(ctx, `INSERT IGNORE INTO contacts (email) VALUES (?)`, email)
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	if n == 1 {
		id, err = res.LastInsertId()
		return id, err == nil, err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = ?`, email).Scan(&id); err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return id, false, nil
}
