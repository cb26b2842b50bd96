// Package redisv8svc is the go-redis v8 flavour of redissvc: v8
// (github.com/go-redis/redis/v8) has v9's API, and racelint reads it as v9.
package redisv8svc

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/go-redis/redis/v8"
)

type Service struct{ rdb *redis.Client }

// racy: GET finds no lock (redis.Nil) and SET takes it; two callers both see
// redis.Nil and both believe they hold the lock.
func (s *Service) AcquireLockRacy(ctx context.Context, name, token string, ttl time.Duration) (bool, error) {
	owner, err := s.rdb.Get(ctx, "lock:"+name).Result()
	if err == redis.Nil {
		if err := s.rdb.Set(ctx, "lock:"+name, token, ttl).Err(); err != nil { // want "RL002"
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

// racy: the counter is read, incremented in Go and written back; a
// concurrent increment between the two is lost.
func (s *Service) CountViewRacy(ctx context.Context, page string) error {
	n, err := s.rdb.Get(ctx, "views:"+page).Int()
	if err != nil && err != redis.Nil {
		return err
	}
	return s.rdb.Set(ctx, "views:"+page, strconv.Itoa(n+1), 0).Err() // want "RL003"
}

// safe: INCR in one command.
func (s *Service) CountView(ctx context.Context, page string) error {
	return s.rdb.Incr(ctx, "views:"+page).Err()
}
