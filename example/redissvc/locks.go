package redissvc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// releaseScript deletes the lock only while it still holds the caller's token.
var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`)

// racy: GET finds no lock (redis.Nil) and SET takes it; two callers both see
// redis.Nil and both believe they hold the lock.
func (s *Service) AcquireLockRacy(ctx context.Context, name, token string, ttl time.Duration) (bool, error) {
	lockKey := "lock:" + name
	owner, err := s.rdb.Get(ctx, lockKey).Result()
	if err == redis.Nil {
		if err := s.rdb.Set(ctx, lockKey, token, ttl).Err(); err != nil { // want "RL002"
			return false, fmt.Errorf("take lock %s: %w", name, err)
		}
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("read lock %s: %w", name, err)
	}
	return owner == token, nil
}

// safe: SET NX in one command; the reply says who won.
func (s *Service) AcquireLock(ctx context.Context, name, token string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, "lock:"+name, token, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("take lock %s: %w", name, err)
	}
	return ok, nil
}

// safe: SET with Mode "NX" through SetArgs; redis.Nil is the reply of a SET NX
// that did not set, not a read.
func (s *Service) AcquireLockArgs(ctx context.Context, name, token string, ttl time.Duration) (bool, error) {
	err := s.rdb.SetArgs(ctx, "lock:"+name, token, redis.SetArgs{Mode: "NX", TTL: ttl}).Err()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("take lock %s: %w", name, err)
	}
	return true, nil
}

// racy: the token is compared in Go and the key deleted afterwards; the lock
// can expire and be taken by another holder in between, whose lock is then
// deleted.
func (s *Service) ReleaseLockRacy(ctx context.Context, name, token string) error {
	lockKey := "lock:" + name
	owner, err := s.rdb.Get(ctx, lockKey).Result()
	if err != nil {
		return fmt.Errorf("read lock %s: %w", name, err)
	}
	if owner != token {
		return ErrNotOwner
	}
	if err := s.rdb.Del(ctx, lockKey).Err(); err != nil { // want "RL001"
		return fmt.Errorf("release lock %s: %w", name, err)
	}
	return nil
}

// safe: compare-and-delete in one Lua script.
func (s *Service) ReleaseLock(ctx context.Context, name, token string) error {
	n, err := releaseScript.Run(ctx, s.rdb, []string{"lock:" + name}, token).Int()
	if err != nil {
		return fmt.Errorf("release lock %s: %w", name, err)
	}
	if n == 0 {
		return ErrNotOwner
	}
	return nil
}

// racy: EXISTS then SET; two sign-ups of the same username both see 0.
func (s *Service) ReserveUsernameRacy(ctx context.Context, username string, userID int64) error {
	key := "username:" + username
	n, err := s.rdb.Exists(ctx, key).Result()
	if err != nil {
		return fmt.Errorf("check username %s: %w", username, err)
	}
	if n > 0 {
		return ErrTaken
	}
	if err := s.rdb.Set(ctx, key, userID, 0).Err(); err != nil { // want "RL002"
		return fmt.Errorf("reserve username %s: %w", username, err)
	}
	return nil
}

// safe: SETNX, its reply checked.
func (s *Service) ReserveUsername(ctx context.Context, username string, userID int64) error {
	ok, err := s.rdb.SetNX(ctx, "username:"+username, userID, 0).Result()
	if err != nil {
		return fmt.Errorf("reserve username %s: %w", username, err)
	}
	if !ok {
		return ErrTaken
	}
	return nil
}

// near-miss: EXISTS on one key, SET on another (the reservation is checked,
// the profile written): not the same record.
func (s *Service) SaveProfile(ctx context.Context, username, bio string) error {
	n, err := s.rdb.Exists(ctx, "username:"+username).Result()
	if err != nil {
		return fmt.Errorf("check username %s: %w", username, err)
	}
	if n == 0 {
		return ErrForbidden
	}
	if err := s.rdb.Set(ctx, "profile:"+username+":bio", bio, 0).Err(); err != nil {
		return fmt.Errorf("save profile %s: %w", username, err)
	}
	return nil
}
