// Package fixsqlx holds findings with suggested fixes for sqlx.
package fixsqlx

import (
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
)

var errTaken = errors.New("taken")

type Lead struct {
	ID      int64         `db:"id"`
	OwnerID sql.NullInt64 `db:"owner_id"`
}

type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

type Service struct{ db *sqlx.DB }

// RL005 (Beginx, Get): lock the read, or re-check owner_id.
func (s *Service) Claim(leadID, userID int64) error {
	tx, err := s.db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var l Lead
	if err := tx.Get(&l, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID); err != nil {
		return err
	}
	if l.OwnerID.Valid {
		return errTaken
	}
	tx.MustExec(`UPDATE leads SET owner_id = $1 WHERE id = $2`, userID, l.ID) // want "RL005"
	return tx.Commit()
}

// RL003 (Get, MustExec): a.Balance+amount becomes balance = balance + $1.
func (s *Service) Deposit(id, amount int64) error {
	var a Account
	if err := s.db.Get(&a, `SELECT id, balance FROM accounts WHERE id = $1`, id); err != nil {
		return err
	}
	s.db.MustExec(`UPDATE accounts SET balance = $1 WHERE id = $2`, a.Balance+amount, a.ID) // want "RL003"
	return nil
}

const tagsDDL = `CREATE TABLE tags (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE)`

// RL002 (Get, ErrNoRows, MustExec): ON CONFLICT DO NOTHING.
func (s *Service) EnsureTag(name string) error {
	var id int64
	err := s.db.Get(&id, `SELECT id FROM tags WHERE name = $1`, name)
	if errors.Is(err, sql.ErrNoRows) {
		s.db.MustExec(`INSERT INTO tags (name) VALUES ($1)`, name) // want "RL002"
		return nil
	}
	return err
}

// RL001 (Get, pointer): AND opened_at IS NULL.
func (s *Service) Open(id int64) error {
	var e struct {
		ID       int64         `db:"id"`
		OpenedAt *sql.NullTime `db:"opened_at"`
	}
	if err := s.db.Get(&e, `SELECT id, opened_at FROM emails WHERE id = $1`, id); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, err := s.db.Exec(`UPDATE emails SET opened_at = now() WHERE id = $1`, e.ID) // want "RL001"
	return err
}
