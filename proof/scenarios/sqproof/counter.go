package sqproof

import (
	"context"
	"errors"
	"fmt"

	sq "github.com/Masterminds/squirrel"
)

// IncrementRacy is racy (RL003): hits+1 is computed in Go and written back.
func (s *Store) IncrementRacy(ctx context.Context, counterID int64, pause func()) error {
	var hits int64
	err := psql.Select("hits").From("counters").Where(sq.Eq{"id": counterID}).RunWith(s.db).QueryRowContext(ctx).Scan(&hits)
	pause()
	if err != nil {
		return fmt.Errorf("load counter %d: %w", counterID, err)
	}
	if _, err := psql.Update("counters").Set("hits", hits+1).Where(sq.Eq{"id": counterID}).RunWith(s.db).ExecContext(ctx); err != nil { // want "RL003"
		return fmt.Errorf("increment %d: %w", counterID, err)
	}
	return nil
}

// Increment is atomic: Set("hits", sq.Expr("hits + ?", 1)), computed by
// the database.
func (s *Store) Increment(ctx context.Context, counterID int64, pause func()) error {
	pause()
	res, err := psql.Update("counters").Set("hits", sq.Expr("hits + ?", 1)).Where(sq.Eq{"id": counterID}).RunWith(s.db).ExecContext(ctx)
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
