package gormsvc

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// near-miss: the user is read for the response and last_seen_at is written blindly: no check in between.
func (s *Service) Profile(ctx context.Context, userID int64) (User, error) {
	var u User
	if err := s.db.WithContext(ctx).First(&u, userID).Error; err != nil {
		return User{}, fmt.Errorf("load user %d: %w", userID, err)
	}
	if err := s.db.WithContext(ctx).Model(&u).Update("last_seen_at", time.Now()).Error; err != nil {
		return User{}, fmt.Errorf("touch user %d: %w", userID, err)
	}
	return u, nil
}

// near-miss: a real RL001 (Counted checked, then set) that is accepted and silenced by a racelint:ignore directive.
func (s *Service) CountVisit(ctx context.Context, sessionID string) error {
	var sess Session
	if err := s.db.WithContext(ctx).First(&sess, "id = ?", sessionID).Error; err != nil {
		return fmt.Errorf("load session %s: %w", sessionID, err)
	}
	if sess.Counted {
		return nil
	}
	//racelint:ignore RL001 analytics: double counting is acceptable
	if err := s.db.WithContext(ctx).Model(&sess).Update("counted", true).Error; err != nil {
		return fmt.Errorf("mark session %s: %w", sessionID, err)
	}
	day := time.Now().UTC().Truncate(24 * time.Hour)
	if err := s.db.WithContext(ctx).Model(&DailyStat{}).Where("day = ?", day).UpdateColumn("visits", gorm.Expr("visits + ?", 1)).Error; err != nil {
		return fmt.Errorf("count visit: %w", err)
	}
	return nil
}
