// Package rl008 guards check-then-update races with a sync.Mutex, which
// protects one process only. RL008 is off by default: TestInProcessLock
// enables it; with the defaults the first two functions are silent.
package rl008

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

type Service struct {
	db *sql.DB
	mu sync.Mutex
}

var errTaken = errors.New("taken")

// in-process only: the mutex covers the read, the check and the write.
func (s *Service) Claim(ctx context.Context, leadID, userID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaken
	}
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID) // want "RL008"
	return err
}

// in-process only: locked and unlocked explicitly around both.
func (s *Service) Bump(ctx context.Context, id int64) error {
	s.mu.Lock()
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT views FROM posts WHERE id = $1`, id).Scan(&n); err != nil {
		s.mu.Unlock()
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, n+1, id) // want "RL008"
	s.mu.Unlock()
	return err
}

// racy: the lock covers only the write.
func (s *Service) ClaimLate(ctx context.Context, leadID, userID int64) error {
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaken
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, leadID) // want "RL001"
	return err
}
