package redisproof

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// lockTTL is the lease of a lock: a holder that dies does not keep it.
const lockTTL = 30 * time.Second

// LockRacy is racy (RL002): GET finds the key missing (redis.Nil), then
// SET takes the lock; every caller that read before the first SET takes
// it too.
func (s *Store) LockRacy(ctx context.Context, name, token string, pause func()) (bool, error) {
	key := "lock:" + name
	_, err := s.rdb.Get(ctx, key).Result()
	pause()
	if err == nil {
		return false, nil // held
	}
	if !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("read lock %s: %w", name, err)
	}
	if err := s.rdb.Set(ctx, key, token, lockTTL).Err(); err != nil { // want "RL002"
		return false, fmt.Errorf("take lock %s: %w", name, err)
	}
	return true, nil
}

// LockNX is atomic: SETNX sets the key only when it is missing, and its
// reply says whether this caller did.
func (s *Store) LockNX(ctx context.Context, name, token string, pause func()) (bool, error) {
	pause()
	ok, err := s.rdb.SetNX(ctx, "lock:"+name, token, lockTTL).Result()
	if err != nil {
		return false, fmt.Errorf("take lock %s: %w", name, err)
	}
	return ok, nil
}

// LockArgs is atomic: SET ... NX through SetArgs. Its "not set" reply is
// redis.Nil, which here means another caller holds the lock.
func (s *Store) LockArgs(ctx context.Context, name, token string, pause func()) (bool, error) {
	pause()
	err := s.rdb.SetArgs(ctx, "lock:"+name, token, redis.SetArgs{Mode: "NX", TTL: lockTTL}).Err()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("take lock %s: %w", name, err)
	}
	return true, nil
}

// LockNXReplyIgnored is racy (RL004): it uses SETNX but ignores its
// reply, so every caller believes it took the lock.
func (s *Store) LockNXReplyIgnored(ctx context.Context, name, token string, pause func()) (bool, error) {
	pause()
	if err := s.rdb.SetNX(ctx, "lock:"+name, token, lockTTL).Err(); err != nil { // want "RL004"
		return false, fmt.Errorf("take lock %s: %w", name, err)
	}
	return true, nil
}

// UnlockRacy is racy (RL001): the owner token is compared in Go, then the
// key deleted. If the lease ran out between the two and another worker
// took the lock, the DEL removes that worker's lock.
func (s *Store) UnlockRacy(ctx context.Context, name, token string, pause func()) (bool, error) {
	key := "lock:" + name
	owner, err := s.rdb.Get(ctx, key).Result()
	pause()
	if errors.Is(err, redis.Nil) {
		return false, nil // expired: nothing to release
	}
	if err != nil {
		return false, fmt.Errorf("read lock %s: %w", name, err)
	}
	if owner != token {
		return false, nil // someone else's lock
	}
	if err := s.rdb.Del(ctx, key).Err(); err != nil { // want "RL001"
		return false, fmt.Errorf("release lock %s: %w", name, err)
	}
	return true, nil
}

// unlockScript deletes the key only if it still holds the caller's token;
// Redis runs a script without interleaving other commands, so the compare
// and the delete see the same value.
var unlockScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`)

// Unlock is atomic: compare-and-delete in one Lua script; the reply (keys
// deleted) says whether the caller still held the lock.
func (s *Store) Unlock(ctx context.Context, name, token string, pause func()) (bool, error) {
	pause()
	n, err := unlockScript.Run(ctx, s.rdb, []string{"lock:" + name}, token).Int()
	if err != nil {
		return false, fmt.Errorf("release lock %s: %w", name, err)
	}
	return n == 1, nil
}
