// Package kvbun holds check-then-act cases for bun's query builders.
package kvbun

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

var (
	errTaken     = errors.New("taken")
	errForbidden = errors.New("forbidden")
	errNoFunds   = errors.New("insufficient funds")
)

type Email struct {
	bun.BaseModel `bun:"table:emails"`

	ID         int64 `bun:",pk"`
	TrackingID string
	OpenedAt   *time.Time
}

type Lead struct {
	bun.BaseModel `bun:"table:leads"`

	ID      int64 `bun:",pk"`
	OwnerID *int64
	Note    string
}

type Contact struct {
	bun.BaseModel `bun:"table:contacts"`

	ID    int64 `bun:",pk"`
	Email string
}

type Post struct {
	bun.BaseModel `bun:"table:posts"`

	ID       int64 `bun:",pk"`
	AuthorID int64
	Title    string
	Views    int64
}

type Account struct {
	bun.BaseModel `bun:"table:accounts"`

	ID      int64 `bun:",pk"`
	Balance int64
}

type Service struct {
	db  *bun.DB
	idb bun.IDB
}

// ---- RL001 ----

// racy: Scan, check, Update of the loaded model by WherePK.
func (s *Service) Open(ctx context.Context, tracking string) error {
	var e Email
	if err := s.db.NewSelect().Model(&e).Where("tracking_id = ?", tracking).Scan(ctx); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, err := s.db.NewUpdate().Model(&e).Set("opened_at = ?", time.Now()).WherePK().Exec(ctx) // want "RL001"
	return err
}

// racy: the checked field is assigned and written with Column(...).
func (s *Service) Claim(ctx context.Context, id, userID int64) error {
	var l Lead
	if err := s.db.NewSelect().Model(&l).Where("id = ?", id).Scan(ctx); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	l.OwnerID = &userID
	_, err := s.db.NewUpdate().Model(&l).Column("owner_id").WherePK().Exec(ctx) // want "RL001"
	return err
}

// racy: through bun.IDB, the write keyed by a literal WHERE on the read id.
func (s *Service) ClaimIDB(ctx context.Context, id, userID int64) error {
	var l Lead
	if err := s.idb.NewSelect().Model(&l).Where("id = ?", id).Scan(ctx); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	_, err := s.idb.NewUpdate().Model((*Lead)(nil)).Set("owner_id = ?", userID).Where("id = ?", id).Exec(ctx) // want "RL001"
	return err
}

// racy: check, then delete the loaded row.
func (s *Service) DropUnclaimed(ctx context.Context, id int64) error {
	var l Lead
	if err := s.db.NewSelect().Model(&l).Where("id = ?", id).Scan(ctx); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	_, err := s.db.NewDelete().Model(&l).WherePK().Exec(ctx) // want "RL001"
	return err
}

// safe: conditional UPDATE, RowsAffected compared.
func (s *Service) OpenCond(ctx context.Context, id int64) (bool, error) {
	res, err := s.db.NewUpdate().Model((*Email)(nil)).Set("opened_at = ?", time.Now()).Where("id = ? AND opened_at IS NULL", id).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// near-miss: authorization check on author_id, write sets title.
func (s *Service) Rename(ctx context.Context, id, userID int64, title string) error {
	var p Post
	if err := s.db.NewSelect().Model(&p).Where("id = ?", id).Scan(ctx); err != nil {
		return err
	}
	if p.AuthorID != userID {
		return errForbidden
	}
	_, err := s.db.NewUpdate().Model(&p).Set("title = ?", title).WherePK().Exec(ctx)
	return err
}

// ---- RL002 ----

// racy: Exists, then insert.
func (s *Service) AddContact(ctx context.Context, email string) error {
	ok, err := s.db.NewSelect().Model((*Contact)(nil)).Where("email = ?", email).Exists(ctx)
	if err != nil {
		return err
	}
	if ok {
		return errTaken
	}
	_, err = s.db.NewInsert().Model(&Contact{Email: email}).Exec(ctx) // want "RL002"
	return err
}

// racy: Count == 0, then insert.
func (s *Service) AddContactCount(ctx context.Context, email string) error {
	n, err := s.db.NewSelect().Model((*Contact)(nil)).Where("email = ?", email).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		_, err = s.db.NewInsert().Model(&Contact{Email: email}).Exec(ctx) // want "RL002"
	}
	return err
}

// racy: Scan returns sql.ErrNoRows, then insert.
func (s *Service) AddContactScan(ctx context.Context, email string) error {
	var c Contact
	err := s.db.NewSelect().Model(&c).Where("email = ?", email).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		c = Contact{Email: email}
		_, err = s.db.NewInsert().Model(&c).Exec(ctx) // want "RL002"
	}
	return err
}

// safe: ON CONFLICT DO NOTHING.
func (s *Service) AddContactOnConflict(ctx context.Context, email string) error {
	ok, err := s.db.NewSelect().Model((*Contact)(nil)).Where("email = ?", email).Exists(ctx)
	if err != nil || ok {
		return err
	}
	_, err = s.db.NewInsert().Model(&Contact{Email: email}).On("CONFLICT (email) DO NOTHING").Exec(ctx)
	return err
}

// safe: Ignore() (ON CONFLICT DO NOTHING / INSERT IGNORE).
func (s *Service) AddContactIgnore(ctx context.Context, email string) error {
	n, err := s.db.NewSelect().Model((*Contact)(nil)).Where("email = ?", email).Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	_, err = s.db.NewInsert().Model(&Contact{Email: email}).Ignore().Exec(ctx)
	return err
}

// near-miss: not found in contacts, insert into posts.
func (s *Service) Welcome(ctx context.Context, email string) error {
	ok, err := s.db.NewSelect().Model((*Contact)(nil)).Where("email = ?", email).Exists(ctx)
	if err != nil || ok {
		return err
	}
	_, err = s.db.NewInsert().Model(&Post{Title: "welcome " + email}).Exec(ctx)
	return err
}

// ---- RL003 ----

// racy: views+1 computed in Go.
func (s *Service) View(ctx context.Context, id int64) error {
	var p Post
	if err := s.db.NewSelect().Model(&p).Where("id = ?", id).Scan(ctx); err != nil {
		return err
	}
	_, err := s.db.NewUpdate().Model(&p).Set("views = ?", p.Views+1).WherePK().Exec(ctx) // want "RL003"
	return err
}

// safe: SET views = views + 1.
func (s *Service) ViewAtomic(ctx context.Context, id int64) error {
	_, err := s.db.NewUpdate().Model((*Post)(nil)).Set("views = views + 1").Where("id = ?", id).Exec(ctx)
	return err
}

// ---- RL004 ----

// racy: claim with the state in the WHERE, result ignored.
func (s *Service) ClaimUnchecked(ctx context.Context, id, userID int64) error {
	_, err := s.db.NewUpdate().Model((*Lead)(nil)).Set("owner_id = ?", userID).Where("id = ? AND owner_id IS NULL", id).Exec(ctx) // want "RL004"
	return err
}

// safe: same claim, RowsAffected checked.
func (s *Service) ClaimChecked(ctx context.Context, id, userID int64) error {
	res, err := s.db.NewUpdate().Model((*Lead)(nil)).Set("owner_id = ?", userID).Where("id = ? AND owner_id IS NULL", id).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errTaken
	}
	return nil
}

// ---- RL005 ----

// racy: RunInTx, plain read, check, write.
func (s *Service) Debit(ctx context.Context, id, amount int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var a Account
		if err := tx.NewSelect().Model(&a).Where("id = ?", id).Scan(ctx); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		_, err := tx.NewUpdate().Model(&a).Set("balance = ?", a.Balance-amount).WherePK().Exec(ctx) // want "RL005"
		return err
	})
}

// racy: BeginTx/Commit, plain read, check, write.
func (s *Service) ClaimTx(ctx context.Context, id, userID int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var l Lead
	if err := tx.NewSelect().Model(&l).Where("id = ?", id).Scan(ctx); err != nil {
		return err
	}
	if l.OwnerID != nil {
		return errTaken
	}
	if _, err := tx.NewUpdate().Model(&l).Set("owner_id = ?", userID).WherePK().Exec(ctx); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// safe: For("UPDATE") in the read.
func (s *Service) DebitLocked(ctx context.Context, id, amount int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var a Account
		if err := tx.NewSelect().Model(&a).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		_, err := tx.NewUpdate().Model(&a).Set("balance = ?", a.Balance-amount).WherePK().Exec(ctx)
		return err
	})
}

// racy: the FOR UPDATE read runs on the DB, not on tx: not the same transaction.
func (s *Service) DebitWrongHandle(ctx context.Context, id, amount int64) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var a Account
		if err := s.db.NewSelect().Model(&a).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		_, err := tx.NewUpdate().Model(&a).Set("balance = ?", a.Balance-amount).WherePK().Exec(ctx) // want "RL003"
		return err
	})
}
