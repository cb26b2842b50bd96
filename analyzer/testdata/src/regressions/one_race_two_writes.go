package regressions

import (
	"context"
	"database/sql"
)

// One read and one check guarding two inserts (gatus' first events) are
// one race: it is reported once, at the first insert, with the second as
// a position of it.
func LogFirstEvents(ctx context.Context, db *sql.DB, endpointID int64) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM endpoint_events WHERE endpoint_id = $1`, endpointID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := db.ExecContext(ctx, `INSERT INTO endpoint_events (endpoint_id, kind) VALUES ($1, 'start')`, endpointID); err != nil { // want `RL002 check-then-insert`
			return err
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO endpoint_events (endpoint_id, kind) VALUES ($1, 'healthy')`, endpointID); err != nil {
			return err
		}
	}
	return nil
}

// Two checks are two races, each reported.
func LogEventsTwice(ctx context.Context, db *sql.DB, endpointID int64) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM endpoint_events WHERE endpoint_id = $1`, endpointID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := db.ExecContext(ctx, `INSERT INTO endpoint_events (endpoint_id, kind) VALUES ($1, 'start')`, endpointID); err != nil { // want `RL002 check-then-insert`
			return err
		}
	}
	var m int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM endpoint_events WHERE endpoint_id = $1 AND kind = 'healthy'`, endpointID).Scan(&m); err != nil {
		return err
	}
	if m == 0 {
		if _, err := db.ExecContext(ctx, `INSERT INTO endpoint_events (endpoint_id, kind) VALUES ($1, 'healthy')`, endpointID); err != nil { // want `RL002 check-then-insert`
			return err
		}
	}
	return nil
}
