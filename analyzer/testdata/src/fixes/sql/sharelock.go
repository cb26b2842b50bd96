package fixsql

import "context"

// RL005 after FOR SHARE: the share lock becomes FOR UPDATE.
func (s *Service) StartShared(ctx context.Context, jobID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1 FOR SHARE`, jobID).Scan(&status); err != nil {
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

// RL005 after MySQL's LOCK IN SHARE MODE.
func (s *Service) StartSharedMySQL(jobID int64) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRow("SELECT status FROM jobs WHERE id = ? LOCK IN SHARE MODE", jobID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errTaken
	}
	if _, err := tx.Exec("UPDATE jobs SET status = 'running' WHERE id = ?", jobID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}
