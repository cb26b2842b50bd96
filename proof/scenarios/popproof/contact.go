package popproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// EnsureContactRacy is racy (RL002): find-or-create by hand; every caller
// that got sql.ErrNoRows creates the contact (the table has no unique
// constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	var c PlainContact
	err = s.db.WithContext(ctx).Where("email = ?", email).First(&c)
	pause()
	if err == nil {
		return c.ID, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	nc := PlainContact{Email: email}
	if err := s.db.WithContext(ctx).Create(&nc); err != nil { // want "RL002"
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return nc.ID, true, nil
}

// EnsureContact is atomic: INSERT ... ON CONFLICT (email) DO NOTHING on the
// unique email; when it affected no row another caller created the
// contact, which is then read.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	n, err := s.db.WithContext(ctx).RawQuery(`INSERT INTO contacts (email) VALUES (?) ON CONFLICT (email) DO NOTHING`, email).ExecWithCount()
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	var c Contact
	if err := s.db.WithContext(ctx).Where("email = ?", email).First(&c); err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return c.ID, n == 1, nil
}
