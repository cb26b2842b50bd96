package sqlsvc

import (
	"context"
	"fmt"
	"time"
)

// racy: views+1 is computed in Go from the value read and written back; concurrent views are lost.
func (s *Service) IncrementViewsRacy(ctx context.Context, postID int64) error {
	var views int64
	if err := s.db.QueryRowContext(ctx, `SELECT views FROM posts WHERE id = $1`, postID).Scan(&views); err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views+1, postID); err != nil { // want "RL003"
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

// near-miss: post.AuthorID is an authorization check, the write sets title: no checked column is written.
func (s *Service) RenamePost(ctx context.Context, postID, userID int64, title string) error {
	var authorID int64
	if err := s.db.QueryRowContext(ctx, `SELECT author_id FROM posts WHERE id = $1`, postID).Scan(&authorID); err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if authorID != userID {
		return ErrForbidden
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE posts SET title = $1, updated_at = $2 WHERE id = $3`, title, time.Now(), postID); err != nil {
		return fmt.Errorf("rename post %d: %w", postID, err)
	}
	return nil
}
