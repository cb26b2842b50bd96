package entproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent/account"
)

// WithdrawRacy is racy (RL003): Balance is checked and decremented in Go,
// then written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	a, err := s.client.Account.Get(ctx, int(accountID))
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if a.Balance < amount {
		return false, nil
	}
	if err := s.client.Account.UpdateOneID(a.ID).SetBalance(a.Balance - amount).Exec(ctx); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: AddBalance(-amount) (SET balance = balance - $1)
// whose WHERE re-checks the funds (BalanceGTE); the count Save returns
// decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	n, err := s.client.Account.Update().Where(account.ID(int(accountID)), account.BalanceGTE(amount)).AddBalance(-amount).Save(ctx)
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return n == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back share a
// default-isolation (READ COMMITTED) transaction, but the read takes no
// lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	a, err := tx.Account.Get(ctx, int(accountID))
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if a.Balance < amount {
		return false, nil
	}
	if err := tx.Account.UpdateOneID(a.ID).SetBalance(a.Balance - amount).Exec(ctx); err != nil { // want "RL005"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}

// WithdrawLocked is atomic: the read is SELECT ... FOR UPDATE (ForUpdate)
// in the same transaction as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	a, err := tx.Account.Query().Where(account.ID(int(accountID))).ForUpdate().Only(ctx)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if a.Balance < amount {
		return false, nil
	}
	if err := tx.Account.UpdateOneID(a.ID).SetBalance(a.Balance - amount).Exec(ctx); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}

// WithdrawSerializable is atomic: a Serializable transaction (BeginTx)
// begun inside a loop that retries it on SQLSTATE 40001.
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		tx, err := s.client.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return false, fmt.Errorf("begin: %w", err)
		}
		a, err := tx.Account.Get(ctx, int(accountID))
		pause()
		if err == nil && a.Balance < amount {
			_ = tx.Rollback()
			return false, nil
		}
		if err == nil {
			err = tx.Account.UpdateOneID(a.ID).SetBalance(a.Balance - amount).Exec(ctx)
		}
		if err == nil {
			err = tx.Commit()
		}
		if err == nil {
			return true, nil
		}
		_ = tx.Rollback()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40001" {
			return false, fmt.Errorf("withdraw %d: %w", accountID, err)
		}
		backoff(attempt)
	}
	return false, ErrContention
}

// WithdrawSerializableOnce is racy (RL007): a Serializable transaction
// without a retry, so a serialization failure (40001) reaches the caller.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.client.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	a, err := tx.Account.Get(ctx, int(accountID))
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if a.Balance < amount {
		return false, nil
	}
	if err := tx.Account.UpdateOneID(a.ID).SetBalance(a.Balance - amount).Exec(ctx); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}
