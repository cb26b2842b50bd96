package gormmyproof

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// IncrementRacy is racy (RL003): Hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var c Counter
	err := s.db.WithContext(ctx).First(&c, counterID).Error
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if err := s.db.WithContext(ctx).Model(&c).Update("hits", c.Hits+1).Error; err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: UpdateColumn with gorm.Expr("hits + ?", 1).
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	res := s.db.WithContext(ctx).Model(&Counter{}).Where("id = ?", counterID).UpdateColumn("hits", gorm.Expr("hits + ?", 1))
	if res.Error != nil {
		return fmt.Errorf("increment %d: %w", counterID, res.Error)
	}
	if res.RowsAffected == 0 {
		return errors.New("counter not found")
	}
	return nil
}
