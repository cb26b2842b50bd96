package regressions

import (
	"context"
	"database/sql"
	"errors"

	"regressions/sqlcgen"
)

// Generated queries built on a transaction (goalert's engine workers):
// sqlcgen.New(tx), q.WithTx(tx) and a transaction from the service's own
// BeginTx wrapper all run in that transaction, and the generated SQL's
// FOR UPDATE, behind its "-- name:" comment, locks the row.

var errTaskTaken = errors.New("task taken")

// txLock stands for an in-house wrapper around BeginTx (a processing lock,
// a tracing helper); what it returns is a transaction.
type txLock struct{ db *sql.DB }

func (l *txLock) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return l.db.BeginTx(ctx, opts)
}

type taskService struct {
	db   *sql.DB
	lock *txLock
	q    *sqlcgen.Queries
}

// silent: the row is read FOR UPDATE in the transaction the write runs in.
func (s *taskService) ClaimLocked(ctx context.Context, id, me int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := sqlcgen.New(tx)
	t, err := q.TaskForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	if err := q.SetOwner(ctx, t.ID, me); err != nil {
		return err
	}
	return tx.Commit()
}

// racy twin: the same transaction, read without a lock.
func (s *taskService) ClaimUnlocked(ctx context.Context, id, me int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := sqlcgen.New(tx)
	t, err := q.TaskPlain(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	if err := q.SetOwner(ctx, t.ID, me); err != nil { // want `RL005 tx-without-lock: q.SetOwner writes tasks after .t.Owner.Valid., read in this tx unlocked`
		return err
	}
	return tx.Commit()
}

// silent: a batch claimed FOR UPDATE SKIP LOCKED in a transaction from the
// service's own BeginTx; two workers get disjoint rows.
func (s *taskService) ClaimBatch(ctx context.Context, me int64) error {
	tx, err := s.lock.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := sqlcgen.New(tx)
	rows, err := q.Missing(ctx)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := q.SetOwner(ctx, r.ID, me); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// racy twin: the wrapper's transaction, the row read without a lock.
func (s *taskService) ClaimWrappedUnlocked(ctx context.Context, id, me int64) error {
	tx, err := s.lock.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := sqlcgen.New(tx)
	t, err := q.TaskPlain(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	if err := q.SetOwner(ctx, t.ID, me); err != nil { // want `RL005 tx-without-lock`
		return err
	}
	return tx.Commit()
}

// silent: q.WithTx(tx) and a locking read.
func (s *taskService) ClaimWithTx(ctx context.Context, id, me int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := s.q.WithTx(tx)
	t, err := q.TaskForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	if err := q.SetOwner(ctx, t.ID, me); err != nil {
		return err
	}
	return tx.Commit()
}

// silent: the caller's transaction, a locking read.
func (s *taskService) ClaimInTx(ctx context.Context, tx *sql.Tx, id, me int64) error {
	q := sqlcgen.New(tx)
	t, err := q.TaskForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	return q.SetOwner(ctx, t.ID, me)
}

// racy twin: the caller's transaction, no lock.
func (s *taskService) ClaimInTxUnlocked(ctx context.Context, tx *sql.Tx, id, me int64) error {
	q := sqlcgen.New(tx)
	t, err := q.TaskPlain(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	return q.SetOwner(ctx, t.ID, me) // want `RL005 tx-without-lock`
}

// racy: FOR UPDATE outside a transaction locks nothing past its own
// statement.
func (s *taskService) ClaimNoTx(ctx context.Context, id, me int64) error {
	q := sqlcgen.New(s.db)
	t, err := q.TaskForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	return q.SetOwner(ctx, t.ID, me) // want `RL001 check-then-update`
}

// silent: LOCK TABLE behind sqlc's "-- name:" comment serialises the
// transaction's writers (goalert's keyring re-encryption).
func (s *taskService) ClaimTableLocked(ctx context.Context, id, me int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q := sqlcgen.New(tx)
	if err := q.LockTasks(ctx); err != nil {
		return err
	}
	t, err := q.TaskPlain(ctx, id)
	if err != nil {
		return err
	}
	if t.Owner.Valid {
		return errTaskTaken
	}
	if err := q.SetOwner(ctx, t.ID, me); err != nil {
		return err
	}
	return tx.Commit()
}

// silent: the same lock spelled in a commented statement on tx directly.
func (s *taskService) ClaimTableLockedDirect(ctx context.Context, id, me int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "-- name: LockTasks :exec\nLOCK TABLE tasks IN ACCESS EXCLUSIVE MODE"); err != nil {
		return err
	}
	var owner sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT owner FROM tasks WHERE id = $1`, id).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaskTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tasks SET owner = $1 WHERE id = $2`, me, id); err != nil {
		return err
	}
	return tx.Commit()
}

// racy twin: a comment that only mentions the lock takes none.
func (s *taskService) ClaimLockMentioned(ctx context.Context, id, me int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "-- LOCK TABLE tasks would serialise this\nSELECT 1"); err != nil {
		return err
	}
	var owner sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT owner FROM tasks WHERE id = $1`, id).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return errTaskTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tasks SET owner = $1 WHERE id = $2`, me, id); err != nil { // want `RL005 tx-without-lock`
		return err
	}
	return tx.Commit()
}
