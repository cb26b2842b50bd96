package bunproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// EnsureContactRacy is racy (RL002): find-or-create by hand; every caller
// that got sql.ErrNoRows creates the contact (the table has no unique
// constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	var c PlainContact
	err = s.db.NewSelect().Model(&c).Where("email = ?", email).Limit(1).Scan(ctx)
	pause()
	if err == nil {
		return c.ID, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	nc := PlainContact{Email: email, CreatedAt: time.Now()}
	if _, err := s.db.NewInsert().Model(&nc).Exec(ctx); err != nil { // want "RL002"
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return nc.ID, true, nil
}

// EnsureContact is atomic: INSERT ... ON CONFLICT (email) DO NOTHING
// RETURNING id on the unique email; when no row came back another caller
// created the contact, which is then read.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	c := Contact{Email: email, CreatedAt: time.Now()}
	res, err := s.db.NewInsert().Model(&c).On("CONFLICT (email) DO NOTHING").Exec(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	if n == 1 {
		return c.ID, true, nil
	}
	var existing Contact
	if err := s.db.NewSelect().Model(&existing).Where("email = ?", email).Scan(ctx); err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return existing.ID, false, nil
}
