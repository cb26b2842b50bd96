package sqlxproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const claimNextJobSQL = `UPDATE jobs SET status = 'running', started_at = now()
WHERE id = (SELECT id FROM jobs WHERE queue = $1 AND status = 'pending' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id`

// NextJobRacy is racy (RL001): the read's WHERE status = 'pending' is the
// check; concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	err = s.db.GetContext(ctx, &id, `SELECT id FROM jobs WHERE queue = $1 AND status = 'pending' ORDER BY created_at, id LIMIT 1`, queue)
	pause()
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'running', started_at = $1 WHERE id = $2`, time.Now(), id); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, true, nil
}

// NextJob is atomic: one UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP
// LOCKED) RETURNING id, its error checked.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	pause()
	err = s.db.QueryRowxContext(ctx, claimNextJobSQL, queue).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim next job: %w", err)
	}
	return id, true, nil
}
