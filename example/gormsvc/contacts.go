package gormsvc

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// racy: find-or-create by hand; both callers get gorm.ErrRecordNotFound and both Create the same email.
func (s *Service) EnsureContactRacy(ctx context.Context, email, name string) (Contact, error) {
	var c Contact
	err := s.db.WithContext(ctx).Where("email = ?", email).First(&c).Error
	if err == nil {
		return c, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return Contact{}, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	created := Contact{Email: email, Name: name}
	if err := s.db.WithContext(ctx).Create(&created).Error; err != nil { // want "RL002"
		return Contact{}, fmt.Errorf("create contact %s: %w", email, err)
	}
	return created, nil
}

// racy: FirstOrCreate is a SELECT then an INSERT with nothing in between.
func (s *Service) EnsureContactFirstOrCreate(ctx context.Context, email, name string) (Contact, error) {
	var c Contact
	if err := s.db.WithContext(ctx).Where(Contact{Email: email}).Attrs(Contact{Name: name}).FirstOrCreate(&c).Error; err != nil { // want "RL006"
		return Contact{}, fmt.Errorf("ensure contact %s: %w", email, err)
	}
	return c, nil
}

// racy: FirstOrInit then Save of the same object inserts when two callers both found nothing.
func (s *Service) UpsertContactFirstOrInit(ctx context.Context, email, name string) (Contact, error) {
	var c Contact
	if err := s.db.WithContext(ctx).Where(Contact{Email: email}).FirstOrInit(&c).Error; err != nil {
		return Contact{}, fmt.Errorf("load contact %s: %w", email, err)
	}
	c.Name = name
	if err := s.db.WithContext(ctx).Save(&c).Error; err != nil { // want "RL006"
		return Contact{}, fmt.Errorf("save contact %s: %w", email, err)
	}
	return c, nil
}

// safe: Create with clause.OnConflict on email doing an update (an atomic upsert).
func (s *Service) EnsureContact(ctx context.Context, email, name string) (Contact, error) {
	c := Contact{Email: email, Name: name}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "email"}}, DoUpdates: clause.AssignmentColumns([]string{"name", "updated_at"})}).Create(&c).Error
	if err != nil {
		return Contact{}, fmt.Errorf("upsert contact %s: %w", email, err)
	}
	return c, nil
}
