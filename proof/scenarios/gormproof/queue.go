package gormproof

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// NextJobRacy is racy (RL001): the read's WHERE status = 'pending' is the
// check; concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	var job Job
	err = s.db.WithContext(ctx).Where("queue = ? AND status = ?", queue, "pending").Order("created_at, id").First(&job).Error
	pause()
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if err := s.db.WithContext(ctx).Model(&job).Updates(map[string]any{"status": "running", "started_at": time.Now()}).Error; err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", job.ID, err)
	}
	return job.ID, true, nil
}

// NextJob is atomic: one UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP
// LOCKED) RETURNING *, RowsAffected checked.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	pause()
	var job Job
	pending := s.db.Model(&Job{}).Select("id").Where("queue = ? AND status = ?", queue, "pending").Order("created_at, id").Limit(1).Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
	res := s.db.WithContext(ctx).Model(&job).Clauses(clause.Returning{}).Where("id = (?)", pending).Updates(map[string]any{"status": "running", "started_at": time.Now()})
	if res.Error != nil {
		return 0, false, fmt.Errorf("claim next job: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return 0, false, nil
	}
	return job.ID, true, nil
}
