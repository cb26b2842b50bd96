// Package rl002gorm holds RL002 check-then-insert cases for GORM v2.
package rl002gorm

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Contact struct {
	ID    int64
	Email string
	Name  string
}

type Event struct {
	ID       int64
	DedupKey string
}

type Audit struct {
	ID   int64
	What string
}

type Service struct{ db *gorm.DB }

// racy: First, ErrRecordNotFound, Create(&Contact{Email: email}).
func (s *Service) Ensure(ctx context.Context, email string) error {
	var c Contact
	err := s.db.WithContext(ctx).Where("email = ?", email).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s.db.WithContext(ctx).Create(&Contact{Email: email}).Error // want "RL002"
	}
	return err
}

// racy: err == gorm.ErrRecordNotFound with ==, Create of a variable.
func (s *Service) EnsureVar(email, name string) (Contact, error) {
	var c Contact
	err := s.db.Where(&Contact{Email: email}).Take(&c).Error
	if err != gorm.ErrRecordNotFound {
		return c, err
	}
	c = Contact{Email: email, Name: name}
	err = s.db.Create(&c).Error // want "RL002"
	return c, err
}

// racy: Count then Create.
func (s *Service) Record(key string) error {
	var n int64
	if err := s.db.Model(&Event{}).Where("dedup_key = ?", key).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return s.db.Create(&Event{DedupKey: key}).Error // want "RL002"
}

// racy: Find + RowsAffected == 0.
func (s *Service) RecordFind(key string) error {
	var evs []Event
	res := s.db.Where("dedup_key = ?", key).Limit(1).Find(&evs)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return s.db.Create(&Event{DedupKey: key}).Error // want "RL002"
	}
	return nil
}

// safe: clause.OnConflict DoNothing.
func (s *Service) EnsureOnConflict(email string) error {
	var c Contact
	err := s.db.Where("email = ?", email).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s.db.Clauses(clause.OnConflict{DoNothing: true}).Create(&Contact{Email: email}).Error
	}
	return err
}

// safe: gorm.ErrDuplicatedKey tested on the Create error.
func (s *Service) EnsureDup(email string) error {
	var c Contact
	err := s.db.Where("email = ?", email).First(&c).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	err = s.db.Create(&Contact{Email: email}).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil
	}
	return err
}

// safe: *pgconn.PgError 23505 on the Create error.
func (s *Service) EnsurePgDup(key string) error {
	var n int64
	if err := s.db.Model(&Event{}).Where("dedup_key = ?", key).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	err := s.db.Create(&Event{DedupKey: key}).Error
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	return err
}

// near-miss: not found, then a Create of a different model.
func (s *Service) AuditMiss(email string) error {
	var c Contact
	err := s.db.Where("email = ?", email).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s.db.Create(&Audit{What: email}).Error
	}
	return err
}

// near-miss: only .Error handled, then a Create of a different email.
func (s *Service) Duplicate(email, other string) error {
	var c Contact
	if err := s.db.Where("email = ?", email).First(&c).Error; err != nil {
		return err
	}
	return s.db.Create(&Contact{Email: other, Name: c.Name}).Error
}
