// Package squirrelsvc builds its SQL with Masterminds/squirrel and runs it
// with RunWith: racelint reads the statement from the builder chain.
package squirrelsvc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	sq "github.com/Masterminds/squirrel"
)

// ErrTaken means another caller claimed the lead first.
var ErrTaken = errors.New("lead already claimed")

// Service is the squirrel-based data layer.
type Service struct{ db *sql.DB }

// New returns a Service.
func New(db *sql.DB) *Service { return &Service{db: db} }

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

// racy: owner_id read through a SELECT builder, checked in Go, written by an UPDATE builder.
func (s *Service) ClaimLeadRacy(ctx context.Context, leadID, userID int64) error {
	var owner sql.NullInt64
	err := psql.Select("owner_id").From("leads").Where(sq.Eq{"id": leadID}).RunWith(s.db).QueryRowContext(ctx).Scan(&owner)
	if err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if owner.Valid {
		return ErrTaken
	}
	_, err = psql.Update("leads").Set("owner_id", userID).Where(sq.Eq{"id": leadID}).RunWith(s.db).Exec() // want "RL001"
	return err
}

// safe: the UPDATE re-checks owner_id IS NULL and its count decides.
func (s *Service) ClaimLead(ctx context.Context, leadID, userID int64) error {
	res, err := psql.Update("leads").Set("owner_id", userID).
		Where(sq.Eq{"id": leadID}).Where("owner_id IS NULL").RunWith(s.db).Exec()
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

// racy: views read, incremented in Go, written back.
func (s *Service) IncrementViewsRacy(postID int64) error {
	var views int64
	if err := sq.Select("views").From("posts").Where("id = ?", postID).RunWith(s.db).Scan(&views); err != nil {
		return err
	}
	_, err := sq.Update("posts").Set("views", views+1).Where("id = ?", postID).RunWith(s.db).Exec() // want "RL003"
	return err
}

// safe: the database increments.
func (s *Service) IncrementViews(postID int64) error {
	_, err := sq.Update("posts").Set("views", sq.Expr("views + ?", 1)).Where("id = ?", postID).RunWith(s.db).Exec()
	return err
}

// racy: looked up, found missing, inserted.
func (s *Service) RecordEventRacy(key string) error {
	var id int64
	err := psql.Select("id").From("events").Where(sq.Eq{"dedup_key": key}).RunWith(s.db).QueryRow().Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = psql.Insert("events").Columns("dedup_key", "created_at").Values(key, time.Now()).RunWith(s.db).Exec() // want "RL002"
	return err
}

// safe: ON CONFLICT DO NOTHING in the builder's suffix.
func (s *Service) RecordEvent(key string) error {
	_, err := psql.Insert("events").Columns("dedup_key", "created_at").Values(key, time.Now()).
		Suffix("ON CONFLICT (dedup_key) DO NOTHING").RunWith(s.db).Exec()
	return err
}

// near-miss: the check is on the author, the write sets the title.
func (s *Service) RenamePost(postID, userID int64, title string) error {
	var author int64
	if err := psql.Select("author_id").From("posts").Where(sq.Eq{"id": postID}).RunWith(s.db).QueryRow().Scan(&author); err != nil {
		return err
	}
	if author != userID {
		return errors.New("not the author")
	}
	_, err := psql.Update("posts").Set("title", title).Where(sq.Eq{"id": postID}).RunWith(s.db).Exec()
	return err
}

// racy: the builder's SQL runs through database/sql (ToSql), not RunWith.
func (s *Service) ClaimLeadToSQL(ctx context.Context, leadID, userID int64) error {
	q, args, err := psql.Select("owner_id").From("leads").Where(sq.Eq{"id": leadID}).ToSql()
	if err != nil {
		return err
	}
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return ErrTaken
	}
	u, uargs, err := psql.Update("leads").Set("owner_id", userID).Where(sq.Eq{"id": leadID}).ToSql()
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, u, uargs...) // want "RL001"
	return err
}
