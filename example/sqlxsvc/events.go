package sqlxsvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// racy: SELECT count(*) then INSERT; two deliveries of the same webhook both count 0 and both insert.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string, payload []byte) error {
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM events WHERE dedup_key = $1`, dedupKey); err != nil {
		return fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3)`, dedupKey, payload, time.Now()); err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: NamedExec INSERT ... ON CONFLICT (dedup_key) DO NOTHING, RowsAffected tells a new event from a duplicate.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	ev := Event{DedupKey: dedupKey, Payload: payload, CreatedAt: time.Now()}
	res, err := s.db.NamedExecContext(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES (:dedup_key, :payload, :created_at) ON CONFLICT (dedup_key) DO NOTHING`, ev)
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}

// safe: the count fast path may race, but the INSERT's error is tested for a unique violation (*pgconn.PgError 23505).
func (s *Service) RecordEventOnce(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM events WHERE dedup_key = $1`, dedupKey); err != nil {
		return false, fmt.Errorf("count events %s: %w", dedupKey, err)
	}
	if n > 0 {
		return false, nil
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3)`, dedupKey, payload, time.Now())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}
