package gormsvc

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// racy: the read's WHERE status = 'pending' is the check; two workers pick the same row and both run it.
func (s *Service) NextJobRacy(ctx context.Context) (Job, error) {
	var job Job
	err := s.db.WithContext(ctx).Where("status = ?", "pending").Order("created_at").First(&job).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Job{}, ErrNoJobs
	}
	if err != nil {
		return Job{}, fmt.Errorf("pick job: %w", err)
	}
	if err := s.db.WithContext(ctx).Model(&job).Update("status", "running").Error; err != nil { // want "RL001"
		return Job{}, fmt.Errorf("start job %d: %w", job.ID, err)
	}
	return job, nil
}

// racy: same pick-then-start inside db.Transaction at default isolation; the plain SELECT takes no lock.
func (s *Service) NextJobTxRacy(ctx context.Context) (Job, error) {
	var job Job
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("status = ?", "pending").Order("created_at").First(&job).Error; err != nil {
			return err
		}
		return tx.Model(&job).Update("status", "running").Error // want "RL005"
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Job{}, ErrNoJobs
	}
	if err != nil {
		return Job{}, fmt.Errorf("claim next job: %w", err)
	}
	return job, nil
}

// safe: clause.Locking{UPDATE, SKIP LOCKED} read in the same db.Transaction as the Update.
func (s *Service) NextJobTx(ctx context.Context) (Job, error) {
	var job Job
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).Where("status = ?", "pending").Order("created_at").First(&job).Error; err != nil {
			return err
		}
		return tx.Model(&job).Update("status", "running").Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Job{}, ErrNoJobs
	}
	if err != nil {
		return Job{}, fmt.Errorf("claim next job: %w", err)
	}
	return job, nil
}

// safe: one UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING *, RowsAffected checked.
func (s *Service) NextJob(ctx context.Context) (Job, error) {
	var job Job
	pending := s.db.Model(&Job{}).Select("id").Where("status = ?", "pending").Order("created_at").Limit(1).Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
	res := s.db.WithContext(ctx).Model(&job).Clauses(clause.Returning{}).Where("id = (?)", pending).Update("status", "running")
	if res.Error != nil {
		return Job{}, fmt.Errorf("claim next job: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return Job{}, ErrNoJobs
	}
	return job, nil
}

// racy: the locking read runs on s.db, not on tx, so its lock is released before the write; not the same transaction: RL001.
func (s *Service) StartJob(ctx context.Context, jobID int64) error {
	var job Job
	if err := s.db.WithContext(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).First(&job, jobID).Error; err != nil {
		return fmt.Errorf("load job %d: %w", jobID, err)
	}
	if job.Status != "pending" {
		return ErrNotPending
	}

	tx := s.db.WithContext(ctx).Begin()
	if tx.Error != nil {
		return fmt.Errorf("begin: %w", tx.Error)
	}
	defer tx.Rollback()
	if err := tx.Model(&job).Update("status", "running").Error; err != nil { // want "RL001"
		return fmt.Errorf("start job %d: %w", jobID, err)
	}
	if err := tx.Create(&JobEvent{JobID: job.ID, Kind: "started"}).Error; err != nil {
		return fmt.Errorf("log job %d: %w", jobID, err)
	}
	return tx.Commit().Error
}
