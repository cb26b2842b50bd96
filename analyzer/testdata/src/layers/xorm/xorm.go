// Package layersxorm holds check-then-act cases for xorm.
package layersxorm

import (
	"errors"
	"time"

	"xorm.io/xorm"
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
	ID    int64
	Email string
}

type Job struct {
	ID     int64
	Status string
}

type Service struct{ engine *xorm.Engine }

// ---- RL001 ----

// racy: Get, check, Update of the same id.
func (s *Service) Open(id int64) error {
	var e Email
	has, err := s.engine.ID(id).Get(&e)
	if err != nil {
		return err
	}
	if !has {
		return errNotFound
	}
	if e.OpenedAt != nil {
		return nil
	}
	now := time.Now()
	_, err = s.engine.ID(id).Cols("opened_at").Update(&Email{OpenedAt: &now}) // want "RL001"
	return err
}

// racy: the checked field changed on the bean and written back by its id.
func (s *Service) Claim(id, userID int64) error {
	var l Lead
	if _, err := s.engine.Where("id = ?", id).Get(&l); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	l.OwnerID = &userID
	_, err := s.engine.ID(l.ID).Cols("owner_id").Update(&l) // want "RL001"
	return err
}

// racy: check, then delete by id.
func (s *Service) DropUnclaimed(id int64) error {
	var l Lead
	if _, err := s.engine.ID(id).Get(&l); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	_, err := s.engine.ID(id).Delete(&Lead{}) // want "RL001"
	return err
}

// racy: SQL through Exec(sqlOrArgs...).
func (s *Service) StartSQL(id int64) error {
	var j Job
	if _, err := s.engine.ID(id).Get(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	_, err := s.engine.Exec("UPDATE job SET status = 'running' WHERE id = ?", id) // want "RL001"
	return err
}

// safe: conditional UPDATE whose affected count decides.
func (s *Service) ClaimCond(id, userID int64) error {
	n, err := s.engine.Where("id = ? AND owner_id IS NULL", id).Cols("owner_id").Update(&Lead{OwnerID: &userID})
	if err != nil {
		return err
	}
	if n == 0 {
		return errTaken
	}
	return nil
}

// near-miss: authorization check on author_id, write sets title.
func (s *Service) Rename(id, userID int64, title string) error {
	var p Post
	if _, err := s.engine.ID(id).Get(&p); err != nil {
		return err
	}
	if p.AuthorID != userID {
		return errForbidden
	}
	_, err := s.engine.ID(id).Cols("title").Update(&Post{Title: title})
	return err
}

// ---- RL002 ----

// racy: Get's found flag decides the insert.
func (s *Service) Register(email string) error {
	has, err := s.engine.Get(&User{Email: email})
	if err != nil {
		return err
	}
	if has {
		return errTaken
	}
	_, err = s.engine.Insert(&User{Email: email}) // want "RL002"
	return err
}

// racy: Exist, then insert.
func (s *Service) RegisterExist(email string) error {
	ok, err := s.engine.Where("email = ?", email).Exist(&User{})
	if err != nil {
		return err
	}
	if ok {
		return errTaken
	}
	_, err = s.engine.InsertOne(&User{Email: email}) // want "RL002"
	return err
}

// racy: Count, then insert.
func (s *Service) RegisterCount(email string) error {
	n, err := s.engine.Where("email = ?", email).Count(&User{})
	if err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err = s.engine.Insert(&User{Email: email}) // want "RL002"
	return err
}

// safe: INSERT ... ON CONFLICT DO NOTHING through Exec.
func (s *Service) RegisterIgnore(email string) error {
	ok, err := s.engine.Where("email = ?", email).Exist(&User{})
	if err != nil || ok {
		return err
	}
	_, err = s.engine.Exec("INSERT INTO users (email) VALUES (?) ON CONFLICT DO NOTHING", email)
	return err
}

// near-miss: the insert goes to another table.
func (s *Service) Audit(email string) error {
	ok, err := s.engine.Where("email = ?", email).Exist(&User{})
	if err != nil || ok {
		return err
	}
	_, err = s.engine.Insert(&Post{Title: email})
	return err
}

// ---- RL003 ----

// racy: balance computed from the read, written back.
func (s *Service) Debit(id, amount int64) error {
	var a Account
	if _, err := s.engine.ID(id).Get(&a); err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	a.Balance -= amount
	_, err := s.engine.ID(id).Cols("balance").Update(&a) // want "RL003"
	return err
}

// safe: Decr is computed by the database, and the affected count decides.
func (s *Service) DebitAtomic(id, amount int64) error {
	n, err := s.engine.Where("id = ? AND balance >= ?", id, amount).Decr("balance", amount).Update(&Account{})
	if err != nil {
		return err
	}
	if n == 0 {
		return errNoFunds
	}
	return nil
}

// near-miss: Incr without any read.
func (s *Service) View(id int64) error {
	_, err := s.engine.ID(id).Incr("views").Update(&Post{})
	return err
}

// ---- RL004 ----

// racy: claim whose affected count is ignored.
func (s *Service) ClaimBlind(id, userID int64) error {
	_, err := s.engine.Where("id = ? AND owner_id IS NULL", id).Cols("owner_id").Update(&Lead{OwnerID: &userID}) // want "RL004"
	return err
}

// near-miss: plain keyed reset.
func (s *Service) Reset(id int64) error {
	_, err := s.engine.ID(id).Cols("status").Update(&Job{Status: "pending"})
	return err
}

// ---- RL005 ----

// racy: NewSession + Begin, plain read, write on the session.
func (s *Service) StartTx(id int64) error {
	sess := s.engine.NewSession()
	defer sess.Close()
	if err := sess.Begin(); err != nil {
		return err
	}
	var j Job
	if _, err := sess.ID(id).Get(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := sess.ID(id).Cols("status").Update(&Job{Status: "running"}); err != nil { // want "RL005"
		return err
	}
	return sess.Commit()
}

// racy: engine.Transaction callback, plain read.
func (s *Service) DebitTx(id, amount int64) error {
	_, err := s.engine.Transaction(func(sess *xorm.Session) (interface{}, error) {
		var a Account
		if _, err := sess.ID(id).Get(&a); err != nil {
			return nil, err
		}
		if a.Balance < amount {
			return nil, errNoFunds
		}
		a.Balance = a.Balance - amount
		_, err := sess.ID(id).Cols("balance").Update(&a) // want "RL005"
		return nil, err
	})
	return err
}

// safe: ForUpdate in the same session transaction.
func (s *Service) StartTxLocked(id int64) error {
	sess := s.engine.NewSession()
	defer sess.Close()
	if err := sess.Begin(); err != nil {
		return err
	}
	var j Job
	if _, err := sess.ID(id).ForUpdate().Get(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := sess.ID(id).Cols("status").Update(&Job{Status: "running"}); err != nil {
		return err
	}
	return sess.Commit()
}

// near-miss: the read runs on the engine, outside the session's
// transaction: not RL005 but RL001.
func (s *Service) StartWrongHandle(id int64) error {
	sess := s.engine.NewSession()
	defer sess.Close()
	if err := sess.Begin(); err != nil {
		return err
	}
	var j Job
	if _, err := s.engine.ID(id).Get(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := sess.ID(id).Cols("status").Update(&Job{Status: "running"}); err != nil { // want "RL001"
		return err
	}
	return sess.Commit()
}

// racy: the condition is the read's own result (if has { continue }), which
// the message cannot quote; it says "found no row" and nothing after it.
func (s *Service) RegisterAll(emails []string) error {
	for _, email := range emails {
		has, err := s.engine.Get(&User{Email: email})
		if err != nil {
			return err
		}
		if has {
			continue
		}
		if _, err := s.engine.Insert(&User{Email: email}); err != nil { // want `RL002 check-then-insert: s.engine.Insert inserts into User after s.engine.Get found none`
			return err
		}
	}
	return nil
}
