package regressions

import (
	"errors"

	"gorm.io/gorm"
)

// Regression: a lookup helper bound to a string constant and a create
// helper bound to a struct literal with a boolean field are compared for
// "same row" through their summaries; constant.Compare panicked on the
// two kinds and took the whole run down. Expected: the racy twin is
// reported, the near miss (another name) is not, and nothing panics.

type Source struct {
	ID     int64
	Name   string
	Active bool
}

type SourceOptions struct {
	Name   string
	Active bool
}

func (s *GORMService) sourceByName(name string) (*Source, error) {
	var src Source
	if err := s.db.Where("name = ?", name).First(&src).Error; err != nil {
		return nil, err
	}
	return &src, nil
}

func (s *GORMService) createSource(opts SourceOptions) error {
	return s.db.Create(&Source{Name: opts.Name, Active: opts.Active}).Error
}

// racy: looked up by name, not found, created under the same name.
func (s *GORMService) EnsureSource() error {
	if _, err := s.sourceByName("github"); !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return s.createSource(SourceOptions{Name: "github", Active: true}) // want "RL002"
}

// near miss: the created row has another name than the one looked up.
func (s *GORMService) EnsureOtherSource() error {
	if _, err := s.sourceByName("github"); !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return s.createSource(SourceOptions{Name: "gitlab", Active: true})
}
