package regressions

import "errors"

var errTablenameNotPending = errors.New("not pending")

// Regression (recall): a GORM model whose TableName() names its table
// ("club_members" for ClubMember) is the table the SQL of a later Exec names.
// Expected: the check-then-update through Exec is reported; the near miss,
// a model whose table is another one, is not.

type ClubMember struct {
	ID     int64
	Status string
}

func (ClubMember) TableName() string { return "club_members" }

type ArchivedMember struct {
	ID     int64
	Status string
}

func (ArchivedMember) TableName() string { return "archived_members" }

// racy: read through the model, write through SQL on its table.
func (s *GORMService) ActivateMember(id int64) error {
	var m ClubMember
	if err := s.db.First(&m, id).Error; err != nil {
		return err
	}
	if m.Status != "pending" {
		return errTablenameNotPending
	}
	return s.db.Exec("UPDATE club_members SET status = 'active' WHERE id = ?", id).Error // want "RL001"
}

// near-miss: the model read is the archive; the write is the live table.
func (s *GORMService) ActivateFromArchive(id int64) error {
	var m ArchivedMember
	if err := s.db.First(&m, id).Error; err != nil {
		return err
	}
	if m.Status != "pending" {
		return errTablenameNotPending
	}
	return s.db.Exec("UPDATE club_members SET status = 'active' WHERE id = ?", id).Error
}
