package sqproof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	sq "github.com/Masterminds/squirrel"
	"github.com/jackc/pgx/v5/pgconn"
)

// WithdrawRacy is racy (RL003): balance-amount is computed in Go after a
// Go-side funds check and written back.
func (s *Store) WithdrawRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	var balance int64
	err = psql.Select("balance").From("accounts").Where(sq.Eq{"id": accountID}).RunWith(s.db).QueryRowContext(ctx).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := psql.Update("accounts").Set("balance", balance-amount).Where(sq.Eq{"id": accountID}).RunWith(s.db).ExecContext(ctx); err != nil { // want "RL003"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, nil
}

// Withdraw is atomic: Set("balance", sq.Expr("balance - ?")) whose WHERE
// re-checks the funds; the affected-row count decides.
func (s *Store) Withdraw(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	pause()
	res, err := psql.Update("accounts").Set("balance", sq.Expr("balance - ?", amount)).Where(sq.Eq{"id": accountID}).Where("balance >= ?", amount).RunWith(s.db).ExecContext(ctx)
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return n == 1, nil
}

// WithdrawTxRacy is racy (RL005): read, check and write-back run with
// RunWith(tx) in one default-isolation (READ COMMITTED) transaction, but
// the SELECT takes no lock.
func (s *Store) WithdrawTxRacy(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var balance int64
	err = psql.Select("balance").From("accounts").Where(sq.Eq{"id": accountID}).RunWith(tx).QueryRowContext(ctx).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := psql.Update("accounts").Set("balance", balance-amount).Where(sq.Eq{"id": accountID}).RunWith(tx).ExecContext(ctx); err != nil { // want "RL005"
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}

// WithdrawLocked is atomic: Suffix("FOR UPDATE") on the read, in the same
// transaction as the write-back.
func (s *Store) WithdrawLocked(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var balance int64
	err = psql.Select("balance").From("accounts").Where(sq.Eq{"id": accountID}).Suffix("FOR UPDATE").RunWith(tx).QueryRowContext(ctx).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := psql.Update("accounts").Set("balance", balance-amount).Where(sq.Eq{"id": accountID}).RunWith(tx).ExecContext(ctx); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}

// WithdrawSerializable is atomic: a Serializable transaction begun inside a
// loop that retries on SQLSTATE 40001.
func (s *Store) WithdrawSerializable(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return false, fmt.Errorf("begin: %w", err)
		}
		var balance int64
		err = psql.Select("balance").From("accounts").Where(sq.Eq{"id": accountID}).RunWith(tx).QueryRowContext(ctx).Scan(&balance)
		pause()
		if err == nil && balance < amount {
			_ = tx.Rollback()
			return false, nil
		}
		if err == nil {
			_, err = psql.Update("accounts").Set("balance", balance-amount).Where(sq.Eq{"id": accountID}).RunWith(tx).ExecContext(ctx)
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

// WithdrawSerializableOnce is racy (RL007): Serializable without a retry,
// so a serialization failure (40001) reaches the caller as an error.
func (s *Store) WithdrawSerializableOnce(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var balance int64
	err = psql.Select("balance").From("accounts").Where(sq.Eq{"id": accountID}).RunWith(tx).QueryRowContext(ctx).Scan(&balance)
	pause()
	if err != nil {
		return false, fmt.Errorf("load account %d: %w", accountID, err)
	}
	if balance < amount {
		return false, nil
	}
	if _, err := psql.Update("accounts").Set("balance", balance-amount).Where(sq.Eq{"id": accountID}).RunWith(tx).ExecContext(ctx); err != nil {
		return false, fmt.Errorf("withdraw %d: %w", accountID, err)
	}
	return true, tx.Commit()
}
