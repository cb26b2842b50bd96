package gormmyproof

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// EnsureContactRacy is racy (RL002): find-or-create by hand; every caller
// that got gorm.ErrRecordNotFound creates the contact (the table has no
// unique constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	var c PlainContact
	err = s.db.WithContext(ctx).Where("email = ?", email).First(&c).Error
	pause()
	if err == nil {
		return c.ID, false, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	nc := PlainContact{Email: email}
	if err := s.db.WithContext(ctx).Create(&nc).Error; err != nil { // want "RL002"
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return nc.ID, true, nil
}

// EnsureContactFirstOrCreate is racy (RL006): FirstOrCreate is a SELECT
// then an INSERT. pause runs between the two from the query callback.
func (s *Store) EnsureContactFirstOrCreate(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	var c PlainContact
	res := s.db.WithContext(withPause(ctx, pause)).Where(PlainContact{Email: email}).FirstOrCreate(&c) // want "RL006"
	if res.Error != nil {
		return 0, false, fmt.Errorf("ensure contact %s: %w", email, res.Error)
	}
	// FirstOrCreate's RowsAffected is the INSERT's when it created the row, 0 when it found one.
	return c.ID, res.RowsAffected == 1, nil
}

// EnsureContact is atomic: Create with clause.Insert{Modifier: "IGNORE"} (INSERT IGNORE) on the
// unique email; when nothing was inserted another caller created the
// contact, which is then read.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	c := Contact{Email: email}
	res := s.db.WithContext(ctx).Clauses(clause.Insert{Modifier: "IGNORE"}).Create(&c)
	if res.Error != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, res.Error)
	}
	if res.RowsAffected == 1 {
		return c.ID, true, nil
	}
	var existing Contact
	if err := s.db.WithContext(ctx).Where("email = ?", email).First(&existing).Error; err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return existing.ID, false, nil
}
