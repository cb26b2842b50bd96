// Package configifaces holds use cases over the domain ports, analysed
// with interfaces: [configifaces/domain.Vouchers=vouchers,
// configifaces/domain.Accounts] and no implementation in sight.
package configifaces

import (
	"context"
	"errors"

	"configifaces/domain"
)

var errUsed = errors.New("used")

type Service struct {
	vouchers domain.Vouchers
	accounts domain.Accounts
}

// racy: ByCode is a read, MarkRedeemed an update of the same key.
func (s *Service) Redeem(ctx context.Context, code string) error {
	v, err := s.vouchers.ByCode(ctx, code)
	if err != nil {
		return err
	}
	if v.Redeemed {
		return errUsed
	}
	return s.vouchers.MarkRedeemed(ctx, v.ID) // want "RL001"
}

// safe: a method named for a locking read gets no role, so nothing is
// inferred about its read.
func (s *Service) RedeemLocked(ctx context.Context, code string) error {
	v, err := s.vouchers.ByCodeForUpdate(ctx, code)
	if err != nil {
		return err
	}
	if v.Redeemed {
		return errUsed
	}
	return s.vouchers.MarkRedeemed(ctx, v.ID)
}

// safe: a write that returns a verdict (the conditional update's won
// flag) gets no role.
func (s *Service) RedeemOnce(ctx context.Context, code string) error {
	v, err := s.vouchers.ByCode(ctx, code)
	if err != nil {
		return err
	}
	won, err := s.vouchers.RedeemIfUnused(ctx, v.ID)
	if err != nil || !won {
		return errUsed
	}
	return nil
}

// near miss: a method whose name says nothing is opaque.
func (s *Service) Poke(ctx context.Context, code string) error {
	v, err := s.vouchers.ByCode(ctx, code)
	if err != nil || v.Redeemed {
		return err
	}
	return s.vouchers.Frobnicate(ctx, v.ID)
}

// racy: the account read, checked and saved whole.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	a, err := s.accounts.Get(ctx, id)
	if err != nil {
		return err
	}
	if a.Balance < amount {
		return errors.New("insufficient funds")
	}
	a.Balance -= amount
	return s.accounts.Save(ctx, a) // want "RL001"
}

// racy: the error variable declared beside the interface is its
// not-found error.
func (s *Service) Issue(ctx context.Context, code string) error {
	_, err := s.vouchers.ByCode(ctx, code)
	if !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	return s.vouchers.Create(ctx, code) // want "RL002"
}

// near miss: an error of this package says nothing about the row.
func (s *Service) IssueUnlessUsed(ctx context.Context, code string) error {
	_, err := s.vouchers.ByCode(ctx, code)
	if !errors.Is(err, errUsed) {
		return err
	}
	return s.vouchers.Create(ctx, code)
}
