package sqproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	sq "github.com/Masterminds/squirrel"
)

// NextJobRacy is racy (RL001): the read's WHERE status = 'pending' is the
// check; concurrent workers pick the same job and all run it.
func (s *Store) NextJobRacy(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	err = psql.Select("id").From("jobs").Where(sq.Eq{"queue": queue, "status": "pending"}).OrderBy("created_at", "id").Limit(1).RunWith(s.db).QueryRowContext(ctx).Scan(&id)
	pause()
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pick job: %w", err)
	}
	if _, err := psql.Update("jobs").Set("status", "running").Set("started_at", time.Now()).Where(sq.Eq{"id": id}).RunWith(s.db).ExecContext(ctx); err != nil { // want "RL001"
		return 0, false, fmt.Errorf("start job %d: %w", id, err)
	}
	return id, true, nil
}

// NextJob is atomic: one UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP
// LOCKED) RETURNING id, its scan error checked.
func (s *Store) NextJob(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error) {
	pause()
	err = psql.Update("jobs").Set("status", "running").Set("started_at", time.Now()).
		Where("id = (SELECT id FROM jobs WHERE queue = ? AND status = 'pending' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)", queue).
		Suffix("RETURNING id").RunWith(s.db).QueryRowContext(ctx).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim next job: %w", err)
	}
	return id, true, nil
}
