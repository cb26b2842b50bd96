package regressions

import (
	"database/sql"
	"errors"
)

// Regression: when a helper's verdict on the read's error
// (successOrAbort(err)) and a direct test of the row (u == nil) both guard
// the insert, the message quoted nothing ("found no row (the value)"): the
// helper's condition sits in an if-init statement the report cannot quote.
// Expected: the direct test is quoted.

type Member struct {
	ID   int64
	Name string
}

func (s *SQLService) memberByName(name string) (*Member, error) {
	m := &Member{}
	err := s.db.QueryRow(`SELECT id, name FROM members WHERE name = $1`, name).Scan(&m.ID, &m.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

func successOrLog(err error) bool {
	return err == nil
}

func (s *SQLService) Join(name string) error {
	existing, err := s.memberByName(name)
	if ok := successOrLog(err); !ok {
		return err
	}
	if existing == nil {
		_, err = s.db.Exec(`INSERT INTO members (name) VALUES ($1)`, name) // want "RL002 check-then-insert: s.db.Exec inserts into members after s.memberByName found none"
	}
	return err
}
