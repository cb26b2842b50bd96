package regressions

import (
	"errors"

	"gorm.io/gorm"
)

// Regression (message): Create(&req.Role) inserts the model held in a
// field of the request, whose memory root is the request: the unique key
// is read from Role's tags, not the request's, so the message says the
// loser fails on it instead of "no unique key". Both are reported (the
// duplicate-key error is not handled); the golden pins the wording.

type AccessRole struct {
	RoleID uint `gorm:"not null;unique;primary_key;size:90"`
	Name   string
}

type AccessRoleCopy struct {
	Role  AccessRole
	OldID uint
}

type AccessGroup struct {
	GroupID uint
	Name    string
}

type AccessGroupCopy struct {
	Group AccessGroup
}

func (s *GORMService) CopyRole(req AccessRoleCopy) error {
	var existing AccessRole
	if !errors.Is(s.db.Where("role_id = ?", req.Role.RoleID).First(&existing).Error, gorm.ErrRecordNotFound) {
		return errors.New("role exists")
	}
	return s.db.Create(&req.Role).Error // want "RL002 .*unique role_id fails the loser"
}

// The near miss: no unique key on group_id, and the message says so.
func (s *GORMService) CopyGroup(req AccessGroupCopy) error {
	var existing AccessGroup
	if !errors.Is(s.db.Where("group_id = ?", req.Group.GroupID).First(&existing).Error, gorm.ErrRecordNotFound) {
		return errors.New("group exists")
	}
	return s.db.Create(&req.Group).Error // want "RL002 .*no unique key on group_id"
}
