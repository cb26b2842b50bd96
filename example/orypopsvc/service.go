// Package orypopsvc is popsvc on ory's fork of pop (github.com/ory/pop/v6,
// the data layer of Kratos, Hydra and Keto): the same API, read as
// gobuffalo/pop v6.
package orypopsvc

import (
	"errors"
	"fmt"

	"github.com/ory/pop/v6"
)

var ErrNotPending = errors.New("job is not pending")

type Service struct{ db *pop.Connection }

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

// StartJob is racy: the status is checked in Go, then the model updated.
func (s *Service) StartJob(id int64) error {
	var j Job
	if err := s.db.Find(&j, id); err != nil {
		return err
	}
	if j.Status != "pending" {
		return ErrNotPending
	}
	j.Status = "running"
	return s.db.UpdateColumns(&j, "status") // want "RL001"
}

// StartJobCond is safe: one conditional UPDATE whose count decides.
func (s *Service) StartJobCond(id int64) error {
	n, err := s.db.RawQuery("UPDATE jobs SET status = 'running' WHERE id = ? AND status = 'pending'", id).ExecWithCount()
	if err != nil {
		return fmt.Errorf("start job %d: %w", id, err)
	}
	if n == 0 {
		return ErrNotPending
	}
	return nil
}
