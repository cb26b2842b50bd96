package regressions

import (
	"context"

	"regressions/clock"
)

// Regression (precision): a timestamp written through a helper of
// another package that returns the clock (clock.Unix(), clock.Millis())
// is a timestamp like time.Now(). A soft delete that stamps delete_at
// only where it is still 0 is a guarded touch, not a claim, and a
// last-active refresh after a staleness check converges.
// Expected: silent; the racy twins, which write a value that is not a
// reading of the clock, are reported.

type Sess struct {
	ID         string
	LastActive int64
}

// silent: a guarded soft-delete stamp whose count nobody needs.
func (s *SQLService) DeleteCategory(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE categories SET delete_at = $1 WHERE id = $2 AND delete_at = 0`, clock.Millis(), id)
	return err
}

// racy twin: the same guard claims the row for a caller-supplied owner.
func (s *SQLService) AssignCategory(ctx context.Context, id string, owner int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE categories SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL`, owner, id) // want "RL004"
	return err
}

// silent: a session seen again refreshes its last-active time, at most
// once a minute.
func (s *SQLService) TouchSession(ctx context.Context, id string) error {
	var ss Sess
	if err := s.db.QueryRowContext(ctx, `SELECT id, last_active FROM sessions WHERE id = $1`, id).Scan(&ss.ID, &ss.LastActive); err != nil {
		return err
	}
	if ss.LastActive < clock.Unix()-60 {
		_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_active = $1 WHERE id = $2`, clock.Unix(), id)
		return err
	}
	return nil
}

// racy twin: what is written is a time away from now, not a reading of
// the clock, so it is no refresh.
func (s *SQLService) ExtendSession(ctx context.Context, id string) error {
	var ss Sess
	if err := s.db.QueryRowContext(ctx, `SELECT id, last_active FROM sessions WHERE id = $1`, id).Scan(&ss.ID, &ss.LastActive); err != nil {
		return err
	}
	if ss.LastActive < clock.Unix()-60 {
		_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_active = $1 WHERE id = $2`, clock.In(3600), id) // want "RL001"
		return err
	}
	return nil
}

// silent: the clock reading is stored in the record first, and the
// record's field is what the UPDATE writes.
func (s *SQLService) TouchSessionRecord(ctx context.Context, id string) error {
	var ss Sess
	if err := s.db.QueryRowContext(ctx, `SELECT id, last_active FROM sessions WHERE id = $1`, id).Scan(&ss.ID, &ss.LastActive); err != nil {
		return err
	}
	if ss.LastActive < clock.Unix()-60 {
		ss.LastActive = clock.Unix()
		_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_active = $1 WHERE id = $2`, ss.LastActive, id)
		return err
	}
	return nil
}

// racy twin: the field holds a time away from now.
func (s *SQLService) ExtendSessionRecord(ctx context.Context, id string) error {
	var ss Sess
	if err := s.db.QueryRowContext(ctx, `SELECT id, last_active FROM sessions WHERE id = $1`, id).Scan(&ss.ID, &ss.LastActive); err != nil {
		return err
	}
	if ss.LastActive < clock.Unix()-60 {
		ss.LastActive = clock.In(3600)
		_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_active = $1 WHERE id = $2`, ss.LastActive, id) // want "RL001"
		return err
	}
	return nil
}
