package rl002gorm

import "errors"

var errTooManyMembers = errors.New("team is full")

type Team struct {
	ID      int64
	Members []Member `gorm:"many2many:team_members"`
}

type Member struct {
	ID   int64
	Name string
}

// racy: association mode; two requests both count four members and both
// append the fifth.
func (s *Service) AddMember(team *Team, m *Member) error {
	if n := s.db.Model(team).Association("Members").Count(); n >= 5 {
		return errTooManyMembers
	}
	return s.db.Model(team).Association("Members").Append(m) // want "RL002"
}

// near-miss: the count is of another association.
func (s *Service) AddMemberOther(team *Team, m *Member) error {
	if n := s.db.Model(team).Association("Owners").Count(); n == 0 {
		return errTooManyMembers
	}
	return s.db.Model(team).Association("Members").Append(m)
}
