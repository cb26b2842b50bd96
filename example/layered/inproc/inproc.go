// Package inproc keeps a repository interface, its only implementation and
// the service that uses it in one package, as small services often do.
// racelint resolves the interface calls to the implementation's summary.
package inproc

import (
	"context"
	"database/sql"
	"errors"
)

// ErrNotActive means the subscription is not active any more.
var ErrNotActive = errors.New("subscription is not active")

// Subscription is a customer's plan.
type Subscription struct {
	ID     int64
	Status string
}

type subscriptions interface {
	Get(ctx context.Context, id int64) (Subscription, error)
	SetStatus(ctx context.Context, id int64, status string) error
	Transition(ctx context.Context, id int64, from, to string) (bool, error)
}

type sqlSubscriptions struct{ db *sql.DB }

func (r sqlSubscriptions) Get(ctx context.Context, id int64) (Subscription, error) {
	var s Subscription
	err := r.db.QueryRowContext(ctx, `SELECT id, status FROM subscriptions WHERE id = $1`, id).Scan(&s.ID, &s.Status)
	return s, err
}

func (r sqlSubscriptions) SetStatus(ctx context.Context, id int64, status string) error {
	_, err := r.db.ExecContext(ctx, `UPDATE subscriptions SET status = $1 WHERE id = $2`, status, id)
	return err
}

func (r sqlSubscriptions) Transition(ctx context.Context, id int64, from, to string) (bool, error) {
	res, err := r.db.ExecContext(ctx, `UPDATE subscriptions SET status = $1 WHERE id = $2 AND status = $3`, to, id, from)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Service cancels subscriptions.
type Service struct{ subs subscriptions }

// New wires the service to the database.
func New(db *sql.DB) *Service { return &Service{subs: sqlSubscriptions{db: db}} }

// racy: status checked on what Get read, then written by SetStatus.
func (s *Service) CancelRacy(ctx context.Context, id int64) error {
	sub, err := s.subs.Get(ctx, id)
	if err != nil {
		return err
	}
	if sub.Status != "active" {
		return ErrNotActive
	}
	return s.subs.SetStatus(ctx, id, "cancelled") // want "RL001"
}

// safe: the transition re-checks the status in SQL and reports who won.
func (s *Service) Cancel(ctx context.Context, id int64) error {
	ok, err := s.subs.Transition(ctx, id, "active", "cancelled")
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotActive
	}
	return nil
}
