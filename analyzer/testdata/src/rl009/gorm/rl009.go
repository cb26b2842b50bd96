// Package rl009gorm holds RL009 stale-write-back cases for GORM: a row
// read into a model, changed in Go and saved whole. RL009 is off by
// default; TestStaleWriteBack enables it.
package rl009gorm

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Profile struct {
	ID       uint
	Name     string
	Bio      string
	Quota    int64
	Version  int
	Disabled bool
}

type Service struct{ db *gorm.DB }

// racy: every column is written back as read; a quota change or a ban
// made in between is undone.
func (s *Service) Rename(id uint, name string) error {
	var p Profile
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	p.Name = name
	return s.db.Save(&p).Error // want `RL009 stale-write-back: s.db.Save writes back the whole Profile row s.db.First read`
}

// racy: Updates of the whole struct writes its non-zero fields, the ones
// read included.
func (s *Service) SetBio(id uint, bio string) error {
	var p Profile
	if err := s.db.Where("id = ?", id).First(&p).Error; err != nil {
		return err
	}
	p.Bio = bio
	return s.db.Model(&p).Updates(p).Error // want "RL009"
}

// safe: only the changed column is written.
func (s *Service) RenameColumn(id uint, name string) error {
	var p Profile
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	return s.db.Model(&p).Update("name", name).Error
}

// safe: a map names the columns written.
func (s *Service) RenameMap(id uint, name string) error {
	var p Profile
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	return s.db.Model(&p).Updates(map[string]interface{}{"name": name}).Error
}

// safe: the row is locked from the read to the write.
func (s *Service) RenameLocked(id uint, name string) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var p Profile
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error; err != nil {
			return err
		}
		p.Name = name
		return tx.Save(&p).Error
	})
}

// safe: nothing was changed, so nothing is reverted.
func (s *Service) Touch(id uint) error {
	var p Profile
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	return s.db.Save(&p).Error
}

// safe: a record built here was not read.
func (s *Service) Create(name string) error {
	p := Profile{Name: name}
	return s.db.Save(&p).Error
}

// safe: the variable read only proves the row exists; the request's body
// replaces it before the write, so what is written is the client's data.
func (s *Service) Put(id uint, body func(*Profile) error) error {
	var p Profile
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	p = Profile{}
	if err := body(&p); err != nil {
		return err
	}
	p.ID = id
	return s.db.Save(&p).Error
}

type Settings struct {
	ID        uint
	ProfileID uint
	Theme     string
}

// safe: the row saved is another table's, built from the one read.
func (s *Service) DefaultSettings(id uint) error {
	var p Profile
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	var st Settings
	st.ProfileID = p.ID
	st.Theme = "light"
	return s.db.Save(&st).Error
}
