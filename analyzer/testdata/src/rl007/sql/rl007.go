// Package rl007sql holds RL007 serializable-without-retry cases for database/sql.
package rl007sql

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

type Service struct{ db *sql.DB }

// racy: Serializable once.
func (s *Service) Once(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE counters SET n = n + 1 WHERE id = 1`); err != nil {
		return err
	}
	return tx.Commit()
}

// racy: Repeatable Read, options in a variable.
func (s *Service) RepeatableOnce(ctx context.Context) error {
	opts := &sql.TxOptions{Isolation: sql.LevelRepeatableRead}
	tx, err := s.db.BeginTx(ctx, opts) // want "RL007"
	if err != nil {
		return err
	}
	return tx.Commit()
}

// safe: retried in a loop on 40001.
func (s *Service) Loop(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		err = tx.Commit()
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return nil
}

// safe: begun inside a function literal passed to a retry helper.
func (s *Service) Helper(ctx context.Context) error {
	return retryTx(func() error {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// safe: the options are built outside the retried closure that begins the
// transaction (a free variable of the closure).
func (s *Service) HelperOpts(ctx context.Context) error {
	opts := &sql.TxOptions{Isolation: sql.LevelSerializable}
	return retryTx(func() error {
		tx, err := s.db.BeginTx(ctx, opts)
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

// safe: the function looks at SQLSTATE 40001 itself.
func (s *Service) Inspects(ctx context.Context) (retry bool, err error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return false, err
	}
	err = tx.Commit()
	if err != nil && strings.Contains(err.Error(), "40001") {
		return true, err
	}
	return false, err
}

// near-miss: default isolation.
func (s *Service) Default(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return tx.Commit()
}

// near-miss: explicit READ COMMITTED.
func (s *Service) ReadCommitted(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	return tx.Commit()
}

func retryTx(fn func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}

// silent: a read-only Repeatable Read report reads one snapshot and
// cannot fail with 40001 (goalert's on-call report).
func (s *Service) ReadOnlyReport(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

// racy twin: the same level read-write.
func (s *Service) WritableReport(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: false}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

// transferer stands for a driver interface whose implementations begin
// the transaction; the retry loop is in its caller.
type transferer interface {
	Transfer(ctx context.Context) error
	Audit(ctx context.Context) error
	IsRetryable(err error) bool
}

// mover retries Transfer through the interface until the driver says the
// error is not retryable.
type mover struct{ drv transferer }

func (m *mover) Move(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = m.drv.Transfer(ctx)
		if err == nil || !m.drv.IsRetryable(err) {
			return err
		}
	}
	return err
}

// Audit is called once.
func (m *mover) Audit(ctx context.Context) error { return m.drv.Audit(ctx) }

type driver struct{ db *sql.DB }

func (d *driver) IsRetryable(err error) bool { return errors.Is(err, errConflict) }

var errConflict = errors.New("conflict")

// silent: mover.Move retries it through the interface.
func (d *driver) Transfer(ctx context.Context) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

// racy twin: the same transaction, called from no retry loop.
func (d *driver) Audit(ctx context.Context) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}

// silent: a retry helper runs the literal that calls it again.
func (s *Service) Retried(ctx context.Context, d *driver) error {
	return withRetry(func() error { return d.Batch(ctx) })
}

func withRetry(fn func() error) error { return fn() }

func (d *driver) Batch(ctx context.Context) error {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit()
}
