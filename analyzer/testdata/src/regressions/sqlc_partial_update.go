package regressions

import (
	"context"
	"database/sql"
)

// Regression (recall, sqlc): an optional-column update, as sqlc writes
// sqlc.narg() parameters (SET points = COALESCE($1, points)), writes its
// parameter to the column when it is given. A value computed in Go from
// the row read is a lost update. Expected: RL003; the near miss, the
// caller's own value, is silent.

const updateMemberPoints = `-- name: UpdateMember :exec
UPDATE members SET points = COALESCE($1, points), nickname = COALESCE($2, nickname) WHERE id = $3`

type UpdateMemberParams struct {
	Points   sql.NullInt64
	Nickname sql.NullString
	ID       int64
}

func (s *SQLService) updateMember(ctx context.Context, arg UpdateMemberParams) error {
	_, err := s.db.ExecContext(ctx, updateMemberPoints, arg.Points, arg.Nickname, arg.ID)
	return err
}

// racy
func (s *SQLService) AwardPoints(ctx context.Context, id, award int64) error {
	var points int64
	if err := s.db.QueryRowContext(ctx, `SELECT points FROM members WHERE id = $1`, id).Scan(&points); err != nil {
		return err
	}
	return s.updateMember(ctx, UpdateMemberParams{Points: sql.NullInt64{Int64: points + award, Valid: true}, ID: id}) // want "RL003"
}

// silent: the nickname comes from the request.
func (s *SQLService) Rename(ctx context.Context, id int64, nick string) error {
	var points int64
	if err := s.db.QueryRowContext(ctx, `SELECT points FROM members WHERE id = $1`, id).Scan(&points); err != nil {
		return err
	}
	return s.updateMember(ctx, UpdateMemberParams{Nickname: sql.NullString{String: nick, Valid: true}, ID: id})
}
