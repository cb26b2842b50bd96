package sqlmyproof

import (
	"context"
	"errors"
	"fmt"
)

// IncrementRacy is racy (RL003): hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var hits int64
	err := s.db.QueryRowContext(ctx, `SELECT hits FROM counters WHERE id = ?`, counterID).Scan(&hits)
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE counters SET hits = ? WHERE id = ?`, hits+1, counterID); err != nil { // want "RL003"
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
