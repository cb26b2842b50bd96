package xormmyproof

import (
	"context"
	"errors"
	"fmt"
)

// IncrementRacy is racy (RL003): Hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var c Counter
	has, err := s.engine.Context(ctx).ID(counterID).Get(&c)
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if !has {
		return errors.New("counter not found")
	}
	c.Hits++
	if _, err := s.engine.Context(ctx).ID(counterID).Cols("hits").Update(&c); err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: Incr("hits", 1) makes the database compute
// hits = hits + 1.
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	n, err := s.engine.Context(ctx).ID(counterID).Incr("hits", 1).Update(&Counter{})
	if err != nil {
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	if n == 0 {
		return errors.New("counter not found")
	}
	return nil
}
