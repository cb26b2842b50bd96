package regressions

import (
	"context"
	"database/sql"
)

// A parent row locked FOR UPDATE in a helper, then its children listed and
// one inserted under the parent's key as read back from the locked row
// (goalert's escalation steps and their actions): every editor of the
// step's actions queues on the step's lock.

type step struct {
	ID     int64
	Policy int64
}

func stepForUpdate(ctx context.Context, tx *sql.Tx, id int64) (step, error) {
	var s step
	err := tx.QueryRowContext(ctx, `SELECT id, policy_id FROM steps WHERE id = $1 FOR UPDATE`, id).Scan(&s.ID, &s.Policy)
	return s, err
}

func stepPlain(ctx context.Context, tx *sql.Tx, id int64) (step, error) {
	var s step
	err := tx.QueryRowContext(ctx, `SELECT id, policy_id FROM steps WHERE id = $1`, id).Scan(&s.ID, &s.Policy)
	return s, err
}

func actionCount(ctx context.Context, tx *sql.Tx, stepID int64, target string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM step_actions WHERE step_id = $1 AND target = $2`, stepID, target).Scan(&n)
	return n, err
}

func addAction(ctx context.Context, tx *sql.Tx, stepID int64, target string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO step_actions (step_id, target) VALUES ($1, $2)`, stepID, target)
	return err
}

// silent: the step is locked before its actions are read.
func AddStepAction(ctx context.Context, db *sql.DB, id int64, target string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := stepForUpdate(ctx, tx, id)
	if err != nil {
		return err
	}
	n, err := actionCount(ctx, tx, s.ID, target)
	if err != nil {
		return err
	}
	if n == 0 {
		if err := addAction(ctx, tx, s.ID, target); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// racy twin: the step is read without a lock.
func AddStepActionUnlocked(ctx context.Context, db *sql.DB, id int64, target string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := stepPlain(ctx, tx, id)
	if err != nil {
		return err
	}
	n, err := actionCount(ctx, tx, s.ID, target)
	if err != nil {
		return err
	}
	if n == 0 {
		if err := addAction(ctx, tx, s.ID, target); err != nil { // want `RL002 check-then-insert`
			return err
		}
	}
	return tx.Commit()
}
