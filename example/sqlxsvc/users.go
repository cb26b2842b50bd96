package sqlxsvc

import (
	"context"
	"fmt"
	"time"
)

// near-miss: the user is read for the response and last_seen_at is written blindly: no check in between.
func (s *Service) Profile(ctx context.Context, userID int64) (User, error) {
	var u User
	if err := s.db.GetContext(ctx, &u, `SELECT id, email, name FROM users WHERE id = $1`, userID); err != nil {
		return User{}, fmt.Errorf("load user %d: %w", userID, err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE users SET last_seen_at = $1 WHERE id = $2`, time.Now(), u.ID); err != nil {
		return User{}, fmt.Errorf("touch user %d: %w", userID, err)
	}
	return u, nil
}

// near-miss: a real RL001 (counted checked, then set) that is accepted and silenced by a racelint:ignore directive.
func (s *Service) CountVisit(ctx context.Context, sessionID string) error {
	var counted bool
	if err := s.db.GetContext(ctx, &counted, `SELECT counted FROM sessions WHERE id = $1`, sessionID); err != nil {
		return fmt.Errorf("load session %s: %w", sessionID, err)
	}
	if counted {
		return nil
	}
	//racelint:ignore RL001 analytics: double counting is acceptable
	if _, err := s.db.ExecContext(ctx, `UPDATE sessions SET counted = true WHERE id = $1`, sessionID); err != nil {
		return fmt.Errorf("mark session %s: %w", sessionID, err)
	}
	day := time.Now().UTC().Truncate(24 * time.Hour)
	if _, err := s.db.ExecContext(ctx, `UPDATE daily_stats SET visits = visits + 1 WHERE day = $1`, day); err != nil {
		return fmt.Errorf("count visit: %w", err)
	}
	return nil
}
