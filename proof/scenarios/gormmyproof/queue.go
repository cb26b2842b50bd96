package gormmyproof

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

// NextJob is atomic: MariaDB has no UPDATE ... RETURNING, so the job is
// picked with clause.Locking{UPDATE, SKIP LOCKED} and marked running in
// the same db.Transaction.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	var job Job
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).Where("queue = ? AND status = ?", queue, "pending").Order("created_at, id").First(&job).Error
		pause()
		if err != nil {
			return err
		}
		return tx.Model(&job).Updates(map[string]any{"status": "running", "started_at": time.Now()}).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim next job: %w", err)
	}
	return job.ID, true, nil
}
