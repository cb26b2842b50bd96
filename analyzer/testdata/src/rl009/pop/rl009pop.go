// Package rl009pop holds RL009 stale-write-back cases for pop: Update
// writes every column of the model.
package rl009pop

import "github.com/gobuffalo/pop/v6"

type Widget struct {
	ID    int
	Name  string
	Stock int
}

type Store struct{ tx *pop.Connection }

// racy: stock is written back as read.
func (s *Store) Rename(id int, name string) error {
	var w Widget
	if err := s.tx.Find(&w, id); err != nil {
		return err
	}
	w.Name = name
	return s.tx.Update(&w) // want "RL009"
}

// safe: only the named columns are written.
func (s *Store) RenameColumns(id int, name string) error {
	var w Widget
	if err := s.tx.Find(&w, id); err != nil {
		return err
	}
	w.Name = name
	return s.tx.UpdateColumns(&w, "name")
}
