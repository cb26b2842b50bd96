package regressions

import (
	"database/sql"
	"errors"
	"os"
)

// Regression: a read and an insert of the same table deep inside two
// helpers, each keyed by a value the caller cannot see, were taken to touch
// the same row (casdoor: "AddUser inserts into Provider when
// GetProvider found no row", 34 such reports). Expected: no finding unless
// the keys are known to match; a keyless read in the function itself still
// guards its own insert.

type Setting struct {
	ID   int64
	Name string
}

func (s *SQLService) regionSetting() (*Setting, error) {
	st := &Setting{}
	err := s.db.QueryRow(`SELECT id, name FROM settings WHERE name = $1`, os.Getenv("REGION")).Scan(&st.ID, &st.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return st, err
}

func (s *SQLService) recordHost() error {
	_, err := s.db.Exec(`INSERT INTO settings (name) VALUES ($1)`, os.Getenv("HOSTNAME"))
	return err
}

// near-miss: different rows as far as anyone can tell.
func (s *SQLService) Boot() error {
	st, err := s.regionSetting()
	if err != nil {
		return err
	}
	if st == nil {
		return s.recordHost()
	}
	return nil
}

// racy: a keyless count in this function guards its own insert.
func (s *SQLService) SeedFirstSetting() error {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM settings`).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := s.db.Exec(`INSERT INTO settings (name) VALUES ('default')`) // want "RL002"
		return err
	}
	return nil
}
