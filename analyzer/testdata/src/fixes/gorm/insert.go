package fixgorm

import (
	"errors"
	"time"

	"gorm.io/gorm"
)

type Contact struct {
	ID    int64
	Email string `gorm:"uniqueIndex"`
}

// Guest has no unique constraint on Email.
type Guest struct {
	ID    int64
	Email string
}

type Lead struct {
	ID       int64
	OwnerID  *int64
	ClosedAt *time.Time
}

// RL002: ErrRecordNotFound, then Create: clause.OnConflict{DoNothing: true}.
func (s *Service) Ensure(email string) error {
	var c Contact
	err := s.db.Where("email = ?", email).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s.db.Create(&Contact{Email: email}).Error // want "RL002"
	}
	return err
}

// RL002 without a unique constraint on email: no fix (ON CONFLICT would
// never fire, and the message asks for the constraint).
func (s *Service) EnsureGuest(email string) error {
	var g Guest
	err := s.db.Where("email = ?", email).First(&g).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return s.db.Create(&Guest{Email: email}).Error // want "RL002"
	}
	return err
}

// RL006: no fix (DoNothing would hand back an object with no primary key).
func (s *Service) EnsureFOC(email string) (Contact, error) {
	var c Contact
	err := s.db.Where(Contact{Email: email}).FirstOrCreate(&c).Error // want "RL006"
	return c, err
}

// RL001: pointer == nil, Model(&x).Update: Where("owner_id IS NULL").
func (s *Service) Claim(id, userID int64) error {
	var l Lead
	if err := s.db.First(&l, id).Error; err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	return s.db.Model(&l).Update("owner_id", userID).Error // want "RL001"
}

// Not reported: restoring NULL after a non-NULL check converges (both
// callers reopen the lead, and neither is told anything the other is not).
func (s *Service) Reopen(id int64) error {
	var l Lead
	if err := s.db.First(&l, id).Error; err != nil {
		return err
	}
	if l.ClosedAt != nil {
		return s.db.Model(&l).Update("closed_at", nil).Error
	}
	return nil
}
