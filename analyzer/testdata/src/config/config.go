// Package config runs with Disable: RL007 and SkipTables: page_views.
package config

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

type Service struct {
	db   *sql.DB
	gorm *gorm.DB
}

type PageView struct {
	ID    int64
	Count int64
}

// RL003 on page_views, skipped by SkipTables.
func (s *Service) CountView(ctx context.Context, id int64) error {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count FROM page_views WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE page_views SET count = $1 WHERE id = $2`, n+1, id)
	return err
}

// RL003 on the GORM model PageView: skipped too (underscores and plural ignored).
func (s *Service) CountViewGORM(id int64) error {
	var v PageView
	if err := s.gorm.First(&v, id).Error; err != nil {
		return err
	}
	return s.gorm.Model(&v).Update("count", v.Count+1).Error
}

// RL003 on another table: still reported.
func (s *Service) CountClick(ctx context.Context, id int64) error {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count FROM clicks WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE clicks SET count = $1 WHERE id = $2`, n+1, id) // want "RL003"
	return err
}

// RL007 disabled: a Serializable transaction without retry is not reported.
func (s *Service) Serializable(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	return tx.Commit()
}

// A directive for a disabled rule is not reported as unused.
func (s *Service) DisabledDirective(ctx context.Context) error {
	//racelint:ignore RL007 batch job, a failure is retried by the scheduler
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	return tx.Commit()
}

// RL001 still on.
func (s *Service) Claim(ctx context.Context, id, user int64) error {
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, id).Scan(&owner); err != nil {
		return err
	}
	if owner.Valid {
		return nil
	}
	_, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1 WHERE id = $2`, user, id) // want "RL001"
	return err
}
