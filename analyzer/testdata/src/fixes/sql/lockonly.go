package fixsql

import (
	"context"
	"database/sql"
)

// RL005 on a status: only the lock is mechanical.
func (s *Service) Start(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, "SELECT status\nFROM jobs\nWHERE id = $1\n", jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

const selectJob = `SELECT status FROM jobs WHERE id = $1`

// RL005 with the SQL in a constant: no fix, other statements may share it.
func (s *Service) StartConst(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, selectJob, jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1`, jobID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// RL005 after count(*): FOR UPDATE is not allowed with aggregates, so no fix.
func (s *Service) Reserve(ctx context.Context, eventID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var seats int
	if err := tx.QueryRowContext(ctx, `SELECT seats FROM events WHERE id = $1 GROUP BY seats`, eventID).Scan(&seats); err != nil {
		return err
	}
	if seats <= 0 {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET seats = 0 WHERE id = $1`, eventID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}
