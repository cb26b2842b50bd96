package entsvc

import (
	"context"
	"errors"
	"fmt"

	"github.com/racelint/racelint/example/entsvc/ent"
	"github.com/racelint/racelint/example/entsvc/ent/member"
)

// ErrTaken is returned when the email or the handle is in use.
var ErrTaken = errors.New("email or handle taken")

// racy: one lookup ORs the two unique keys, then Create writes both; two
// sign-ups with the same email both find none.
func (s *Service) SignUpRacy(ctx context.Context, email, handle string) (*ent.Member, error) {
	taken, err := s.client.Member.Query().Where(member.Or(member.Email(email), member.Handle(handle))).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", email, err)
	}
	if taken {
		return nil, ErrTaken
	}
	return s.client.Member.Create().SetEmail(email).SetHandle(handle).Save(ctx) // want "RL002"
}

// safe: the unique constraints decide; the loser's constraint error is
// the answer.
func (s *Service) SignUp(ctx context.Context, email, handle string) (*ent.Member, error) {
	m, err := s.client.Member.Create().SetEmail(email).SetHandle(handle).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, ErrTaken
	}
	return m, err
}

// near-miss: the Or also tests a column that is not a key of the insert
// (a handle prefix), so what the lookup found is not the row Create
// writes.
func (s *Service) SignUpLike(ctx context.Context, email, handle string) (*ent.Member, error) {
	taken, err := s.client.Member.Query().Where(member.Or(member.Email(email), member.HandleHasPrefix(handle))).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", email, err)
	}
	if taken {
		return nil, ErrTaken
	}
	return s.client.Member.Create().SetEmail(email).SetHandle(handle).Save(ctx)
}
