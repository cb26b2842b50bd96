package kvredis

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// ---- RL002 check-then-insert ----

// racy: Get finds nothing (== redis.Nil), then Set.
func (s *Service) Lock(ctx context.Context, name, token string) (bool, error) {
	key := "lock:" + name
	_, err := s.rdb.Get(ctx, key).Result()
	if err == redis.Nil {
		return true, s.rdb.Set(ctx, key, token, 30*time.Second).Err() // want "RL002"
	}
	return false, err
}

// racy: errors.Is(err, redis.Nil) on Err().
func (s *Service) LockIs(ctx context.Context, key, token string) error {
	err := s.rdb.Get(ctx, key).Err()
	if err == nil {
		return errTaken
	}
	if !errors.Is(err, redis.Nil) {
		return err
	}
	return s.rdb.Set(ctx, key, token, time.Minute).Err() // want "RL002"
}

// racy: EXISTS then SET.
func (s *Service) Reserve(ctx context.Context, name string, userID int64) error {
	key := "username:" + name
	n, err := s.rdb.Exists(ctx, key).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	return s.rdb.Set(ctx, key, userID, 0).Err() // want "RL002"
}

// racy: HEXISTS then HSET of the same field.
func (s *Service) ReserveField(ctx context.Context, key, field, value string) error {
	ok, err := s.rdb.HExists(ctx, key, field).Result()
	if err != nil {
		return err
	}
	if ok {
		return errTaken
	}
	return s.rdb.HSet(ctx, key, field, value).Err() // want "RL002"
}

// safe: SETNX.
func (s *Service) LockNX(ctx context.Context, name, token string) (bool, error) {
	return s.rdb.SetNX(ctx, "lock:"+name, token, 30*time.Second).Result()
}

// safe: SET ... NX through SetArgs; redis.Nil is SET's own "not set" reply.
func (s *Service) LockArgs(ctx context.Context, name, token string) (bool, error) {
	err := s.rdb.SetArgs(ctx, "lock:"+name, token, redis.SetArgs{Mode: "NX", TTL: 30 * time.Second}).Err()
	if err == redis.Nil {
		return false, nil
	}
	return err == nil, err
}

// safe: the Get is only a fast path; SETNX decides.
func (s *Service) LockFast(ctx context.Context, name, token string) (bool, error) {
	key := "lock:" + name
	if err := s.rdb.Get(ctx, key).Err(); err != redis.Nil {
		return false, err
	}
	return s.rdb.SetNX(ctx, key, token, time.Minute).Result()
}

// safe: HSETNX.
func (s *Service) ReserveFieldNX(ctx context.Context, key, field, value string) error {
	ok, err := s.rdb.HSetNX(ctx, key, field, value).Result()
	if err != nil {
		return err
	}
	if !ok {
		return errTaken
	}
	return nil
}

// near-miss: the reservation is checked, another key is written.
func (s *Service) SaveBio(ctx context.Context, name, bio string) error {
	n, err := s.rdb.Exists(ctx, "username:"+name).Result()
	if err != nil {
		return err
	}
	if n == 0 {
		return errForbidden
	}
	return s.rdb.Set(ctx, "bio:"+name, bio, 0).Err()
}

// ---- RL001 check-then-update / delete ----

// racy: the lock token is compared in Go, then the key deleted.
func (s *Service) Unlock(ctx context.Context, name, token string) error {
	key := "lock:" + name
	owner, err := s.rdb.Get(ctx, key).Result()
	if err != nil {
		return err
	}
	if owner != token {
		return errForbidden
	}
	return s.rdb.Del(ctx, key).Err() // want "RL001"
}

// safe: compare-and-delete in EVAL.
func (s *Service) UnlockEval(ctx context.Context, name, token string) error {
	return s.rdb.Eval(ctx, `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`, []string{"lock:" + name}, token).Err()
}

// ---- RL004 unchecked-conditional-write ----

// racy: SETNX with its reply ignored: every caller believes it took the
// lock.
func (s *Service) LockReplyIgnored(ctx context.Context, name, token string) error {
	if err := s.rdb.SetNX(ctx, "lock:"+name, token, time.Minute).Err(); err != nil { // want `RL004 unchecked-conditional-write: s.rdb.SetNX sets the key only if missing but ignores the reply — read the reply`
		return err
	}
	return nil
}

// racy: the reply is taken with Result and dropped.
func (s *Service) LockResultDropped(ctx context.Context, name, token string) error {
	_, err := s.rdb.SetNX(ctx, "lock:"+name, token, time.Minute).Result() // want "RL004"
	return err
}

// safe: the reply decides.
func (s *Service) LockChecked(ctx context.Context, name, token string) error {
	ok, err := s.rdb.SetNX(ctx, "lock:"+name, token, time.Minute).Result()
	if err != nil {
		return err
	}
	if !ok {
		return errTaken
	}
	return nil
}

// racy (RL001): a one-time code read, then deleted with DEL's reply
// ignored: two requests both GET it and both log in.
func (s *Service) UseCode(ctx context.Context, code string) (string, error) {
	userID, err := s.rdb.Get(ctx, "code:"+code).Result()
	if errors.Is(err, redis.Nil) {
		return "", errTaken
	}
	if err != nil {
		return "", err
	}
	if err := s.rdb.Del(ctx, "code:"+code).Err(); err != nil { // want `RL001 check-then-update: s.rdb.Del deletes the key s.rdb.Get found but ignores the count — GETDEL, or read DEL's reply`
		return "", err
	}
	return userID, nil
}

// safe: DEL's reply decides who used the code.
func (s *Service) UseCodeOnce(ctx context.Context, code string) (string, error) {
	userID, err := s.rdb.Get(ctx, "code:"+code).Result()
	if errors.Is(err, redis.Nil) {
		return "", errTaken
	}
	if err != nil {
		return "", err
	}
	n, err := s.rdb.Del(ctx, "code:"+code).Result()
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", errTaken
	}
	return userID, nil
}
