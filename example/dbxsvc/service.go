// Package dbxsvc runs its SQL through pocketbase/dbx: query builders
// (Select/Update/Insert/Upsert) and raw NewQuery statements with {:name}
// placeholders bound from dbx.Params.
package dbxsvc

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
)

// ErrTaken means another caller claimed the lead first.
var ErrTaken = errors.New("lead already claimed")

// ErrInsufficient means the account cannot cover the withdrawal.
var ErrInsufficient = errors.New("insufficient funds")

// Service is the dbx-based data layer.
type Service struct{ db *dbx.DB }

// New returns a Service.
func New(db *dbx.DB) *Service { return &Service{db: db} }

// Lead is a sales lead.
type Lead struct {
	ID      int64         `db:"id"`
	OwnerID sql.NullInt64 `db:"owner_id"`
}

// racy: owner_id read, checked in Go, written by an Update builder.
func (s *Service) ClaimLeadRacy(leadID, userID int64) error {
	var lead Lead
	if err := s.db.Select("id", "owner_id").From("leads").Where(dbx.HashExp{"id": leadID}).One(&lead); err != nil {
		return err
	}
	if lead.OwnerID.Valid {
		return ErrTaken
	}
	_, err := s.db.Update("leads", dbx.Params{"owner_id": userID}, dbx.HashExp{"id": leadID}).Execute() // want "RL001"
	return err
}

// safe: the UPDATE re-checks owner_id IS NULL and its count decides.
func (s *Service) ClaimLead(leadID, userID int64) error {
	res, err := s.db.Update("leads", dbx.Params{"owner_id": userID},
		dbx.And(dbx.HashExp{"id": leadID}, dbx.NewExp("owner_id IS NULL"))).Execute()
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrTaken
	}
	return nil
}

// racy: looked up by dedup_key, found missing, inserted.
func (s *Service) RecordEventRacy(key string) error {
	var id int64
	err := s.db.NewQuery("SELECT id FROM events WHERE dedup_key = {:key}").Bind(dbx.Params{"key": key}).Row(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.db.Insert("events", dbx.Params{"dedup_key": key, "created_at": time.Now()}).Execute() // want "RL002"
	return err
}

// safe: Upsert is one conflict-safe statement.
func (s *Service) RecordEvent(key string) error {
	_, err := s.db.Upsert("events", dbx.Params{"dedup_key": key, "created_at": time.Now()}, "dedup_key").Execute()
	return err
}

// safe: INSERT ... ON CONFLICT DO NOTHING through NewQuery.
func (s *Service) RecordEventSQL(key string) error {
	_, err := s.db.NewQuery("INSERT INTO events (dedup_key, created_at) VALUES ({:key}, now()) ON CONFLICT (dedup_key) DO NOTHING").
		Bind(dbx.Params{"key": key}).Execute()
	return err
}

// racy: views read, incremented in Go, written back.
func (s *Service) IncrementViewsRacy(postID int64) error {
	var views int64
	if err := s.db.Select("views").From("posts").Where(dbx.NewExp("id = {:id}", dbx.Params{"id": postID})).Row(&views); err != nil {
		return err
	}
	_, err := s.db.Update("posts", dbx.Params{"views": views + 1}, dbx.HashExp{"id": postID}).Execute() // want "RL003"
	return err
}

// safe: the database increments.
func (s *Service) IncrementViews(postID int64) error {
	_, err := s.db.NewQuery("UPDATE posts SET views = views + 1 WHERE id = {:id}").Bind(dbx.Params{"id": postID}).Execute()
	return err
}

// near-miss: the check is on the author, the write sets the title.
func (s *Service) RenamePost(postID, userID int64, title string) error {
	var author int64
	if err := s.db.Select("author_id").From("posts").Where(dbx.HashExp{"id": postID}).Row(&author); err != nil {
		return err
	}
	if author != userID {
		return errors.New("not the author")
	}
	_, err := s.db.Update("posts", dbx.Params{"title": title}, dbx.HashExp{"id": postID}).Execute()
	return err
}

// racy: the balance is read and written back in one transaction, but the
// read takes no lock: at READ COMMITTED both transactions read the old row.
func (s *Service) WithdrawRacy(accountID, amount int64) error {
	return s.db.Transactional(func(tx *dbx.Tx) error {
		var balance int64
		if err := tx.NewQuery("SELECT balance FROM accounts WHERE id = {:id}").Bind(dbx.Params{"id": accountID}).Row(&balance); err != nil {
			return err
		}
		if balance < amount {
			return ErrInsufficient
		}
		_, err := tx.Update("accounts", dbx.Params{"balance": balance - amount}, dbx.HashExp{"id": accountID}).Execute() // want "RL005"
		return err
	})
}

// safe: SELECT ... FOR UPDATE locks the row until the transaction ends.
func (s *Service) Withdraw(accountID, amount int64) error {
	return s.db.Transactional(func(tx *dbx.Tx) error {
		var balance int64
		if err := tx.NewQuery("SELECT balance FROM accounts WHERE id = {:id} FOR UPDATE").Bind(dbx.Params{"id": accountID}).Row(&balance); err != nil {
			return err
		}
		if balance < amount {
			return ErrInsufficient
		}
		_, err := tx.Update("accounts", dbx.Params{"balance": balance - amount}, dbx.HashExp{"id": accountID}).Execute()
		return err
	})
}

// racy: the job's status is read through a transaction begun with Begin,
// checked, and changed without a lock.
func (s *Service) StartJobRacy(jobID int64) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.Select("status").From("jobs").Where(dbx.HashExp{"id": jobID}).Row(&status); err != nil {
		return err
	}
	if status != "pending" {
		return errors.New("job not pending")
	}
	if _, err := tx.Update("jobs", dbx.Params{"status": "running"}, dbx.HashExp{"id": jobID}).Execute(); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// safe: the claim is one conditional UPDATE whose count decides.
func (s *Service) StartJob(jobID int64) error {
	res, err := s.db.Update("jobs", dbx.Params{"status": "running"},
		dbx.HashExp{"id": jobID, "status": "pending"}).Execute()
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.New("job not pending")
	}
	return nil
}

// safe: the builder's read locks the row with PostFragment("FOR UPDATE").
func (s *Service) StartJobLocked(jobID int64) error {
	return s.db.Transactional(func(tx *dbx.Tx) error {
		var status string
		if err := tx.Select("status").From("jobs").Where(dbx.HashExp{"id": jobID}).PostFragment("FOR UPDATE").Row(&status); err != nil {
			return err
		}
		if status != "pending" {
			return errors.New("job not pending")
		}
		_, err := tx.Update("jobs", dbx.Params{"status": "running"}, dbx.HashExp{"id": jobID}).Execute()
		return err
	})
}
