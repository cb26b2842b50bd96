package factsdemo // want package:"hassummaries"

// The facts the facts analyzer exports: a summary for each function that
// reads or writes (and for the methods of an interface with one
// implementation here), the not-found error a helper maps a missing row
// to, and the package marker (reported at the start of the file).

import (
	"context"
	"database/sql"
	"errors"
)

// ErrNotFound is what EmailByTracking returns for a missing row.
var ErrNotFound = errors.New("not found") // want ErrNotFound:"notfound"

type Email struct {
	ID     int64
	Opened bool
}

type Store struct{ db *sql.DB }

// Emails is implemented by *Store only.
type Emails interface {
	EmailByTracking(ctx context.Context, tracking string) (Email, error) // want EmailByTracking:`summary\[read emails\]`
	MarkOpened(ctx context.Context, id int64) error                      // want MarkOpened:`summary\[update emails\]`
}

func (s *Store) EmailByTracking(ctx context.Context, tracking string) (Email, error) { // want EmailByTracking:`summary\[read emails\]`
	var e Email
	err := s.db.QueryRowContext(ctx, `SELECT id, opened FROM emails WHERE tracking_id = $1`, tracking).Scan(&e.ID, &e.Opened)
	if errors.Is(err, sql.ErrNoRows) {
		return Email{}, ErrNotFound
	}
	return e, err
}

func (s *Store) MarkOpened(ctx context.Context, id int64) error { // want MarkOpened:`summary\[update emails\]`
	_, err := s.db.ExecContext(ctx, `UPDATE emails SET opened = true WHERE id = $1`, id)
	return err
}

// Upsert is conflict-safe; it is still summarised, as an insert.
func (s *Store) Upsert(ctx context.Context, id int64) error { // want Upsert:`summary\[insert emails\]`
	_, err := s.db.ExecContext(ctx, `INSERT INTO emails (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, id)
	return err
}

// Normalise touches no database: no fact.
func Normalise(tracking string) string { return tracking }
