// Package layerspop holds check-then-act cases for gobuffalo/pop v6.
package layerspop

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/gobuffalo/pop/v6"
)

var (
	errTaken     = errors.New("taken")
	errForbidden = errors.New("forbidden")
	errNoFunds   = errors.New("insufficient funds")
)

type Email struct {
	ID       int64      `db:"id"`
	OpenedAt *time.Time `db:"opened_at"`
}

type Post struct {
	ID       int64  `db:"id"`
	AuthorID int64  `db:"author_id"`
	Title    string `db:"title"`
}

type Account struct {
	ID      int64 `db:"id"`
	Balance int64 `db:"balance"`
}

type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

type Service struct{ db *pop.Connection }

// ---- RL001 ----

// racy: Find, check, Update of the loaded model.
func (s *Service) Open(id int64) error {
	var e Email
	if err := s.db.Find(&e, id); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	now := time.Now()
	e.OpenedAt = &now
	return s.db.UpdateColumns(&e, "opened_at") // want "RL001"
}

// racy: RawQuery(...).Exec() keyed by the same id.
func (s *Service) Start(id int64) error {
	var j Job
	if err := s.db.Where("id = ?", id).First(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	return s.db.RawQuery("UPDATE jobs SET status = 'running' WHERE id = ?", id).Exec() // want "RL001"
}

// racy: check, then Destroy.
func (s *Service) DropPending(id int64) error {
	var j Job
	if err := s.db.Find(&j, id); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	return s.db.Destroy(&j) // want "RL001"
}

// safe: conditional UPDATE whose count decides.
func (s *Service) StartCond(id int64) error {
	n, err := s.db.RawQuery("UPDATE jobs SET status = 'running' WHERE id = ? AND status = 'pending'", id).ExecWithCount()
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
	if err := s.db.Find(&p, id); err != nil {
		return err
	}
	if p.AuthorID != userID {
		return errForbidden
	}
	p.Title = title
	return s.db.UpdateColumns(&p, "title")
}

// ---- RL002 ----

// racy: Exists, then Create.
func (s *Service) Register(email string) error {
	ok, err := s.db.Where("email = ?", email).Exists(&User{})
	if err != nil {
		return err
	}
	if ok {
		return errTaken
	}
	return s.db.Create(&User{Email: email}) // want "RL002"
}

// racy: Count, then Create.
func (s *Service) RegisterCount(email string) error {
	n, err := s.db.Q().Where("email = ?", email).Count(&User{})
	if err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	return s.db.Create(&User{Email: email}) // want "RL002"
}

// safe: ON CONFLICT DO NOTHING through RawQuery.
func (s *Service) RegisterIgnore(email string) error {
	ok, err := s.db.Where("email = ?", email).Exists(&User{})
	if err != nil || ok {
		return err
	}
	return s.db.RawQuery("INSERT INTO users (email) VALUES (?) ON CONFLICT DO NOTHING", email).Exec()
}

// near-miss: the insert goes to another table.
func (s *Service) Audit(email string) error {
	ok, err := s.db.Where("email = ?", email).Exists(&User{})
	if err != nil || ok {
		return err
	}
	return s.db.Create(&Post{Title: email})
}

// ---- RL003 ----

// racy: balance computed from the read and written back.
func (s *Service) Debit(id, amount int64) error {
	var a Account
	if err := s.db.Find(&a, id); err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	a.Balance = a.Balance - amount
	return s.db.Update(&a) // want "RL003"
}

// safe: atomic conditional UPDATE.
func (s *Service) DebitAtomic(id, amount int64) error {
	n, err := s.db.RawQuery("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?", amount, id, amount).ExecWithCount()
	if err != nil {
		return err
	}
	if n == 0 {
		return errNoFunds
	}
	return nil
}

// ---- RL004 ----

// racy: a claim whose count is ignored.
func (s *Service) StartBlind(id int64) error {
	return s.db.RawQuery("UPDATE jobs SET status = 'running' WHERE id = ? AND status = 'pending'", id).Exec() // want "RL004"
}

// ---- RL005 ----

// racy: Transaction, plain read.
func (s *Service) DebitTx(id, amount int64) error {
	return s.db.Transaction(func(tx *pop.Connection) error {
		var a Account
		if err := tx.Find(&a, id); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance -= amount
		return tx.Update(&a) // want "RL005"
	})
}

// safe: FOR UPDATE in the transaction.
func (s *Service) DebitTxLocked(id, amount int64) error {
	return s.db.Transaction(func(tx *pop.Connection) error {
		var a Account
		if err := tx.RawQuery("SELECT * FROM accounts WHERE id = ? FOR UPDATE", id).First(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance -= amount
		return tx.Update(&a)
	})
}

// near-miss: the lock is taken on the outer connection, not the
// transaction: the lock does not protect the write, RL001 not RL005.
func (s *Service) DebitWrongHandle(id, amount int64) error {
	return s.db.Transaction(func(tx *pop.Connection) error {
		var a Account
		if err := s.db.RawQuery("SELECT * FROM accounts WHERE id = ? FOR UPDATE", id).First(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance -= amount
		return tx.Update(&a) // want "RL003"
	})
}

// racy: a transaction begun with NewTransactionContext, plain read.
func (s *Service) DebitBegun(ctx context.Context, id, amount int64) error {
	tx, err := s.db.NewTransactionContext(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.TX.Rollback() }()
	var a Account
	if err := tx.Find(&a, id); err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	a.Balance -= amount
	if err := tx.Update(&a); err != nil { // want "RL005"
		return err
	}
	return tx.TX.Commit()
}

// ---- RL007 ----

// racy: Serializable through NewTransactionContextOptions, and nothing
// retries it.
func (s *Service) DebitSerializableOnce(ctx context.Context, id, amount int64) error {
	tx, err := s.db.NewTransactionContextOptions(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	defer func() { _ = tx.TX.Rollback() }()
	var a Account
	if err := tx.Find(&a, id); err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	a.Balance -= amount
	if err := tx.Update(&a); err != nil {
		return err
	}
	return tx.TX.Commit()
}

// safe: the Serializable transaction is begun inside the loop that retries
// it on a serialization failure.
func (s *Service) DebitSerializable(ctx context.Context, id, amount int64) error {
	for attempt := 0; attempt < 10; attempt++ {
		tx, err := s.db.NewTransactionContextOptions(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		var a Account
		err = tx.Find(&a, id)
		if err == nil && a.Balance < amount {
			_ = tx.TX.Rollback()
			return errNoFunds
		}
		if err == nil {
			a.Balance -= amount
			err = tx.Update(&a)
		}
		if err == nil {
			err = tx.TX.Commit()
		}
		if err == nil {
			return nil
		}
		_ = tx.TX.Rollback()
		if !strings.Contains(err.Error(), "40001") {
			return err
		}
	}
	return errNoFunds
}
