package dbxsvc

import (
	"strings"

	"github.com/pocketbase/dbx"
)

// Ticket is a support ticket, read and written through dbx's model API:
// its table is what TableName returns, its primary key the field tagged
// db:"pk".
type Ticket struct {
	Key      int64  `db:"pk"`
	Status   string `db:"status"`
	Assignee string `db:"assignee"`
	Notes    string `db:"notes"`
	Views    int64  `db:"views"`
}

// TableName names the table of Ticket.
func (Ticket) TableName() string { return "tickets" }

// racy: Select().Model(pk, &t) reads the ticket, its status is checked in
// Go, and Model(&t).Update writes the transition back by the primary key.
func (s *Service) TakeTicketRacy(id int64, who string) error {
	var t Ticket
	if err := s.db.Select().Model(id, &t); err != nil {
		return err
	}
	if t.Status != "open" {
		return ErrTaken
	}
	t.Status, t.Assignee = "taken", who
	return s.db.Model(&t).Update("status", "assignee") // want "RL001"
}

// safe: the transition as one conditional UPDATE whose count decides.
func (s *Service) TakeTicket(id int64, who string) error {
	res, err := s.db.Update("tickets", dbx.Params{"status": "taken", "assignee": who},
		dbx.And(dbx.HashExp{"key": id}, dbx.HashExp{"status": "open"})).Execute()
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrTaken
	}
	return nil
}

// near-miss: the check tests the status, and the write changes only the
// notes, which the check says nothing about.
func (s *Service) AnnotateTicket(id int64, notes string) error {
	var t Ticket
	if err := s.db.Select().Model(id, &t); err != nil {
		return err
	}
	if t.Status == "closed" {
		return ErrTaken
	}
	t.Notes = notes
	return s.db.Model(&t).Update("notes")
}

// racy: the view count is computed in Go and written back through the
// model.
func (s *Service) ViewTicketRacy(id int64) error {
	var t Ticket
	if err := s.db.Select().Model(id, &t); err != nil {
		return err
	}
	t.Views++
	return s.db.Model(&t).Update("views") // want "RL003"
}

// racy: a count by key, then Model(&t).Insert(): two callers both count 0
// and both insert.
func (s *Service) OpenTicketRacy(key int64) error {
	var n int
	if err := s.db.Select("count(*)").From("tickets").Where(dbx.HashExp{"key": key}).Row(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrTaken
	}
	t := Ticket{Key: key, Status: "open"}
	return s.db.Model(&t).Insert() // want "RL002"
}

// safe: the primary key decides; the loser's duplicate-key error is its
// answer.
func (s *Service) OpenTicket(key int64) error {
	t := Ticket{Key: key, Status: "open"}
	if err := s.db.Model(&t).Insert(); err != nil {
		if strings.Contains(err.Error(), "duplicate key") {
			return ErrTaken
		}
		return err
	}
	return nil
}
