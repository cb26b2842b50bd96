package regressions

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
)

// A PUT handler that first proves the record exists, then replaces the
// variable with the request's body and validates that (gophish's SMTP
// profiles): the validation tests the request, not what was read.

type profile struct {
	ID   int64
	Host string
	Busy bool
}

func (p *profile) Validate() error {
	if p.Host == "" {
		return errors.New("host required")
	}
	return nil
}

func getProfile(ctx context.Context, db *sql.DB, id int64) (profile, error) {
	var p profile
	err := db.QueryRowContext(ctx, `SELECT id, host, busy FROM profiles WHERE id = $1`, id).Scan(&p.ID, &p.Host, &p.Busy)
	return p, err
}

func putProfile(ctx context.Context, db *sql.DB, p *profile) error {
	_, err := db.ExecContext(ctx, `UPDATE profiles SET host = $1, busy = $2 WHERE id = $3`, p.Host, p.Busy, p.ID)
	return err
}

// silent: p is replaced by the body before the check.
func PutProfile(ctx context.Context, db *sql.DB, id int64, body io.Reader) error {
	p, err := getProfile(ctx, db, id)
	if err != nil {
		return err
	}
	p = profile{}
	if err := json.NewDecoder(body).Decode(&p); err != nil {
		return err
	}
	p.ID = id
	if err := p.Validate(); err != nil {
		return err
	}
	return putProfile(ctx, db, &p)
}

// racy twin: the check is on the stored row, which another request can
// change before the write.
func PutIdleProfile(ctx context.Context, db *sql.DB, id int64, host string) error {
	p, err := getProfile(ctx, db, id)
	if err != nil {
		return err
	}
	if p.Busy {
		return errors.New("busy")
	}
	p.Host = host
	if err := p.Validate(); err != nil {
		return err
	}
	return putProfile(ctx, db, &p) // want `RL001 check-then-update`
}
