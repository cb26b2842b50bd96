package sqproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	sq "github.com/Masterminds/squirrel"
)

// EnsureContactRacy is racy (RL002): find-or-create; every caller that saw
// no row inserts one (the table has no unique constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	err = psql.Select("id").From("plain_contacts").Where(sq.Eq{"email": email}).Limit(1).RunWith(s.db).QueryRowContext(ctx).Scan(&id)
	pause()
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	err = psql.Insert("plain_contacts").Columns("email").Values(email).Suffix("RETURNING id").RunWith(s.db).QueryRowContext(ctx).Scan(&id) // want "RL002"
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return id, true, nil
}

// EnsureContact is atomic: INSERT ... ON CONFLICT (email) DO NOTHING
// RETURNING id; when it returns no row another caller created the
// contact, which is then read.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	err = psql.Insert("contacts").Columns("email").Values(email).Suffix("ON CONFLICT (email) DO NOTHING RETURNING id").RunWith(s.db).QueryRowContext(ctx).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	if err := psql.Select("id").From("contacts").Where(sq.Eq{"email": email}).RunWith(s.db).QueryRowContext(ctx).Scan(&id); err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return id, false, nil
}
