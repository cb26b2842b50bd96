package sqlxsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: views+1 is computed in Go from the post read and written back; concurrent views are lost.
func (s *Service) IncrementViewsRacy(ctx context.Context, postID int64) error {
	var p Post
	if err := s.db.GetContext(ctx, &p, `SELECT id, author_id, title, views FROM posts WHERE id = $1`, postID); err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if _, err := s.db.ExecContext(ctx, s.db.Rebind(`UPDATE posts SET views = ? WHERE id = ?`), p.Views+1, p.ID); err != nil { // want "RL003"
		return fmt.Errorf("count view %d: %w", postID, err)
	}
	return nil
}

// safe: atomic SET views = views + 1.
func (s *Service) IncrementViews(ctx context.Context, postID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE posts SET views = views + 1 WHERE id = $1`, postID)
	if err != nil {
		return fmt.Errorf("count view %d: %w", postID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("count view %d: %w", postID, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// near-miss: p.AuthorID is an authorization check, the write sets title: no checked column is written.
func (s *Service) RenamePost(ctx context.Context, postID, userID int64, title string) error {
	var p Post
	if err := s.db.GetContext(ctx, &p, `SELECT id, author_id, title, views FROM posts WHERE id = $1`, postID); err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if p.AuthorID != userID {
		return ErrForbidden
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE posts SET title = $1, updated_at = $2 WHERE id = $3`, title, time.Now(), p.ID); err != nil {
		return fmt.Errorf("rename post %d: %w", postID, err)
	}
	return nil
}
