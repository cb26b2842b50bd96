package regressions

import (
	"context"
	"database/sql"
	"errors"
)

// Cases from a second round on open-source services (answer, gotify).

type Comment struct {
	ID     string
	Status int
	Text   string
}

func (s *SQLService) getComment(ctx context.Context, id string) (*Comment, error) {
	c := &Comment{}
	err := s.db.QueryRowContext(ctx, `SELECT id, status, text FROM comments WHERE status = 1 AND id = $1`, id).Scan(&c.ID, &c.Status, &c.Text)
	return c, err
}

func (s *SQLService) removeComment(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE comments SET status = 10 WHERE id = $1`, id)
	return err
}

// silent: the read's WHERE filters by status, but the write's key is the
// caller's argument and nothing branches on the row.
func (s *SQLService) ShowThenRemove(ctx context.Context, id string) error {
	c, _ := s.getComment(ctx, id)
	println(c.Text)
	return s.removeComment(ctx, id)
}

type Question struct {
	ID     string
	Status int
}

const deleted = 10

func (s *SQLService) getQuestion(ctx context.Context, id string) (*Question, error) {
	q := &Question{}
	err := s.db.QueryRowContext(ctx, `SELECT id, status FROM questions WHERE id = $1`, id).Scan(&q.ID, &q.Status)
	return q, err
}

func (s *SQLService) setQuestionStatus(ctx context.Context, q *Question) error {
	_, err := s.db.ExecContext(ctx, `UPDATE questions SET status = $1 WHERE id = $2`, q.Status, q.ID)
	return err
}

// silent: the helper writes the very status the check compared with.
func (s *SQLService) RemoveQuestion(ctx context.Context, id string) error {
	q, err := s.getQuestion(ctx, id)
	if err != nil {
		return err
	}
	if q.Status == deleted {
		return nil
	}
	q.Status = deleted
	return s.setQuestionStatus(ctx, q)
}

// silent: a copy of the read id is not a lost update.
func (s *SQLService) SaveTag(ctx context.Context, slug, display string) error {
	var id string
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM tags WHERE slug = $1`, slug).Scan(&id); err != nil {
		return err
	}
	tagID := id
	_, err := s.db.ExecContext(ctx, `UPDATE tags SET display = $1, id = $2 WHERE id = $2`, display, tagID)
	return err
}

// silent: the parent user row is locked first in the same transaction.
func (s *SQLService) Follow(ctx context.Context, userID, objectID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var uid int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE id = $1 FOR UPDATE`, userID).Scan(&uid); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM follows WHERE user_id = $1 AND object_id = $2`, userID, objectID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO follows (user_id, object_id) VALUES ($1, $2)`, userID, objectID); err != nil {
		return err
	}
	return tx.Commit()
}

// silent: a flag set at creation is checked before the delete.
func (s *SQLService) DeleteApp(ctx context.Context, id int64) error {
	var internal bool
	if err := s.db.QueryRowContext(ctx, `SELECT internal FROM apps WHERE id = $1`, id).Scan(&internal); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	}
	if internal {
		return errors.New("internal apps cannot be deleted")
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM apps WHERE id = $1`, id)
	return err
}
