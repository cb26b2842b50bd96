package fixgorm

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Kept so that the file already imports clause.
var _ = clause.Locking{}

type Post struct {
	ID    int64
	Views int64
}

// RL003: Update("views", p.Views+1) becomes gorm.Expr("views + ?", 1).
func (s *Service) View(id int64) error {
	var p Post
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	return s.db.Model(&p).Update("views", p.Views+1).Error // want "RL003"
}

// RL003 in an Updates map: "value": c.Value - n.
func (s *Service) Take(id, n int64) error {
	var c Counter
	if err := s.db.Take(&c, id).Error; err != nil {
		return err
	}
	return s.db.Model(&c).Updates(map[string]interface{}{"value": c.Value - n}).Error // want "RL003"
}

// RL003 through Save: no fix (the whole row is written back).
func (s *Service) Bump(id int64) error {
	var c Counter
	if err := s.db.First(&c, id).Error; err != nil {
		return err
	}
	c.Value++
	return s.db.Save(&c).Error // want "RL003"
}

// RL005 on a counter: lock the read, or compute the value in the database.
func (s *Service) Add(id, n int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var c Counter
		if err := tx.First(&c, id).Error; err != nil {
			return err
		}
		return tx.Model(&c).UpdateColumn("value", c.Value+n).Error // want "RL005"
	})
}
