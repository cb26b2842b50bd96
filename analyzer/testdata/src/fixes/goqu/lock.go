package fixgoqu

import (
	"errors"

	"github.com/doug-martin/goqu/v9"
)

var errTaken = errors.New("taken")

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

type Service struct{ db *goqu.Database }

// RL005: ForUpdate(exp.Wait) goes before ScanStruct, and exp is imported.
func (s *Service) Start(id int64) error {
	return s.db.WithTx(func(tx *goqu.TxDatabase) error {
		var j Job
		if _, err := tx.From("jobs").Where(goqu.C("id").Eq(id)).ScanStruct(&j); err != nil {
			return err
		}
		if j.Status != "pending" {
			return errTaken
		}
		_, err := tx.Update("jobs").Set(goqu.Record{"status": "running"}).Where(goqu.C("id").Eq(id)).Executor().Exec() // want "RL005"
		return err
	})
}
