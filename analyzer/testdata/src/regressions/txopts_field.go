package regressions

import (
	"context"
	"database/sql"
	"errors"
)

// Regression (issue 15): the isolation level is held in a struct field
// the constructor sets (opts: &sql.TxOptions{Isolation: Serializable})
// and passed later as db.BeginTx(ctx, s.opts). Expected: the Serializable
// store's check-then-update is not RL005 (RL007 decides whether it is
// retried: this package retries 40001 elsewhere); the store whose field
// asks for Read Committed is RL005.

type LedgerStore struct {
	db   *sql.DB
	opts *sql.TxOptions
}

func NewSerializableLedger(db *sql.DB) *LedgerStore {
	return &LedgerStore{db: db, opts: &sql.TxOptions{Isolation: sql.LevelSerializable}}
}

type ReadCommittedLedger struct {
	db   *sql.DB
	opts *sql.TxOptions
}

func NewReadCommittedLedger(db *sql.DB) *ReadCommittedLedger {
	return &ReadCommittedLedger{db: db, opts: &sql.TxOptions{Isolation: sql.LevelReadCommitted}}
}

var errClosedLedger = errors.New("ledger closed")

func (s *LedgerStore) Close(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, s.opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var state string
	if err := tx.QueryRowContext(ctx, `SELECT state FROM ledgers WHERE id = $1`, id).Scan(&state); err != nil {
		return err
	}
	if state != "open" {
		return errClosedLedger
	}
	if _, err := tx.ExecContext(ctx, `UPDATE ledgers SET state = 'closed' WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *ReadCommittedLedger) Close(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, s.opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var state string
	if err := tx.QueryRowContext(ctx, `SELECT state FROM ledgers WHERE id = $1`, id).Scan(&state); err != nil {
		return err
	}
	if state != "open" {
		return errClosedLedger
	}
	if _, err := tx.ExecContext(ctx, `UPDATE ledgers SET state = 'closed' WHERE id = $1`, id); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}
