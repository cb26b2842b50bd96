package bunsvc

import (
	"context"
	"fmt"
)

// racy: views+1 is computed in Go from the post read and written back;
// concurrent views are lost.
func (s *Service) IncrementViewsRacy(ctx context.Context, postID int64) error {
	var p Post
	if err := s.db.NewSelect().Model(&p).Where("id = ?", postID).Scan(ctx); err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if _, err := s.db.NewUpdate().Model(&p).Set("views = ?", p.Views+1).WherePK().Exec(ctx); err != nil { // want "RL003"
		return fmt.Errorf("count view %d: %w", postID, err)
	}
	return nil
}

// safe: atomic SET views = views + 1.
func (s *Service) IncrementViews(ctx context.Context, postID int64) error {
	res, err := s.db.NewUpdate().Model((*Post)(nil)).Set("views = views + 1").Where("id = ?", postID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("count view %d: %w", postID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrNotFound
	}
	return nil
}

// near-miss: AuthorID is an authorization check and the write sets title; no
// checked column is written.
func (s *Service) RenamePost(ctx context.Context, postID, userID int64, title string) error {
	var p Post
	if err := s.db.NewSelect().Model(&p).Where("id = ?", postID).Scan(ctx); err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if p.AuthorID != userID {
		return ErrForbidden
	}
	if _, err := s.db.NewUpdate().Model(&p).Set("title = ?", title).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("rename post %d: %w", postID, err)
	}
	return nil
}
