// Package service declares the repository interface it needs and never
// imports the implementation: the two meet only in package app.
package service

import (
	"context"
	"errors"
)

// Invite is a one-time invitation.
type Invite struct {
	ID     int64
	UsedAt *int64
}

// Invites is the repository the service needs.
type Invites interface {
	Get(ctx context.Context, code string) (*Invite, error)
	GetForUpdate(ctx context.Context, code string) (*Invite, error)
	MarkUsed(ctx context.Context, id int64, at int64) error
	Create(ctx context.Context, code string) error
}

// ErrNotFound is what the repository returns for a missing invite.
var ErrNotFound = errors.New("invite not found")

// UnitOfWork runs fn in one transaction, on repositories built on it.
type UnitOfWork interface {
	Do(ctx context.Context, fn func(r Invites) error) error
}

// ErrUsed means the invite was already used.
var ErrUsed = errors.New("invite already used")

// Service accepts invites.
type Service struct {
	Invites Invites
	UoW     UnitOfWork
}

// Accept is racy: two requests can both see UsedAt == nil.
func (s *Service) Accept(ctx context.Context, code string, now int64) error {
	inv, err := s.Invites.Get(ctx, code)
	if err != nil {
		return err
	}
	if inv.UsedAt != nil {
		return ErrUsed
	}
	return s.Invites.MarkUsed(ctx, inv.ID, now)
}

// Issue is racy: the repository maps sql.ErrNoRows to ErrNotFound, and
// two requests can both see it.
func (s *Service) Issue(ctx context.Context, code string) error {
	_, err := s.Invites.Get(ctx, code)
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	return s.Invites.Create(ctx, code)
}

// AcceptInTx is racy: the unit of work's transaction does not lock the
// invite it reads.
func (s *Service) AcceptInTx(ctx context.Context, code string, now int64) error {
	return s.UoW.Do(ctx, func(r Invites) error {
		inv, err := r.Get(ctx, code)
		if err != nil {
			return err
		}
		if inv.UsedAt != nil {
			return ErrUsed
		}
		return r.MarkUsed(ctx, inv.ID, now)
	})
}

// AcceptLocked is safe: the read locks the invite in the unit of work's
// transaction.
func (s *Service) AcceptLocked(ctx context.Context, code string, now int64) error {
	return s.UoW.Do(ctx, func(r Invites) error {
		inv, err := r.GetForUpdate(ctx, code)
		if err != nil {
			return err
		}
		if inv.UsedAt != nil {
			return ErrUsed
		}
		return r.MarkUsed(ctx, inv.ID, now)
	})
}
