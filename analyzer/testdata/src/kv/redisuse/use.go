// Package kvredisuse calls the Redis repository of kvredisrepo.
package kvredisuse

import (
	"context"

	"kv/redisrepo"
)

type Service struct{ Counters *kvredisrepo.Counters }

// racy: the count is read through the repository, incremented in Go and
// written back; the message advises INCRBY (messages.golden).
func (s *Service) Visit(ctx context.Context, page string) error {
	n, err := s.Counters.Get(ctx, page)
	if err != nil {
		return err
	}
	return s.Counters.Put(ctx, page, n+1) // want "RL003 lost-update: .* INCRBY"
}

// safe: the repository increments in Redis.
func (s *Service) VisitAtomic(ctx context.Context, page string) error {
	return s.Counters.Add(ctx, page, 1)
}
