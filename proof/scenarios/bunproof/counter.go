package bunproof

import (
	"context"
	"errors"
	"fmt"
)

// IncrementRacy is racy (RL003): Hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var c Counter
	err := s.db.NewSelect().Model(&c).Where("id = ?", counterID).Scan(ctx)
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if _, err := s.db.NewUpdate().Model(&c).Set("hits = ?", c.Hits+1).WherePK().Exec(ctx); err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: SET hits = hits + ? computed by the database.
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	res, err := s.db.NewUpdate().Model((*Counter)(nil)).Set("hits = hits + ?", 1).Where("id = ?", counterID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	if n == 0 {
		return errors.New("counter not found")
	}
	return nil
}
