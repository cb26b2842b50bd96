package xormmyproof

import (
	"context"
	"errors"
	"fmt"

	"xorm.io/xorm"
)

// WithdrawRacy is racy (RL003): Balance is checked and decremented in Go,
// then written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var acct Account
	has, err := s.engine.Context(ctx).ID(accountID).Get(&acct)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if !has {
		return false, fmt.Errorf("account %d not found", accountID)
	}
	if acct.Balance < amount {
		return false, nil
	}
	acct.Balance -= amount
	if _, err := s.engine.Context(ctx).ID(accountID).Cols("balance").Update(&acct); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: Decr whose WHERE re-checks the funds; the
// affected-row count decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	n, err := s.engine.Context(ctx).Where("id = ? AND balance >= ?", accountID, amount).Decr("balance", amount).Update(&Account{})
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return n == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back share a
// session transaction (MariaDB's default REPEATABLE READ), but the Get is
// a plain snapshot read that takes no lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	sess := s.engine.NewSession()
	defer sess.Close()
	if err := sess.Begin(); err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	var acct Account
	has, err := sess.Context(ctx).ID(accountID).Get(&acct)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if !has {
		return false, fmt.Errorf("account %d not found", accountID)
	}
	if acct.Balance < amount {
		return false, nil
	}
	acct.Balance -= amount
	if _, err := sess.ID(accountID).Cols("balance").Update(&acct); err != nil { // want "RL005"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, sess.Commit()
}

// WithdrawLocked is atomic: ForUpdate on the read, in the same
// Transaction session as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	_, err = s.engine.Transaction(func(sess *xorm.Session) (any, error) {
		var acct Account
		has, err := sess.Context(ctx).ID(accountID).ForUpdate().Get(&acct)
		pause()
		if err != nil {
			return nil, fmt.Errorf("load account %d: %w", accountID, err)
		}
		if !has {
			return nil, fmt.Errorf("account %d not found", accountID)
		}
		if acct.Balance < amount {
			return nil, errInsufficientFunds
		}
		acct.Balance -= amount
		_, err = sess.ID(accountID).Cols("balance").Update(&acct)
		return nil, err
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}

// WithdrawTxFuncRacy is racy (RL005): WithdrawTxRacy written with
// engine.Transaction, the form WithdrawLocked uses, but without ForUpdate:
// the callback's Get is a plain snapshot read.
func (s *Store) WithdrawTxFuncRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	_, err = s.engine.Transaction(func(sess *xorm.Session) (any, error) {
		var acct Account
		has, err := sess.Context(ctx).ID(accountID).Get(&acct)
		pause()
		if err != nil {
			return nil, fmt.Errorf("load account %d: %w", accountID, err)
		}
		if !has {
			return nil, fmt.Errorf("account %d not found", accountID)
		}
		if acct.Balance < amount {
			return nil, errInsufficientFunds
		}
		acct.Balance -= amount
		_, err = sess.ID(accountID).Cols("balance").Update(&acct) // want "RL005"
		return nil, err
	})
	if errors.Is(err, errInsufficientFunds) {
		return false, nil
	}
	return err == nil, err
}
