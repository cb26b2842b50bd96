package bunsvc

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// racy: status is checked inside RunInTx, but the read is a plain SELECT at
// READ COMMITTED; two workers both see "pending".
func (s *Service) StartJobTxRacy(ctx context.Context, jobID int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var j Job
		if err := tx.NewSelect().Model(&j).Where("id = ?", jobID).Scan(ctx); err != nil {
			return fmt.Errorf("load job %d: %w", jobID, err)
		}
		if j.Status != "pending" {
			return ErrNotPending
		}
		if _, err := tx.NewUpdate().Model(&j).Set("status = ?", "running").Set("started_at = ?", time.Now()).WherePK().Exec(ctx); err != nil { // want "RL005"
			return fmt.Errorf("start job %d: %w", jobID, err)
		}
		return nil
	})
}

// safe: SELECT ... FOR UPDATE in the same transaction as the UPDATE.
func (s *Service) StartJobTx(ctx context.Context, jobID int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var j Job
		if err := tx.NewSelect().Model(&j).Where("id = ?", jobID).For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("load job %d: %w", jobID, err)
		}
		if j.Status != "pending" {
			return ErrNotPending
		}
		if _, err := tx.NewUpdate().Model(&j).Set("status = ?", "running").Set("started_at = ?", time.Now()).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("start job %d: %w", jobID, err)
		}
		return nil
	})
}

// racy: balance-amount is computed from a plain read inside BeginTx and
// written back; two debits both pass the check and one is lost.
func (s *Service) DebitTxRacy(ctx context.Context, accountID, amount int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	var a Account
	if err := tx.NewSelect().Model(&a).Where("id = ?", accountID).Scan(ctx); err != nil {
		return fmt.Errorf("load account %d: %w", accountID, err)
	}
	if a.Balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.NewUpdate().Model(&a).Set("balance = ?", a.Balance-amount).WherePK().Exec(ctx); err != nil { // want "RL005"
		return fmt.Errorf("debit account %d: %w", accountID, err)
	}
	return tx.Commit()
}

// safe: one conditional, atomic UPDATE whose RowsAffected is checked.
func (s *Service) Debit(ctx context.Context, accountID, amount int64) error {
	res, err := s.db.NewUpdate().Model((*Account)(nil)).
		Set("balance = balance - ?", amount).
		Where("id = ? AND balance >= ?", accountID, amount).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("debit account %d: %w", accountID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("debit account %d: %w", accountID, err)
	}
	if n == 0 {
		return ErrInsufficientFunds
	}
	return nil
}
