// Package rl005gorm holds RL005 tx-without-lock cases for GORM v2.
package rl005gorm

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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

// racy: Transaction closure, First, check, Update.
func (s *Service) Start(id int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var job Job
		if err := tx.First(&job, id).Error; err != nil {
			return err
		}
		if job.Status != "pending" {
			return errTaken
		}
		return tx.Model(&job).Update("status", "running").Error // want "RL005"
	})
}

// racy: Begin/Commit, lost update via Save.
func (s *Service) Bump(id int64) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	var c Counter
	if err := tx.First(&c, id).Error; err != nil {
		return err
	}
	c.Value++
	if err := tx.Save(&c).Error; err != nil { // want "RL005"
		return err
	}
	return tx.Commit().Error
}

// safe: clause.Locking in the same Transaction.
func (s *Service) StartLocked(id int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var job Job
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&job, id).Error; err != nil {
			return err
		}
		if job.Status != "pending" {
			return errTaken
		}
		return tx.Model(&job).Update("status", "running").Error
	})
}

// near-miss: read one job, write another, in a Transaction.
func (s *Service) Chain(a, b int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var job Job
		if err := tx.First(&job, a).Error; err != nil {
			return err
		}
		if job.Status != "done" {
			return errTaken
		}
		return tx.Model(&Job{}).Where("id = ?", b).Update("status", "pending").Error
	})
}
