// Package layersgoqu holds check-then-act cases for goqu v9: datasets
// started on a *goqu.Database or a *goqu.TxDatabase, Where expressions
// (goqu.C(...).Eq, goqu.Ex, goqu.And/Or, goqu.L), finishers on the
// dataset and on its Executor().
package layersgoqu

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/doug-martin/goqu/v9"
	"github.com/doug-martin/goqu/v9/exp"
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

type Lead struct {
	ID      int64  `db:"id"`
	OwnerID *int64 `db:"owner_id"`
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

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

type Service struct{ db *goqu.Database }

// ---- RL001 ----

// racy: ScanStruct by id, check, Update of the checked column.
func (s *Service) Open(id int64) error {
	var e Email
	found, err := s.db.From("emails").Where(goqu.C("id").Eq(id)).ScanStruct(&e)
	if err != nil || !found {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, err = s.db.Update("emails").Set(goqu.Record{"opened_at": time.Now()}).Where(goqu.C("id").Eq(id)).Executor().Exec() // want `RL001 check-then-update: s.db…Exec writes emails after .e.OpenedAt != nil. checked in Go`
	return err
}

// racy: goqu.Ex keys, the delete runs on the executor.
func (s *Service) DropUnclaimed(id int64) error {
	var l Lead
	if _, err := s.db.From(goqu.T("leads")).Where(goqu.Ex{"id": id}).ScanStruct(&l); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	_, err := s.db.Delete("leads").Where(goqu.Ex{"id": id}).Executor().Exec() // want "RL001"
	return err
}

// safe: the state test is in the UPDATE's WHERE and its count decides.
func (s *Service) ClaimCond(id, userID int64) error {
	res, err := s.db.Update("leads").Set(goqu.Record{"owner_id": userID}).
		Where(goqu.C("id").Eq(id), goqu.C("owner_id").IsNull()).Executor().Exec()
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errTaken
	}
	return nil
}

// near-miss: an authorization check on author_id; the write sets title.
func (s *Service) Rename(id, userID int64, title string) error {
	var p Post
	if _, err := s.db.From("posts").Where(goqu.C("id").Eq(id)).ScanStruct(&p); err != nil {
		return err
	}
	if p.AuthorID != userID {
		return errForbidden
	}
	_, err := s.db.Update("posts").Set(goqu.Record{"title": title}).Where(goqu.C("id").Eq(id)).Executor().Exec()
	return err
}

// near-miss: the read is an OR of two rows, which one was checked is not
// known.
func (s *Service) ClaimEither(id, other, userID int64) error {
	var l Lead
	if _, err := s.db.From("leads").Where(goqu.Or(goqu.C("id").Eq(id), goqu.C("id").Eq(other))).ScanStruct(&l); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	_, err := s.db.Update("leads").Set(goqu.Record{"owner_id": userID}).Where(goqu.C("id").Eq(id)).Executor().Exec()
	return err
}

// ---- RL002 ----

type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

// racy: Count, then insert.
func (s *Service) Register(email string) error {
	n, err := s.db.From("users").Where(goqu.Ex{"email": email}).Count()
	if err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err = s.db.Insert("users").Rows(goqu.Record{"email": email}).Executor().Exec() // want "RL002"
	return err
}

// racy: ScanStruct's found flag decides the insert.
func (s *Service) RegisterFound(email string) error {
	var u User
	found, err := s.db.From("users").Where(goqu.C("email").Eq(email)).ScanStruct(&u)
	if err != nil {
		return err
	}
	if found {
		return errTaken
	}
	_, err = s.db.Insert("users").Rows(User{Email: email}).Executor().Exec() // want "RL002"
	return err
}

// safe: ON CONFLICT DO NOTHING.
func (s *Service) RegisterIgnore(email string) error {
	n, err := s.db.From("users").Where(goqu.Ex{"email": email}).Count()
	if err != nil || n > 0 {
		return err
	}
	_, err = s.db.Insert("users").Rows(goqu.Record{"email": email}).OnConflict(goqu.DoNothing()).Executor().Exec()
	return err
}

// near-miss: the insert goes to another table.
func (s *Service) Audit(email string) error {
	n, err := s.db.From("users").Where(goqu.Ex{"email": email}).Count()
	if err != nil || n > 0 {
		return err
	}
	_, err = s.db.Insert("audit").Rows(goqu.Record{"email": email}).Executor().Exec()
	return err
}

// ---- RL003 ----

// racy: the balance computed in Go from the read.
func (s *Service) Debit(id, amount int64) error {
	var a Account
	if _, err := s.db.From("accounts").Where(goqu.C("id").Eq(id)).ScanStruct(&a); err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	_, err := s.db.Update("accounts").Set(goqu.Record{"balance": a.Balance - amount}).Where(goqu.C("id").Eq(id)).Executor().Exec() // want "RL003"
	return err
}

// safe: goqu.L lets the database subtract, behind a guard whose count
// decides.
func (s *Service) DebitAtomic(id, amount int64) error {
	res, err := s.db.Update("accounts").Set(goqu.Record{"balance": goqu.L("balance - ?", amount)}).
		Where(goqu.C("id").Eq(id), goqu.C("balance").Gte(amount)).Executor().Exec()
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errNoFunds
	}
	return nil
}

// ---- RL004 ----

// racy: a claim whose affected count is dropped.
func (s *Service) ClaimBlind(id, userID int64) error {
	_, err := s.db.Update("leads").Set(goqu.Record{"owner_id": userID}).Where(goqu.Ex{"id": id, "owner_id": nil}).Executor().Exec() // want "RL004"
	return err
}

// near-miss: a plain keyed reset.
func (s *Service) Reset(id int64) error {
	_, err := s.db.Update("jobs").Set(goqu.Record{"status": "pending"}).Where(goqu.C("id").Eq(id)).Executor().Exec()
	return err
}

// ---- RL005 ----

// racy: WithTx, a plain read, the write on the transaction.
func (s *Service) StartTx(id int64) error {
	return s.db.WithTx(func(tx *goqu.TxDatabase) error {
		var j Job
		if _, err := tx.From("jobs").Where(goqu.C("id").Eq(id)).ScanStruct(&j); err != nil {
			return err
		}
		if j.Status != "pending" {
			return errTaken
		}
		_, err := tx.Update("jobs").Set(goqu.Record{"status": "running"}).Where(goqu.C("id").Eq(id)).Executor().Exec() // want "RL005"
		return err
	})
}

// safe: ForUpdate in the same transaction.
func (s *Service) StartLocked(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var j Job
	if _, err := tx.From("jobs").Where(goqu.C("id").Eq(id)).ForUpdate(exp.Wait).ScanStruct(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := tx.Update("jobs").Set(goqu.Record{"status": "running"}).Where(goqu.C("id").Eq(id)).Executor().Exec(); err != nil {
		return err
	}
	return tx.Commit()
}

// ---- RL007 ----

// racy: Serializable, run once.
func (s *Service) SerializableOnce(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Update("accounts").Set(goqu.Record{"balance": goqu.L("balance + 1")}).Where(goqu.C("id").Eq(id)).Executor().Exec(); err != nil {
		return err
	}
	return tx.Commit()
}

// ---- tables and columns held in package variables ----

var (
	jobsTable     = goqu.T("jobs")
	jobsIDCol     = jobsTable.Col("id")
	jobsStatusCol = jobsTable.Col("status")
)

// racy: Select(cols).From(table), columns named by package variables.
func (s *Service) StartSchema(id int64) error {
	var j Job
	if _, err := s.db.Select(jobsIDCol, jobsStatusCol).From(jobsTable).Where(jobsIDCol.Eq(id)).ScanStruct(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	_, err := s.db.Update(jobsTable).Set(goqu.Record{"status": "running"}).Where(jobsIDCol.Eq(id)).Executor().Exec() // want "RL001"
	return err
}

// safe: the state test in the UPDATE's WHERE, the count read.
func (s *Service) StartSchemaCond(id int64) error {
	res, err := s.db.Update(jobsTable).Set(goqu.Record{"status": "running"}).Where(jobsIDCol.Eq(id), jobsStatusCol.Eq("pending")).Executor().Exec()
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errTaken
	}
	return nil
}
