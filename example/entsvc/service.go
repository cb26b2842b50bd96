// Package entsvc is a service written against an ent client generated
// for a small schema (ent/schema): emails opened once, leads claimed by
// one owner, events de-duplicated by key, view counters.
package entsvc

import (
	"context"
	"errors"
	"fmt"

	"github.com/racelint/racelint/example/entsvc/ent"
)

// ErrAlreadyClaimed is returned when another owner claimed the lead first.
var ErrAlreadyClaimed = errors.New("lead already claimed")

// ErrNotPending is returned when a lead left the pending state.
var ErrNotPending = errors.New("lead is not pending")

// Service holds the ent client.
type Service struct {
	client *ent.Client
}

// New returns a Service.
func New(client *ent.Client) *Service { return &Service{client: client} }

// WithTx runs fn in a transaction and commits it when fn succeeds.
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return fmt.Errorf("%w: rollback: %v", err, rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
