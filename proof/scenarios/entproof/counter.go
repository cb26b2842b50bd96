package entproof

import (
	"context"
	"fmt"
)

// IncrementRacy is racy (RL003): Hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	c, err := s.client.Counter.Get(ctx, int(counterID))
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if err := s.client.Counter.UpdateOneID(c.ID).SetHits(c.Hits + 1).Exec(ctx); err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: AddHits(1) is SET hits = hits + 1 in the database.
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	if err := s.client.Counter.UpdateOneID(int(counterID)).AddHits(1).Exec(ctx); err != nil {
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}
