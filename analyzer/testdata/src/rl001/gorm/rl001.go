// Package rl001gorm holds RL001 check-then-update cases for GORM v2.
package rl001gorm

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var errTaken = errors.New("taken")

type Lead struct {
	ID        int64
	OwnerID   *int64
	Note      string
	ClaimedAt *time.Time
}

type Job struct {
	ID     int64
	Status string
}

type Coupon struct {
	ID       int64
	Code     string
	Redeemed bool
	UsedBy   int64
}

type Service struct{ db *gorm.DB }

// racy: First, pointer == nil, Model(&x).Update.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	var lead Lead
	if err := s.db.WithContext(ctx).First(&lead, leadID).Error; err != nil {
		return err
	}
	if lead.OwnerID != nil {
		return errTaken
	}
	return s.db.WithContext(ctx).Model(&lead).Update("owner_id", userID).Error // want "RL001"
}

// racy: Updates(map) on the loaded row after a Go check of redeemed.
func (s *Service) Redeem(ctx context.Context, code string, userID int64) error {
	var c Coupon
	if err := s.db.WithContext(ctx).Where("code = ?", code).Take(&c).Error; err != nil {
		return err
	}
	if c.Redeemed {
		return errTaken
	}
	return s.db.WithContext(ctx).Model(&c).Updates(map[string]interface{}{"redeemed": true, "used_by": userID}).Error // want "RL001"
}

// racy: Updates(struct) on the loaded row.
func (s *Service) RedeemStruct(ctx context.Context, id, userID int64) error {
	var c Coupon
	if err := s.db.First(&c, id).Error; err != nil {
		return err
	}
	if !c.Redeemed {
		return s.db.Model(&c).Updates(Coupon{Redeemed: true, UsedBy: userID}).Error // want "RL001"
	}
	return errTaken
}

// racy: the checked field is set and the whole object saved.
func (s *Service) RedeemSave(ctx context.Context, id, userID int64) error {
	var c Coupon
	if err := s.db.First(&c, id).Error; err != nil {
		return err
	}
	if c.Redeemed {
		return errTaken
	}
	c.Redeemed = true
	c.UsedBy = userID
	return s.db.Save(&c).Error // want "RL001"
}

// racy: switch on Status, Delete of the loaded object.
func (s *Service) Purge(ctx context.Context, id int64) error {
	var job Job
	if err := s.db.First(&job, id).Error; err != nil {
		return err
	}
	switch job.Status {
	case "done", "failed":
		return s.db.Delete(&job).Error // want "RL001"
	}
	return errTaken
}

// racy: Model(&Job{}).Where("id = ?", id) keyed by the same variable as the read.
func (s *Service) Start(ctx context.Context, id int64) error {
	var job Job
	if err := s.db.Where("id = ?", id).First(&job).Error; err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	return s.db.Model(&Job{}).Where("id = ?", id).Update("status", "running").Error // want "RL001"
}

// racy: locking read on s.db, write in a Begin() transaction.
func (s *Service) StartLockedOnDB(ctx context.Context, id int64) error {
	var job Job
	if err := s.db.Clauses(clause.Locking{Strength: "UPDATE"}).First(&job, id).Error; err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	tx := s.db.Begin()
	defer tx.Rollback()
	if err := tx.Model(&job).Update("status", "running").Error; err != nil { // want "RL001"
		return err
	}
	return tx.Commit().Error
}

// safe: conditional Update (AND owner_id IS NULL) whose RowsAffected decides.
func (s *Service) ClaimSafe(ctx context.Context, leadID, userID int64) error {
	res := s.db.WithContext(ctx).Model(&Lead{}).Where("id = ? AND owner_id IS NULL", leadID).Update("owner_id", userID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errTaken
	}
	return nil
}

// safe: clause.Locking read inside db.Transaction, same tx as the write.
func (s *Service) StartLocked(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
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

// safe: locking read in a Begin() transaction, write in the same tx.
func (s *Service) StartLockedBegin(ctx context.Context, id int64) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	var job Job
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&job, id).Error; err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	if err := tx.Model(&job).Update("status", "running").Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

// near-miss: authorization check on OwnerID, write sets note.
func (s *Service) Annotate(ctx context.Context, id, userID int64, note string) error {
	var lead Lead
	if err := s.db.First(&lead, id).Error; err != nil {
		return err
	}
	if lead.OwnerID == nil || *lead.OwnerID != userID {
		return errTaken
	}
	return s.db.Model(&lead).Update("note", note).Error
}

// near-miss: check one lead, write another.
func (s *Service) HandOff(ctx context.Context, fromID, toID, userID int64) error {
	var from Lead
	if err := s.db.First(&from, fromID).Error; err != nil {
		return err
	}
	if from.OwnerID == nil || *from.OwnerID != userID {
		return errTaken
	}
	return s.db.Model(&Lead{}).Where("id = ?", toID).Update("owner_id", userID).Error
}

// near-miss: only .Error is handled on the read.
func (s *Service) Touch(ctx context.Context, id int64) error {
	var lead Lead
	if err := s.db.First(&lead, id).Error; err != nil {
		return err
	}
	return s.db.Model(&lead).Update("claimed_at", time.Now()).Error
}

// near-miss: blind write, no read.
func (s *Service) Release(ctx context.Context, id int64) error {
	return s.db.Model(&Lead{}).Where("id = ?", id).Update("owner_id", nil).Error
}

// near-miss: the read's Where has an OR; the loaded row may not be the written one.
func (s *Service) StartByIDOrName(ctx context.Context, id int64, name string) error {
	var job Job
	if err := s.db.Where("id = ? OR name = ?", id, name).First(&job).Error; err != nil {
		return err
	}
	if job.Status != "pending" {
		return errTaken
	}
	return s.db.Model(&Job{}).Where("name = ?", name).Update("status", "running").Error
}
