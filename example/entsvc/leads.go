package entsvc

import (
	"context"
	"database/sql"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/racelint/racelint/example/entsvc/ent"
	"github.com/racelint/racelint/example/entsvc/ent/lead"
)

// racy: the lead is read and claimed in a transaction, but the read does
// not lock it: at READ COMMITTED two owners both see it unclaimed.
func (s *Service) ClaimTxRacy(ctx context.Context, leadID, ownerID int) error {
	return WithTx(ctx, s.client, func(tx *ent.Tx) error {
		l, err := tx.Lead.Get(ctx, leadID)
		if err != nil {
			return fmt.Errorf("load lead %d: %w", leadID, err)
		}
		if l.OwnerID != nil {
			return ErrAlreadyClaimed
		}
		return tx.Lead.UpdateOneID(leadID).SetOwnerID(ownerID).Exec(ctx) // want "RL005"
	})
}

// safe: SELECT ... FOR UPDATE in the same transaction as the UPDATE.
func (s *Service) ClaimTx(ctx context.Context, leadID, ownerID int) error {
	return WithTx(ctx, s.client, func(tx *ent.Tx) error {
		l, err := tx.Lead.Query().Where(lead.ID(leadID)).ForUpdate().Only(ctx)
		if err != nil {
			return fmt.Errorf("load lead %d: %w", leadID, err)
		}
		if l.OwnerID != nil {
			return ErrAlreadyClaimed
		}
		return tx.Lead.UpdateOneID(leadID).SetOwnerID(ownerID).Exec(ctx)
	})
}

// safe: UpdateOne with the state re-checked in its WHERE fails with a
// not-found error when another owner won, and that error is returned.
func (s *Service) Claim(ctx context.Context, leadID, ownerID int) error {
	err := s.client.Lead.UpdateOneID(leadID).Where(lead.OwnerIDIsNil()).SetOwnerID(ownerID).Exec(ctx)
	if ent.IsNotFound(err) {
		return ErrAlreadyClaimed
	}
	return err
}

// racy: a claim of one lead that re-checks owner_id IS NULL, but whose
// result nobody looks at: every caller believes it won.
func (s *Service) ClaimUnchecked(ctx context.Context, leadID, ownerID int) {
	_ = s.client.Lead.UpdateOneID(leadID).Where(lead.OwnerIDIsNil()).SetOwnerID(ownerID).Exec(ctx) // want "RL004"
}

// racy: a status transition checked in Go inside an explicit transaction.
func (s *Service) StartRacy(ctx context.Context, leadID int) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	l, err := tx.Lead.Query().Where(lead.ID(leadID)).Only(ctx)
	if err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if l.Status != "pending" {
		return ErrNotPending
	}
	if err := tx.Lead.UpdateOne(l).SetStatus("working").Exec(ctx); err != nil { // want "RL005"
		return fmt.Errorf("start lead %d: %w", leadID, err)
	}
	return tx.Commit()
}

// safe: a Serializable transaction begun inside the loop that retries it.
func (s *Service) Start(ctx context.Context, leadID int) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var tx *ent.Tx
		tx, err = s.client.BeginTx(ctx, &entsql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		var l *ent.Lead
		l, err = tx.Lead.Get(ctx, leadID)
		if err == nil && l.Status != "pending" {
			_ = tx.Rollback()
			return ErrNotPending
		}
		if err == nil {
			err = tx.Lead.UpdateOneID(leadID).SetStatus("working").Exec(ctx)
		}
		if err == nil {
			err = tx.Commit()
		}
		if err == nil {
			return nil
		}
		_ = tx.Rollback()
	}
	return fmt.Errorf("start lead %d: %w", leadID, err)
}

// racy: a Serializable transaction that nothing retries.
func (s *Service) ReopenSerializable(ctx context.Context, leadID int) error {
	tx, err := s.client.BeginTx(ctx, &entsql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := tx.Lead.UpdateOneID(leadID).SetStatus("pending").ClearOwnerID().Exec(ctx); err != nil {
		return fmt.Errorf("reopen lead %d: %w", leadID, err)
	}
	return tx.Commit()
}
