// Package rl006gorm holds RL006 racy-helper cases (GORM only).
package rl006gorm

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Contact struct {
	ID    int64
	Email string
	Name  string
}

type Service struct{ db *gorm.DB }

// racy: FirstOrCreate with Where(struct).
func (s *Service) Ensure(email string) (Contact, error) {
	var c Contact
	err := s.db.Where(Contact{Email: email}).FirstOrCreate(&c).Error // want "RL006"
	return c, err
}

// racy: FirstOrCreate with inline conditions and Attrs.
func (s *Service) EnsureAttrs(email, name string) (Contact, error) {
	var c Contact
	err := s.db.Attrs(Contact{Name: name}).FirstOrCreate(&c, "email = ?", email).Error // want "RL006"
	return c, err
}

// racy: FirstOrInit then Save of the same object.
func (s *Service) Upsert(email, name string) error {
	var c Contact
	if err := s.db.Where(Contact{Email: email}).FirstOrInit(&c).Error; err != nil {
		return err
	}
	c.Name = name
	return s.db.Save(&c).Error // want "RL006"
}

// racy: FirstOrInit then Create of the same object.
func (s *Service) InitCreate(email string) error {
	var c Contact
	if err := s.db.FirstOrInit(&c, Contact{Email: email}).Error; err != nil {
		return err
	}
	if c.ID == 0 {
		return s.db.Create(&c).Error // want "RL006"
	}
	return nil
}

// safe: clause.OnConflict upsert instead of a helper.
func (s *Service) EnsureSafe(email, name string) error {
	c := Contact{Email: email, Name: name}
	return s.db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "email"}}, DoNothing: true}).Create(&c).Error
}

// near-miss: FirstOrInit only builds an object; nothing is written.
func (s *Service) Preview(email string) (Contact, error) {
	var c Contact
	err := s.db.Where(Contact{Email: email}).FirstOrInit(&c).Error
	return c, err
}

// near-miss: FirstOrInit of one object, Save of another.
func (s *Service) SaveOther(email string, other *Contact) error {
	var c Contact
	if err := s.db.Where(Contact{Email: email}).FirstOrInit(&c).Error; err != nil {
		return err
	}
	other.Name = c.Name
	return s.db.Save(other).Error
}

// Db is a pass-through adapter over GORM (statping's database layer): the
// model and conditions are its caller's.
type Db struct{ db *gorm.DB }

// silent: what races is decided by each caller.
func (d *Db) FirstOrCreate(out interface{}, where ...interface{}) error {
	return d.db.FirstOrCreate(out, where...).Error
}

// racy: the caller's FirstOrCreate through the adapter.
func (d *Db) EnsureContact(email string) (Contact, error) {
	c := Contact{Email: email}
	err := d.FirstOrCreate(&c, "email = ?", email) // want "RL006"
	return c, err
}

// ensureDefault wraps FirstOrCreate of a model of its own: reported once,
// here, and not at its callers.
func (d *Db) ensureDefault() error {
	c := Contact{Email: "admin@example.com"}
	return d.db.FirstOrCreate(&c, "email = ?", c.Email).Error // want "RL006"
}

// silent: the wrapper's call is the one reported.
func (d *Db) Boot() error { return d.ensureDefault() }

// addContact takes its contact by value: FirstOrCreate works on its own
// copy, so it is the wrapper's race, reported once here.
func (d *Db) addContact(c Contact) error {
	return d.db.Where(c).FirstOrCreate(&c).Error // want "RL006"
}

// silent: the wrapper's call is the one reported.
func (d *Db) Import(cs []Contact) error {
	for _, c := range cs {
		if err := d.addContact(c); err != nil {
			return err
		}
	}
	return nil
}
