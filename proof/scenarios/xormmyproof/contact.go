package xormmyproof

import (
	"context"
	"fmt"
)

// EnsureContactRacy is racy (RL002): find-or-create; every caller whose
// Get found nothing inserts the contact (the table has no unique
// constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	var c PlainContact
	has, err := s.engine.Context(ctx).Where("email = ?", email).Get(&c)
	pause()
	if err != nil {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	if has {
		return c.ID, false, nil
	}
	nc := PlainContact{Email: email}
	if _, err := s.engine.Context(ctx).Insert(&nc); err != nil { // want "RL002"
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return nc.ID, true, nil
}

// EnsureContact is atomic: INSERT IGNORE on the unique email; when nothing
// was inserted another caller created the contact, which is then read.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	res, err := s.engine.Context(ctx).Exec("INSERT IGNORE INTO contacts (email) VALUES (?)", email)
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	if n == 1 {
		id, err := res.LastInsertId()
		if err != nil {
			return 0, false, fmt.Errorf("create contact %s: %w", email, err)
		}
		return id, true, nil
	}
	var existing Contact
	has, err := s.engine.Context(ctx).Where("email = ?", email).Get(&existing)
	if err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	if !has {
		return 0, false, fmt.Errorf("contact %s neither inserted nor found", email)
	}
	return existing.ID, false, nil
}
