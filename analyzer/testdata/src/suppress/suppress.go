// Package suppress exercises racelint's silencing directives.
package suppress

import (
	"context"
	"database/sql"
	"errors"
)

type Service struct{ db *sql.DB }

// errCounted tells the caller that found the session counted that it lost
// (a caller that is told nothing could not tell, and the write would then
// converge: not a race).
var errCounted = errors.New("already counted")

func (s *Service) counted(ctx context.Context, id string) bool {
	var c bool
	_ = s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&c)
	return c
}

// silenced: directive on the reported line.
func (s *Service) SameLine(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id) //racelint:ignore RL001 analytics: double counts are fine
	return err
}

// silenced: directive alone on the line above.
func (s *Service) LineAbove(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	//racelint:ignore RL001 analytics: double counts are fine
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id)
	return err
}

// DocComment is silenced by its doc comment.
//
//racelint:ignore RL001 analytics: double counts are fine
func (s *Service) DocComment(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id)
	return err
}

// silenced: several IDs, comma-separated; the finding is RL003.
func (s *Service) SeveralIDs(ctx context.Context, id int64) error {
	var views int64
	if err := s.db.QueryRowContext(ctx, `SELECT views FROM page_stats WHERE id = $1`, id).Scan(&views); err != nil {
		return err
	}
	//racelint:ignore RL001,RL003 approximate counter, losing a few views is fine
	_, err := s.db.ExecContext(ctx, `UPDATE page_stats SET views = $1 WHERE id = $2`, views+1, id)
	return err
}

// reported: a directive without a reason does not silence and is itself reported.
func (s *Service) NoReason(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id) /* want "RL001" "racelint:ignore RL001 needs a reason" */ //racelint:ignore RL001
	return err
}

// reported: a directive for the wrong rule does not silence; it is unused.
func (s *Service) WrongRule(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id) /* want "RL001" "racelint:ignore RL002 silences nothing" */ //racelint:ignore RL002 wrong rule
	return err
}

// reported: an unused directive.
func (s *Service) Unused(ctx context.Context, id string) error {
	//racelint:ignore RL001 nothing races here // want "racelint:ignore RL001 silences nothing; remove it"
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id)
	return err
}

// silenced: //nolint:racelint.
func (s *Service) NolintRacelint(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id) //nolint:racelint // acceptable
	return err
}

// silenced: bare //nolint.
func (s *Service) NolintBare(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id) //nolint
	return err
}

// reported: //nolint for another linter does not silence racelint.
func (s *Service) NolintOther(ctx context.Context, id string) error {
	var counted bool
	if err := s.db.QueryRowContext(ctx, `SELECT counted FROM sessions WHERE id = $1`, id).Scan(&counted); err != nil {
		return err
	}
	if counted {
		return errCounted
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, id) /* want "RL001" */ //nolint:errcheck
	return err
}
