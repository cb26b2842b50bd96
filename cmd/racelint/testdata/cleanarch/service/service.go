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
	MarkUsed(ctx context.Context, id int64, at int64) error
}

// ErrUsed means the invite was already used.
var ErrUsed = errors.New("invite already used")

// Service accepts invites.
type Service struct{ Invites Invites }

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
