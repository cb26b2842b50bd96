// Package fixgorm holds findings with suggested fixes for GORM v2.
package fixgorm

import (
	"errors"

	"gorm.io/gorm"
)

var errTaken = errors.New("taken")

type Job struct {
	ID     int64
	Status string
}

type Counter struct {
	ID    int64
	Value int64
}

type Service struct{ db *gorm.DB }

// RL005 on a status: lock the read; clause is imported by the fix.
func (s *Service) Start(id int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var job Job
		if err := tx.Where("id = ?", id).First(&job).Error; err != nil {
			return err
		}
		if job.Status != "pending" {
			return errTaken
		}
		return tx.Model(&job).Update("status", "running").Error // want "RL005"
	})
}
