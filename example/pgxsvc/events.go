package pgxsvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// racy: QueryRow by dedup_key, pgx.ErrNoRows then INSERT; two deliveries of the same webhook both insert.
func (s *Service) RecordEventRacy(ctx context.Context, dedupKey string, payload []byte) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM events WHERE dedup_key = $1`, dedupKey).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3)`, dedupKey, payload, time.Now()); err != nil { // want "RL002"
		return fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return nil
}

// safe: INSERT ... ON CONFLICT (dedup_key) DO NOTHING, RowsAffected tells a new event from a duplicate.
func (s *Service) RecordEvent(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3) ON CONFLICT (dedup_key) DO NOTHING`, dedupKey, payload, time.Now())
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return tag.RowsAffected() == 1, nil
}

// safe: the lookup fast path may race, but the INSERT's error is tested for a unique violation (*pgconn.PgError 23505).
func (s *Service) RecordEventOnce(ctx context.Context, dedupKey string, payload []byte) (inserted bool, err error) {
	var id int64
	err = s.pool.QueryRow(ctx, `SELECT id FROM events WHERE dedup_key = $1`, dedupKey).Scan(&id)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return false, fmt.Errorf("lookup event %s: %w", dedupKey, err)
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO events (dedup_key, payload, created_at) VALUES ($1, $2, $3)`, dedupKey, payload, time.Now())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert event %s: %w", dedupKey, err)
	}
	return true, nil
}
