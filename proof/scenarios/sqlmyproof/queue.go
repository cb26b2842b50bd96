package sqlmyproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// NextJobRacy is racy (RL001): the read's WHERE status = 'pending' is the
// check; concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT id FROM jobs WHERE queue = ? AND status = 'pending' ORDER BY created_at, id LIMIT 1`, queue).Scan(&id)
	pause()
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?`, time.Now(), id); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, true, nil
}

// NextJob is atomic: MariaDB has no UPDATE ... RETURNING, so the job is
// picked with SELECT ... FOR UPDATE SKIP LOCKED (MariaDB 10.6+) and marked
// running in the same transaction.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	err = tx.QueryRowContext(ctx, `SELECT id FROM jobs WHERE queue = ? AND status = 'pending' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`, queue).Scan(&id)
	pause()
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim next job: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?`, time.Now(), id); err != nil {
		return 0, false, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, true, tx.Commit()
}
