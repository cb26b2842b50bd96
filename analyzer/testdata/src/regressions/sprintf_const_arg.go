package regressions

import (
	"context"
	"errors"
	"fmt"
)

// Regression: fmt.Sprintf with a constant format whose %s argument is
// itself a constant (the table name) is treated as unknown SQL, so this
// check-then-update is not reported. Expected: RL001 on the ExecContext
// line (the whole text is constant; detection.md takes SQL "from
// constants ... and fmt.Sprintf with a constant format").
var errArchived = errors.New("already archived")

func (s *SQLService) Archive(ctx context.Context, id int64) error {
	const table = "invoices"
	var archived bool
	if err := s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT archived FROM %s WHERE id = $1", table), id).Scan(&archived); err != nil {
		return err
	}
	if archived {
		return errArchived // the loser is told; racing callers are not
	}
	_, err := s.db.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET archived = true WHERE id = $1", table), id) // want "RL001"
	return err
}
