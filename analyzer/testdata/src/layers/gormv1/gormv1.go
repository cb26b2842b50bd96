// Package layersgormv1 holds check-then-act cases for GORM v1
// (github.com/jinzhu/gorm).
package layersgormv1

import (
	"errors"
	"strings"
	"time"

	"github.com/jinzhu/gorm"
)

var (
	errTaken     = errors.New("taken")
	errForbidden = errors.New("forbidden")
	errNoFunds   = errors.New("insufficient funds")
	errNotFound  = errors.New("not found")
)

type Email struct {
	ID         int64
	TrackingID string
	OpenedAt   *time.Time
}

type Lead struct {
	ID      int64
	OwnerID *int64
	Note    string
}

type Post struct {
	ID       int64
	AuthorID int64
	Title    string
	Views    int64
}

type Account struct {
	ID      int64
	Balance int64
}

type User struct {
	gorm.Model
	Email string
}

type Job struct {
	ID     int64
	Status string
}

type Service struct{ db *gorm.DB }

// ---- RL001 ----

// racy: First, check, Update of the loaded model.
func (s *Service) Open(tracking string) error {
	var e Email
	if err := s.db.Where("tracking_id = ?", tracking).First(&e).Error; err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	return s.db.Model(&e).Update("opened_at", time.Now()).Error // want "RL001"
}

// racy: claim through Updates(map) keyed by the same id.
func (s *Service) Claim(id, userID int64) error {
	var l Lead
	if err := s.db.First(&l, id).Error; err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	return s.db.Model(&Lead{}).Where("id = ?", id).Updates(map[string]interface{}{"owner_id": userID}).Error // want "RL001"
}

// racy: Update with a map through the variadic attrs.
func (s *Service) ClaimMap(id, userID int64) error {
	var l Lead
	if err := s.db.Where("id = ?", id).Take(&l).Error; err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	return s.db.Model(&l).Update(map[string]interface{}{"owner_id": userID}).Error // want "RL001"
}

// racy: check, then delete the loaded row.
func (s *Service) DropUnclaimed(id int64) error {
	var l Lead
	if err := s.db.First(&l, id).Error; err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	return s.db.Delete(&l).Error // want "RL001"
}

// safe: conditional update whose RowsAffected is compared.
func (s *Service) OpenCond(id int64) (bool, error) {
	res := s.db.Model(&Email{}).Where("id = ? AND opened_at IS NULL", id).Update("opened_at", time.Now())
	if res.Error != nil {
		return false, res.Error
	}
	return res.RowsAffected == 1, nil
}

// near-miss: authorization check on author_id, write sets title.
func (s *Service) Rename(id, userID int64, title string) error {
	var p Post
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	if p.AuthorID != userID {
		return errForbidden
	}
	return s.db.Model(&p).Update("title", title).Error
}

// ---- RL002 ----

// racy: RecordNotFound() decides the insert.
func (s *Service) Register(email string) error {
	var u User
	if !s.db.Where("email = ?", email).First(&u).RecordNotFound() {
		return errTaken
	}
	return s.db.Create(&User{Email: email}).Error // want "RL002"
}

// racy: gorm.IsRecordNotFoundError decides the insert.
func (s *Service) RegisterIs(email string) error {
	var u User
	err := s.db.Where("email = ?", email).First(&u).Error
	if err == nil {
		return errTaken
	}
	if !gorm.IsRecordNotFoundError(err) {
		return err
	}
	return s.db.Create(&User{Email: email}).Error // want "RL002"
}

// racy: Count, then insert.
func (s *Service) RegisterCount(email string) error {
	var n int64
	if err := s.db.Model(&User{}).Where("email = ?", email).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	return s.db.Create(&User{Email: email}).Error // want "RL002"
}

// racy: comparison with gorm.ErrRecordNotFound.
func (s *Service) RegisterErr(email string) error {
	var u User
	err := s.db.Where("email = ?", email).First(&u).Error
	if err != gorm.ErrRecordNotFound {
		return err
	}
	return s.db.Create(&User{Email: email}).Error // want "RL002"
}

// safe: insert_option ON CONFLICT DO NOTHING.
func (s *Service) RegisterIgnore(email string) error {
	var u User
	if !s.db.Where("email = ?", email).First(&u).RecordNotFound() {
		return errTaken
	}
	return s.db.Set("gorm:insert_option", "ON CONFLICT DO NOTHING").Create(&User{Email: email}).Error
}

// near-miss: the insert goes to another table.
func (s *Service) LogSignup(email string) error {
	var u User
	if !s.db.Where("email = ?", email).First(&u).RecordNotFound() {
		return nil
	}
	return s.db.Create(&Post{Title: email}).Error
}

// ---- RL003 ----

// racy: balance computed from the read and written back.
func (s *Service) Debit(id, amount int64) error {
	var a Account
	if err := s.db.First(&a, id).Error; err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	return s.db.Model(&a).Update("balance", a.Balance-amount).Error // want "RL003"
}

// racy: a field changed and Save'd.
func (s *Service) View(id int64) error {
	var p Post
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	p.Views = p.Views + 1
	return s.db.Save(&p).Error // want "RL003"
}

// safe: gorm.Expr computes the new value in the database.
func (s *Service) ViewAtomic(id int64) error {
	return s.db.Model(&Post{}).Where("id = ?", id).UpdateColumn("views", gorm.Expr("views + ?", 1)).Error
}

// near-miss: the title is new data, normalised, not computed from the old.
func (s *Service) Retitle(id int64, title string) error {
	var p Post
	if err := s.db.First(&p, id).Error; err != nil {
		return err
	}
	if p.AuthorID == 0 {
		return errNotFound
	}
	return s.db.Model(&p).Update("title", strings.TrimSpace(title)).Error
}

// ---- RL004 ----

// racy: claim, only .Error looked at.
func (s *Service) ClaimBlind(id, userID int64) error {
	return s.db.Model(&Lead{}).Where("id = ? AND owner_id IS NULL", id).Update("owner_id", userID).Error // want "RL004"
}

// safe: RowsAffected checked.
func (s *Service) ClaimChecked(id, userID int64) error {
	res := s.db.Model(&Lead{}).Where("id = ? AND owner_id IS NULL", id).Update("owner_id", userID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errTaken
	}
	return nil
}

// near-miss: plain keyed reset.
func (s *Service) Reset(id int64) error {
	return s.db.Model(&Job{}).Where("id = ?", id).Update("status", "pending").Error
}

// ---- RL005 ----

// racy: Begin, plain read, write on the transaction.
func (s *Service) StartTx(id int64) error {
	tx := s.db.Begin()
	defer tx.RollbackUnlessCommitted()
	var j Job
	if err := tx.First(&j, id).Error; err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if err := tx.Model(&j).Update("status", "running").Error; err != nil { // want "RL005"
		return err
	}
	return tx.Commit().Error
}

// racy: Transaction callback, plain read.
func (s *Service) DebitTx(id, amount int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var a Account
		if err := tx.First(&a, id).Error; err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		return tx.Model(&a).Update("balance", a.Balance-amount).Error // want "RL005"
	})
}

// safe: gorm:query_option FOR UPDATE in the same transaction.
func (s *Service) StartTxLocked(id int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var j Job
		if err := tx.Set("gorm:query_option", "FOR UPDATE").First(&j, id).Error; err != nil {
			return err
		}
		if j.Status != "pending" {
			return errTaken
		}
		return tx.Model(&j).Update("status", "running").Error
	})
}

// near-miss: locking read on the outer handle, write in the transaction:
// the lock is not the transaction's, so it is RL001, not RL005.
func (s *Service) StartWrongHandle(id int64) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var j Job
		if err := s.db.Set("gorm:query_option", "FOR UPDATE").First(&j, id).Error; err != nil {
			return err
		}
		if j.Status != "pending" {
			return errTaken
		}
		return tx.Model(&j).Update("status", "running").Error // want "RL001"
	})
}

// ---- RL006 ----

// racy: FirstOrCreate.
func (s *Service) Ensure(email string) error {
	var u User
	return s.db.Where(User{Email: email}).FirstOrCreate(&u).Error // want "RL006"
}
