package rl002sql

import (
	"context"
	"database/sql"
	"errors"
)

var errSoldOut = errors.New("sold out")

// racy: at most capacity bookings per show; two requests both count one
// seat left and both book it (write skew: each inserts a row of its own).
func (s *Service) Book(ctx context.Context, showID, userID int64, capacity int) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM bookings WHERE show_id = $1`, showID).Scan(&n); err != nil {
		return err
	}
	if n >= capacity {
		return errSoldOut
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO bookings (show_id, user_id) VALUES ($1, $2)`, showID, userID) // want `RL002 check-then-insert: s.db.ExecContext inserts into bookings after s.db.QueryRowContext compared a count with a limit — lock the parent row before counting`
	return err
}

// safe: the show row is locked before counting, so bookings of one show
// are counted one transaction at a time.
func (s *Service) BookLocked(ctx context.Context, showID, userID int64, capacity int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM shows WHERE id = $1 FOR UPDATE`, showID).Scan(&id); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM bookings WHERE show_id = $1`, showID).Scan(&n); err != nil {
		return err
	}
	if n >= capacity {
		return errSoldOut
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO bookings (show_id, user_id) VALUES ($1, $2)`, showID, userID); err != nil {
		return err
	}
	return tx.Commit()
}

// not a limit: the test of a loop over the rows read is no count against
// a bound; the insert of what is missing stays an ordinary check-then-insert.
func (s *Service) SyncTags(ctx context.Context, postID int64, want []string) error {
	rows, err := s.db.QueryContext(ctx, `SELECT tag FROM post_tags WHERE post_id = $1`, postID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return err
		}
		have = append(have, t)
	}
	for _, t := range want {
		found := false
		for i := 0; i < len(have); i++ {
			if have[i] == t {
				found = true
			}
		}
		if !found {
			if _, err := s.db.ExecContext(ctx, `INSERT INTO post_tags (post_id, tag) VALUES ($1, $2)`, postID, t); err != nil { // want `RL002 check-then-insert: s.db.ExecContext inserts into post_tags after s.db.QueryContext found none`
				return err
			}
		}
	}
	return nil
}

// not a limit either: a range loop over the rows read tests i+1 < len.
func (s *Service) SyncTagsRange(ctx context.Context, postID int64, want []string) error {
	rows, err := s.db.QueryContext(ctx, `SELECT tag FROM post_tags WHERE post_id = $1`, postID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return err
		}
		have = append(have, t)
	}
	for _, t := range want {
		found := false
		for _, h := range have {
			if h == t {
				found = true
			}
		}
		if !found {
			if _, err := s.db.ExecContext(ctx, `INSERT INTO post_tags (post_id, tag) VALUES ($1, $2)`, postID, t); err != nil { // want `RL002 check-then-insert: s.db.ExecContext inserts into post_tags after s.db.QueryContext found none`
				return err
			}
		}
	}
	return nil
}

// racy: the read ORs two keys; the insert writes both, so it is the row
// the read looked for.
func (s *Service) SignUp(ctx context.Context, email, username string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE email = $1 OR username = $2`, email, username).Scan(&id)
	if err == nil {
		return errSoldOut
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO accounts (email, username) VALUES ($1, $2)`, email, username) // want "RL002"
	return err
}

// near-miss: the insert writes only one of the two keys the read ORed.
func (s *Service) SignUpEmailOnly(ctx context.Context, email, username string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE email = $1 OR username = $2`, email, username).Scan(&id)
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO accounts (email) VALUES ($1)`, email)
	return err
}
