// Package kvredisrepo is a repository over go-redis whose methods other
// packages call: their summaries carry the store, so that a race found
// in the caller gets Redis's advice, not SQL's.
package kvredisrepo

import (
	"context"

	"github.com/redis/go-redis/v9"
)

type Counters struct{ RDB *redis.Client }

func (c *Counters) Get(ctx context.Context, key string) (int, error) {
	return c.RDB.Get(ctx, key).Int()
}

func (c *Counters) Put(ctx context.Context, key string, n int) error {
	return c.RDB.Set(ctx, key, n, 0).Err()
}

func (c *Counters) Add(ctx context.Context, key string, n int) error {
	return c.RDB.IncrBy(ctx, key, int64(n)).Err()
}
