package regressions

import (
	"context"
	"database/sql"
)

// An insert on the branch where the read found rows inserts nothing that
// was missing: homebox copies an entity's maintenance entries to its
// duplicate, one insert per entry found.

type entry struct {
	ID   int64
	Note string
}

func entriesOf(ctx context.Context, db *sql.DB, entityID int64) ([]entry, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, note FROM entries WHERE entity_id = $1`, entityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.ID, &e.Note); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// silent: a copy loop over what was found.
func CopyEntries(ctx context.Context, db *sql.DB, from, to int64) error {
	found, err := entriesOf(ctx, db, from)
	if err != nil {
		return err
	}
	for _, e := range found {
		if _, err := db.ExecContext(ctx, `INSERT INTO entries (entity_id, note) VALUES ($1, $2)`, to, e.Note); err != nil {
			return err
		}
	}
	return nil
}

// silent: the insert is on the side of the count that found rows.
func AppendToExisting(ctx context.Context, db *sql.DB, entityID int64, note string) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE entity_id = $1`, entityID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		_, err := db.ExecContext(ctx, `INSERT INTO entries (entity_id, note) VALUES ($1, $2)`, entityID, note)
		return err
	}
	return nil
}

// racy twin: the insert runs when the count found none.
func SeedFirst(ctx context.Context, db *sql.DB, entityID int64, note string) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE entity_id = $1`, entityID).Scan(&n); err != nil {
		return err
	}
	if !(n > 0) {
		_, err := db.ExecContext(ctx, `INSERT INTO entries (entity_id, note) VALUES ($1, $2)`, entityID, note) // want `RL002 check-then-insert`
		return err
	}
	return nil
}
