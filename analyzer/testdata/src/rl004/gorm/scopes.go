package rl004gorm

import (
	"errors"
	"time"

	"gorm.io/gorm"
)

// pendingOnly is a scope that carries the state filter.
func pendingOnly(db *gorm.DB) *gorm.DB { return db.Where("status = ?", "pending") }

// dueBy returns a scope bound to a cutoff.
func dueBy(t time.Time) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return db.Where("status = ? AND run_at <= ?", "pending", t) }
}

// racy: the transition's guard comes from a scope, and the count is
// ignored.
func (s *Service) StartScoped(id int64) error {
	return s.db.Model(&Job{}).Scopes(pendingOnly).Where("id = ?", id).Update("status", "running").Error // want "RL004"
}

// racy: the same with a scope built by a constructor.
func (s *Service) StartDue(id int64, now time.Time) error {
	return s.db.Model(&Job{}).Scopes(dueBy(now)).Where("id = ?", id).Update("status", "running").Error // want "RL004"
}

// safe: the scoped transition's count decides.
func (s *Service) StartScopedChecked(id int64) error {
	res := s.db.Model(&Job{}).Scopes(pendingOnly).Where("id = ?", id).Update("status", "running")
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("taken")
	}
	return nil
}

// near-miss: a scope racelint cannot see into (a parameter) may or may not
// test the state; nothing says it is a claim.
func (s *Service) StartWith(id int64, scope func(*gorm.DB) *gorm.DB) error {
	return s.db.Model(&Job{}).Scopes(scope).Where("id = ?", id).Update("status", "running").Error
}

type Doc struct {
	ID      int64
	Body    string
	Version int64
}

// racy: a version guard in a string Where, a map Updates with
// gorm.Expr("version + 1"), and only .Error looked at.
func (s *Service) SaveDoc(d *Doc, body string) error {
	changes := map[string]interface{}{"body": body, "version": gorm.Expr("version + 1")}
	return s.db.Model(&Doc{}).Where("id = ? AND version = ?", d.ID, d.Version).Updates(changes).Error // want "RL004"
}

// safe: RowsAffected decides.
func (s *Service) SaveDocChecked(d *Doc, body string) error {
	res := s.db.Model(&Doc{}).Where("id = ? AND version = ?", d.ID, d.Version).Updates(map[string]interface{}{"body": body, "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("modified by someone else")
	}
	return nil
}
