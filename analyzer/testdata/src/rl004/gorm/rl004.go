// Package rl004gorm holds RL004 unchecked-conditional-write cases for GORM v2.
package rl004gorm

import (
	"errors"
	"time"

	"gorm.io/gorm"
)

type Lead struct {
	ID        int64
	OwnerID   *int64
	DeletedAt *time.Time
}

type Job struct {
	ID     int64
	Status string
}

type Service struct{ db *gorm.DB }

// racy: claim, only .Error looked at.
func (s *Service) Claim(id, userID int64) error {
	return s.db.Model(&Lead{}).Where("id = ? AND owner_id IS NULL", id).Update("owner_id", userID).Error // want "RL004"
}

// racy: status transition via Updates(map), only .Error.
func (s *Service) Start(id int64) error {
	if err := s.db.Model(&Job{}).Where("id = ? AND status = 'pending'", id).Updates(map[string]interface{}{"status": "running"}).Error; err != nil { // want "RL004"
		return err
	}
	return nil
}

// safe: RowsAffected checked.
func (s *Service) ClaimChecked(id, userID int64) error {
	res := s.db.Model(&Lead{}).Where("id = ? AND owner_id IS NULL", id).Update("owner_id", userID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("taken")
	}
	return nil
}

// near-miss: idempotent deleted_at stamp.
func (s *Service) Archive(id int64) error {
	return s.db.Model(&Lead{}).Where("id = ? AND deleted_at IS NULL", id).Update("deleted_at", time.Now()).Error
}

// near-miss: plain keyed write.
func (s *Service) Reset(id int64) error {
	return s.db.Model(&Job{}).Where("id = ?", id).Update("status", "pending").Error
}
