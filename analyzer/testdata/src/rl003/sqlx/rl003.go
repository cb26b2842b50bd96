// Package rl003sqlx holds RL003 lost-update cases for sqlx.
package rl003sqlx

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Post struct {
	ID    int64 `db:"id"`
	Views int64 `db:"views"`
	Likes int64 `db:"likes"`
}

type Service struct{ db *sqlx.DB }

// racy: Get into struct, field+1 written back.
func (s *Service) View(ctx context.Context, id int64) error {
	var p Post
	if err := s.db.GetContext(ctx, &p, `SELECT id, views FROM posts WHERE id = $1`, id); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, p.Views+1, p.ID) // want "RL003"
	return err
}

// racy: field modified in place, MustExec with Rebind.
func (s *Service) Like(id int64) {
	var p Post
	if err := s.db.Get(&p, s.db.Rebind(`SELECT id, likes FROM posts WHERE id = ?`), id); err != nil {
		return
	}
	p.Likes++
	s.db.MustExec(s.db.Rebind(`UPDATE posts SET likes = ? WHERE id = ?`), p.Likes, p.ID) // want "RL003"
}

// safe: atomic increment.
func (s *Service) LikeAtomic(id int64) {
	s.db.MustExec(s.db.Rebind(`UPDATE posts SET likes = likes + 1 WHERE id = ?`), id)
}

// safe: FOR UPDATE in the same Beginx tx.
func (s *Service) ViewLocked(id int64) error {
	tx, err := s.db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var p Post
	if err := tx.Get(&p, `SELECT id, views FROM posts WHERE id = $1 FOR UPDATE`, id); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE posts SET views = $1 WHERE id = $2`, p.Views+1, p.ID); err != nil {
		return err
	}
	return tx.Commit()
}

// near-miss: value from the caller.
func (s *Service) SetViews(ctx context.Context, id, views int64) error {
	var p Post
	if err := s.db.GetContext(ctx, &p, `SELECT id, views FROM posts WHERE id = $1`, id); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views, p.ID)
	return err
}
