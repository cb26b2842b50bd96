// Package rl002sql holds RL002 check-then-insert cases for database/sql.
package rl002sql

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

type Service struct{ db *sql.DB }

const insertTagSQL = `INSERT INTO tags (name) VALUES ($1)`

// racy: ErrNoRows by errors.Is, then INSERT of the same email.
func (s *Service) EnsureContact(ctx context.Context, email string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email) // want "RL002"
	return err
}

// racy: err == sql.ErrNoRows by ==, INSERT ... RETURNING through QueryRow.
func (s *Service) EnsureTag(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = $1`, name).Scan(&id)
	if err == sql.ErrNoRows {
		err = s.db.QueryRowContext(ctx, `INSERT INTO tags (name) VALUES ($1) RETURNING id`, name).Scan(&id) // want "RL002"
	}
	return id, err
}

// racy: SELECT EXISTS then INSERT from a package-level const.
func (s *Service) Tag(ctx context.Context, name string) error {
	var exists bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tags WHERE name = $1)`, name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := s.db.ExecContext(ctx, insertTagSQL, name) // want "RL002"
	return err
}

// racy: COUNT(*) then INSERT, MySQL placeholders and backquotes.
func (s *Service) Subscribe(listID int64, email string) error {
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM `subscribers` WHERE `email` = ?", email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.db.Exec("INSERT INTO `subscribers` (`list_id`, `email`) VALUES (?, ?)", listID, email) // want "RL002"
	return err
}

// racy: Query + rows.Next() is the check.
func (s *Service) Register(ctx context.Context, username string) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM accounts WHERE username = $1`, username)
	if err != nil {
		return err
	}
	found := rows.Next()
	rows.Close()
	if found {
		return errors.New("taken")
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO accounts (username) VALUES ($1)`, username) // want "RL002"
	return err
}

// racy: the read has no key at all (singleton row).
func (s *Service) InitSettings(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM settings`).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := s.db.ExecContext(ctx, `INSERT INTO settings (theme) VALUES ('light')`) // want "RL002"
		return err
	}
	return nil
}

// safe: ON CONFLICT DO NOTHING.
func (s *Service) EnsureContactOnConflict(ctx context.Context, email string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1) ON CONFLICT (email) DO NOTHING`, email)
	}
	return err
}

// safe: MySQL ON DUPLICATE KEY UPDATE.
func (s *Service) SubscribeUpsert(listID int64, email string) error {
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM `subscribers` WHERE `email` = ?", email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.db.Exec("INSERT INTO `subscribers` (`list_id`, `email`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `list_id` = VALUES(`list_id`)", listID, email)
	return err
}

// safe: MySQL INSERT IGNORE.
func (s *Service) SubscribeIgnore(listID int64, email string) error {
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM `subscribers` WHERE `email` = ?", email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.db.Exec("INSERT IGNORE INTO `subscribers` (`list_id`, `email`) VALUES (?, ?)", listID, email)
	return err
}

// safe: SQLite INSERT OR IGNORE.
func (s *Service) TagSQLite(name string) error {
	var exists bool
	if err := s.db.QueryRow(`SELECT EXISTS (SELECT 1 FROM tags WHERE name = ?)`, name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := s.db.Exec(`INSERT OR IGNORE INTO tags (name) VALUES (?)`, name)
	return err
}

// safe: the insert's error is tested for 23505 through *pgconn.PgError.
func (s *Service) EnsureContactDup(ctx context.Context, email string) (bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return false, nil
	}
	return err == nil, err
}

// safe: Serializable transaction retried on 40001.
func (s *Service) TagSerializable(ctx context.Context, name string) error {
	for {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		var exists bool
		err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tags WHERE name = $1)`, name).Scan(&exists)
		if err == nil && !exists {
			_, err = tx.ExecContext(ctx, insertTagSQL, name)
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
}

// near-miss: not found, then an insert into a different table (audit).
func (s *Service) LogMiss(ctx context.Context, email string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO lookup_misses (email) VALUES ($1)`, email)
	}
	return err
}

// near-miss: the insert does not write the key that was looked up.
func (s *Service) Invite(ctx context.Context, email, other string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, other)
	}
	return err
}

// near-miss: plain err != nil, the insert happens either way.
func (s *Service) Append(ctx context.Context, email string) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE email = $1`, email).Scan(&n); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO contacts (email) VALUES ($1)`, email)
	return err
}

// near-miss: the insert's text is built at run time.
func (s *Service) Dynamic(ctx context.Context, email string, cols []string) error {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM contacts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = s.db.ExecContext(ctx, "INSERT INTO contacts ("+strings.Join(cols, ",")+") VALUES ($1)", email)
	}
	return err
}
