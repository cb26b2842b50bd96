package gormsvc

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// racy: Views+1 is computed in Go from the loaded post and written back; concurrent views are lost.
func (s *Service) IncrementViewsRacy(ctx context.Context, postID int64) error {
	var post Post
	if err := s.db.WithContext(ctx).First(&post, postID).Error; err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if err := s.db.WithContext(ctx).Model(&post).Update("views", post.Views+1).Error; err != nil { // want "RL003"
		return fmt.Errorf("count view %d: %w", postID, err)
	}
	return nil
}

// safe: atomic gorm.Expr("views + ?", 1).
func (s *Service) IncrementViews(ctx context.Context, postID int64) error {
	res := s.db.WithContext(ctx).Model(&Post{}).Where("id = ?", postID).UpdateColumn("views", gorm.Expr("views + ?", 1))
	if res.Error != nil {
		return fmt.Errorf("count view %d: %w", postID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// near-miss: post.AuthorID is an authorization check, the write sets title: no checked column is written.
func (s *Service) RenamePost(ctx context.Context, postID, userID int64, title string) error {
	var post Post
	if err := s.db.WithContext(ctx).First(&post, postID).Error; err != nil {
		return fmt.Errorf("load post %d: %w", postID, err)
	}
	if post.AuthorID != userID {
		return ErrForbidden
	}
	if err := s.db.WithContext(ctx).Model(&post).Update("title", title).Error; err != nil {
		return fmt.Errorf("rename post %d: %w", postID, err)
	}
	return nil
}
