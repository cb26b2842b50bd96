// Package store retries its driver's transactions (memos' shape): the
// driver interface is implemented in another package, which store does
// not import, and wired in main.
package store

import "context"

// Driver is implemented by each database's package.
type Driver interface {
	Apply(ctx context.Context, id int64) error
	Mutate(ctx context.Context, id int64) error
	IsRetryable(err error) bool
}

// Store runs the driver's transactions.
type Store struct{ drv Driver }

// Apply calls the driver again while it says the error is retryable.
func (s *Store) Apply(ctx context.Context, id int64) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = s.drv.Apply(ctx, id)
		if err == nil || !s.drv.IsRetryable(err) {
			return err
		}
	}
	return err
}

// Mutate calls the driver once.
func (s *Store) Mutate(ctx context.Context, id int64) error { return s.drv.Mutate(ctx, id) }
