package sqlsvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// racy: SELECT EXISTS then INSERT; two deliveries of the same webhook both see no row and both insert.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string, payload []byte) error {
	var exists bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE dedup_key = $1)`, dedupKey).Scan(&exists); err != nil {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3)`, dedupKey, payload, time.Now()); err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: INSERT ... ON CONFLICT (dedup_key) DO NOTHING, RowsAffected tells a new event from a duplicate.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3) ON CONFLICT (dedup_key) DO NOTHING`, dedupKey, payload, time.Now())
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return n == 1, nil
}

// safe: the EXISTS fast path may race, but the INSERT's error is tested for a unique violation (*pgconn.PgError 23505).
func (s *Service) RecordEventOnce(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	var exists bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE dedup_key = $1)`, dedupKey).Scan(&exists); err != nil {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if exists {
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
