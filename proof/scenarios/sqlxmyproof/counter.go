package sqlxmyproof

import (
	"context"
	"errors"
	"fmt"
)

// IncrementRacy is racy (RL003): Hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var c Counter
	err := s.db.GetContext(ctx, &c, `SELECT id, hits FROM counters WHERE id = ?`, counterID)
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if _, err := s.db.ExecContext(ctx, s.db.Rebind(`UPDATE counters SET hits = ? WHERE id = ?`), c.Hits+1, c.ID); err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: SET hits = hits + 1.
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	res, err := s.db.ExecContext(ctx, `UPDATE counters SET hits = hits + 1 WHERE id = ?`, counterID)
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
