package redisproof

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// ClaimLeadRacy is racy (RL001): HGET finds no owner_id, then HSET writes
// the caller's; every caller that read before the first HSET wins, and
// the last HSET decides the stored owner.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (bool, error) {
	key := fmt.Sprintf("lead:%d", leadID)
	owner, err := s.rdb.HGet(ctx, key, "owner_id").Result()
	pause()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if owner != "" {
		return false, nil
	}
	if err := s.rdb.HSet(ctx, key, "owner_id", userID).Err(); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: HSETNX sets owner_id only when it is missing and
// says whether it did.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (bool, error) {
	pause()
	ok, err := s.rdb.HSetNX(ctx, fmt.Sprintf("lead:%d", leadID), "owner_id", userID).Result()
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return ok, nil
}
