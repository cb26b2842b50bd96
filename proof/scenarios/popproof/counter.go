package popproof

import (
	"context"
	"errors"
	"fmt"
)

// IncrementRacy is racy (RL003): Hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var c Counter
	err := s.db.WithContext(ctx).Find(&c, counterID)
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	c.Hits++
	if err := s.db.WithContext(ctx).UpdateColumns(&c, "hits"); err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: SET hits = hits + 1 computed by the database.
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	n, err := s.db.WithContext(ctx).RawQuery(`UPDATE counters SET hits = hits + 1 WHERE id = ?`, counterID).ExecWithCount()
	if err != nil {
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	if n == 0 {
		return errors.New("counter not found")
	}
	return nil
}
