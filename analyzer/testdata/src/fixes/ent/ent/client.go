// Package ent is a hand-written stand-in for a client ent would generate
// for one Counter entity, in the generated shape racelint recognises: a
// Client and a Tx with one field per entity client, IsNotFound, and
// <Entity><Builder> types.
package ent

import (
	"context"
	"time"

	"entgo.io/ent"

	"fixes/ent/ent/counter"
)

// Op is ent's mutation operation, used by generated hooks.
type Op = ent.Op

// Client is the client holding the entity clients.
type Client struct {
	Counter *CounterClient
}

// Tx is a transactional client.
type Tx struct {
	Counter *CounterClient
}

// IsNotFound reports whether err is a not-found error.
func IsNotFound(err error) bool { return false }

// Counter is the entity.
type Counter struct {
	ID       int
	Hits     int64
	Name     string
	ClosedAt *time.Time
}

// CounterClient is the client of Counter.
type CounterClient struct{}

// Get returns the Counter with the id.
func (c *CounterClient) Get(ctx context.Context, id int) (*Counter, error) { return &Counter{}, nil }

// UpdateOneID returns an update builder of the Counter with the id.
func (c *CounterClient) UpdateOneID(id int) *CounterUpdateOne { return &CounterUpdateOne{} }

// CounterUpdateOne updates one Counter.
type CounterUpdateOne struct{}

// SetHits sets hits.
func (u *CounterUpdateOne) SetHits(v int64) *CounterUpdateOne { return u }

// AddHits adds v to hits.
func (u *CounterUpdateOne) AddHits(v int64) *CounterUpdateOne { return u }

// SetName sets name.
func (u *CounterUpdateOne) SetName(v string) *CounterUpdateOne { return u }

// SetClosedAt sets closed_at.
func (u *CounterUpdateOne) SetClosedAt(v time.Time) *CounterUpdateOne { return u }

// Where adds predicates; when they do not hold, Exec fails with a
// not-found error.
func (u *CounterUpdateOne) Where(ps ...counter.Predicate) *CounterUpdateOne { return u }

// Exec runs the update.
func (u *CounterUpdateOne) Exec(ctx context.Context) error { return nil }
