package regressions

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Regression (precision): the read locks the row (FOR UPDATE) and the
// write runs on the same handle, handed to a callback by a helper that
// joins or begins a transaction racelint does not see (the caller's,
// through the context). The lock says the code runs in one and holds it
// until the end. Expected: silent; the racy twin, FOR UPDATE on a
// *sql.DB pool, where each statement commits alone, is reported.

type Charge struct {
	ID           uint
	CurrentRunID *uint
}

var errRunActive = errors.New("run active")

// joinTx stands for a helper of another package that runs fn in the
// caller's transaction (taken from ctx) or a new one.
var joinTx func(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error

// silent
func (s *GORMService) StartRun(ctx context.Context, id, run uint) error {
	return joinTx(ctx, s.db, func(tx *gorm.DB) error {
		var c Charge
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&c, id).Error; err != nil {
			return err
		}
		if c.CurrentRunID != nil {
			return errRunActive
		}
		return tx.Model(&Charge{}).Where("id = ?", id).Update("current_run_id", run).Error
	})
}

// racy twin: FOR UPDATE on the pool commits at once; the lock is gone
// before the check.
func (s *SQLService) StartRunPool(ctx context.Context, id, run int64) error {
	var cur *int64
	if err := s.db.QueryRowContext(ctx, `SELECT current_run_id FROM charges WHERE id = $1 FOR UPDATE`, id).Scan(&cur); err != nil {
		return err
	}
	if cur != nil {
		return errRunActive
	}
	_, err := s.db.ExecContext(ctx, `UPDATE charges SET current_run_id = $1 WHERE id = $2`, run, id) // want "RL001"
	return err
}
