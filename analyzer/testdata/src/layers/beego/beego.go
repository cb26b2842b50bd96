// Package layersbeego holds check-then-act cases for beego ORM v2: the
// model methods (Read, Update, Insert, Delete, ReadOrCreate), QuerySeter
// chains (QueryTable, Filter, ForUpdate) and Raw SQL, on an Ormer and on
// the TxOrmer of a transaction.
package layersbeego

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/beego/beego/v2/client/orm"
)

var (
	errTaken     = errors.New("taken")
	errForbidden = errors.New("forbidden")
	errNoFunds   = errors.New("insufficient funds")
)

type Email struct {
	Id       int64
	OpenedAt *time.Time
}

type Lead struct {
	Id      int64
	OwnerId *int64
}

type Post struct {
	Id       int64
	AuthorId int64
	Title    string
}

type Account struct {
	Id      int64
	Balance int64
}

type User struct {
	Id    int64
	Email string `orm:"unique"`
}

type Job struct {
	Id     int64
	Status string
}

type Service struct{ o orm.Ormer }

// ---- RL001 ----

// racy: Read by primary key, check, Update of the checked column.
func (s *Service) Open(id int64) error {
	e := Email{Id: id}
	if err := s.o.Read(&e); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	now := time.Now()
	e.OpenedAt = &now
	_, err := s.o.Update(&e, "OpenedAt") // want `RL001 check-then-update: s.o.Update writes Email after .e.OpenedAt != nil. checked in Go`
	return err
}

// racy: a QuerySeter read and a QuerySeter update of the same id.
func (s *Service) Claim(id, userID int64) error {
	var l Lead
	if err := s.o.QueryTable("lead").Filter("id", id).One(&l); err != nil {
		return err
	}
	if l.OwnerId != nil {
		return errTaken
	}
	_, err := s.o.QueryTable("lead").Filter("id", id).Update(orm.Params{"owner_id": userID}) // want "RL001"
	return err
}

// racy: the write is Raw SQL.
func (s *Service) StartSQL(id int64) error {
	j := Job{Id: id}
	if err := s.o.Read(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	_, err := s.o.Raw("UPDATE job SET status = 'running' WHERE id = ?", id).Exec() // want "RL001"
	return err
}

// racy: check, then delete the model by its primary key.
func (s *Service) DropUnclaimed(id int64) error {
	l := Lead{Id: id}
	if err := s.o.Read(&l); err != nil {
		return err
	}
	if l.OwnerId != nil {
		return errTaken
	}
	_, err := s.o.Delete(&l) // want "RL001"
	return err
}

// safe: the conditional UPDATE's affected count decides.
func (s *Service) ClaimCond(id, userID int64) error {
	n, err := s.o.QueryTable("lead").Filter("id", id).Filter("owner_id__isnull", true).Update(orm.Params{"owner_id": userID})
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
	p := Post{Id: id}
	if err := s.o.Read(&p); err != nil {
		return err
	}
	if p.AuthorId != userID {
		return errForbidden
	}
	_, err := s.o.QueryTable("post").Filter("id", id).Update(orm.Params{"title": title})
	return err
}

// near-miss: the filter joins another table (author__name), so the row
// the check read is not known to be the one written.
func (s *Service) ClaimJoined(id, userID int64, name string) error {
	var l Lead
	if err := s.o.QueryTable("lead").Filter("owner__name", name).One(&l); err != nil {
		return err
	}
	if l.OwnerId != nil {
		return errTaken
	}
	_, err := s.o.QueryTable("lead").Filter("id", id).Update(orm.Params{"owner_id": userID})
	return err
}

// ---- RL002 ----

// racy: Read by a column, ErrNoRows decides the insert.
func (s *Service) Register(email string) error {
	err := s.o.Read(&User{Email: email}, "Email")
	if err == nil {
		return errTaken
	}
	if !errors.Is(err, orm.ErrNoRows) {
		return err
	}
	_, err = s.o.Insert(&User{Email: email}) // want "RL002"
	return err
}

// racy: Exist, then insert.
func (s *Service) RegisterExist(email string) error {
	if s.o.QueryTable("user").Filter("email", email).Exist() {
		return errTaken
	}
	_, err := s.o.Insert(&User{Email: email}) // want "RL002"
	return err
}

// racy: Count, then insert.
func (s *Service) RegisterCount(email string) error {
	n, err := s.o.QueryTable("user").Filter("email", email).Count()
	if err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err = s.o.Insert(&User{Email: email}) // want "RL002"
	return err
}

// safe: InsertOrUpdate upserts on the email column.
func (s *Service) RegisterUpsert(email string) error {
	if s.o.QueryTable("user").Filter("email", email).Exist() {
		return nil
	}
	_, err := s.o.InsertOrUpdate(&User{Email: email}, "email")
	return err
}

// near-miss: the insert goes to another table.
func (s *Service) Audit(email string) error {
	if s.o.QueryTable("user").Filter("email", email).Exist() {
		return nil
	}
	_, err := s.o.Insert(&Post{Title: email})
	return err
}

// ---- RL003 ----

// racy: the balance computed from the read, written back.
func (s *Service) Debit(id, amount int64) error {
	a := Account{Id: id}
	if err := s.o.Read(&a); err != nil {
		return err
	}
	if a.Balance < amount {
		return errNoFunds
	}
	a.Balance -= amount
	_, err := s.o.Update(&a, "Balance") // want "RL003"
	return err
}

// safe: ColValue is computed by the database, behind a guard whose count
// decides.
func (s *Service) DebitAtomic(id, amount int64) error {
	n, err := s.o.QueryTable("account").Filter("id", id).Filter("balance__gte", amount).
		Update(orm.Params{"balance": orm.ColValue(orm.ColMinus, amount)})
	if err != nil {
		return err
	}
	if n == 0 {
		return errNoFunds
	}
	return nil
}

// near-miss: an increment without any read.
func (s *Service) Deposit(id, amount int64) error {
	_, err := s.o.QueryTable("account").Filter("id", id).Update(orm.Params{"balance": orm.ColValue(orm.ColAdd, amount)})
	return err
}

// ---- RL004 ----

// racy: a claim whose affected count is ignored.
func (s *Service) ClaimBlind(id, userID int64) error {
	_, err := s.o.QueryTable("lead").Filter("id", id).Filter("owner_id__isnull", true).Update(orm.Params{"owner_id": userID}) // want "RL004"
	return err
}

// near-miss: a plain keyed reset.
func (s *Service) Reset(id int64) error {
	_, err := s.o.QueryTable("job").Filter("id", id).Update(orm.Params{"status": "pending"})
	return err
}

// ---- RL005 ----

// racy: Begin, a plain Read, the write on the transaction.
func (s *Service) StartTx(id int64) error {
	to, err := s.o.Begin()
	if err != nil {
		return err
	}
	defer to.RollbackUnlessCommit()
	j := Job{Id: id}
	if err := to.Read(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := to.Update(&Job{Id: id, Status: "running"}, "Status"); err != nil { // want "RL005"
		return err
	}
	return to.Commit()
}

// racy: DoTx hands the transaction to the callback; the read is plain.
func (s *Service) DebitTx(ctx context.Context, id, amount int64) error {
	return s.o.DoTxWithCtx(ctx, func(ctx context.Context, txOrm orm.TxOrmer) error {
		a := Account{Id: id}
		if err := txOrm.Read(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance = a.Balance - amount
		_, err := txOrm.Update(&a, "Balance") // want "RL005"
		return err
	})
}

// safe: ReadForUpdate locks the row in the same transaction.
func (s *Service) DebitLocked(id, amount int64) error {
	return s.o.DoTx(func(ctx context.Context, txOrm orm.TxOrmer) error {
		a := Account{Id: id}
		if err := txOrm.ReadForUpdate(&a); err != nil {
			return err
		}
		if a.Balance < amount {
			return errNoFunds
		}
		a.Balance -= amount
		_, err := txOrm.Update(&a, "Balance")
		return err
	})
}

// safe: a QuerySeter ForUpdate read in the transaction.
func (s *Service) StartLocked(id int64) error {
	to, err := s.o.Begin()
	if err != nil {
		return err
	}
	defer to.RollbackUnlessCommit()
	var j Job
	if err := to.QueryTable("job").Filter("id", id).ForUpdate().One(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := to.QueryTable("job").Filter("id", id).Update(orm.Params{"status": "running"}); err != nil {
		return err
	}
	return to.Commit()
}

// near-miss: the read runs on the Ormer, outside the transaction: not
// RL005 but RL001.
func (s *Service) StartWrongHandle(id int64) error {
	to, err := s.o.Begin()
	if err != nil {
		return err
	}
	defer to.RollbackUnlessCommit()
	j := Job{Id: id}
	if err := s.o.Read(&j); err != nil {
		return err
	}
	if j.Status != "pending" {
		return errTaken
	}
	if _, err := to.Update(&Job{Id: id, Status: "running"}, "Status"); err != nil { // want "RL001"
		return err
	}
	return to.Commit()
}

// ---- RL006 ----

// racy: ReadOrCreate is a SELECT, then an INSERT.
func (s *Service) EnsureUser(email string) (int64, error) {
	_, id, err := s.o.ReadOrCreate(&User{Email: email}, "Email") // want "RL006"
	return id, err
}

// near-miss: InsertOrUpdate is one statement.
func (s *Service) EnsureUserUpsert(email string) (int64, error) {
	return s.o.InsertOrUpdate(&User{Email: email}, "email")
}

// ---- RL007 ----

// racy: Serializable, run once.
func (s *Service) SerializableOnce(id int64) error {
	to, err := s.o.BeginWithOpts(&sql.TxOptions{Isolation: sql.LevelSerializable}) // want "RL007"
	if err != nil {
		return err
	}
	defer to.RollbackUnlessCommit()
	if _, err := to.QueryTable("account").Filter("id", id).Update(orm.Params{"balance": orm.ColValue(orm.ColAdd, 1)}); err != nil {
		return err
	}
	return to.Commit()
}

// safe: Serializable in a loop that retries.
func (s *Service) SerializableRetried(id int64) error {
	var err error
	for i := 0; i < 3; i++ {
		err = s.o.DoTxWithOpts(&sql.TxOptions{Isolation: sql.LevelSerializable}, func(ctx context.Context, txOrm orm.TxOrmer) error {
			_, err := txOrm.QueryTable("account").Filter("id", id).Update(orm.Params{"balance": orm.ColValue(orm.ColAdd, 1)})
			return err
		})
		if err == nil {
			return nil
		}
	}
	return err
}

// ---- RL006 through layers ----

type Group struct {
	Id   int64
	Name string `orm:"unique"`
}

type groupDAO struct{ o orm.Ormer }

// racy: a DAO method about one model type is the race's one place; its
// callers, which pass the model on, are not reported again.
func (d *groupDAO) ReadOrCreate(g *Group, col string) (bool, int64, error) {
	return d.o.ReadOrCreate(g, col) // want "RL006"
}

type groupManager struct{ dao *groupDAO }

func (m *groupManager) Onboard(g *Group) error {
	_, _, err := m.dao.ReadOrCreate(g, "Name")
	return err
}

func (m *groupManager) Populate(names []string) error {
	for _, n := range names {
		g := Group{Name: n}
		if err := m.Onboard(&g); err != nil {
			return err
		}
	}
	return nil
}

// safe: the loser's duplicate-key error is looked at.
func (s *Service) EnsureGroup(name string) error {
	g := Group{Name: name}
	_, _, err := s.o.ReadOrCreate(&g, "Name")
	if err != nil && !isDuplicateKeyError(err) {
		return err
	}
	return nil
}

func isDuplicateKeyError(err error) bool { return err != nil && err.Error() == "duplicate key" }

// ---- tables named by the model's own method ----

type Option struct {
	Id    int64
	Name  string `orm:"column(option_name);unique"`
	Value string
}

func (o *Option) TableName() string { return "options" }

// racy: QueryTable(p.TableName()) is the Option table; the key is the
// field of the object then inserted.
func (p *Option) Save(o orm.Ormer) error {
	if p.Id > 0 || o.QueryTable(p.TableName()).Filter("option_name", p.Name).Exist() {
		_, err := o.Update(p)
		return err
	}
	_, err := o.Insert(p) // want `RL002 check-then-insert: o.Insert inserts into Option after o…Exist found none; unique option_name fails the loser`
	return err
}

// safe: one upsert on the unique column.
func (p *Option) SaveUpsert(o orm.Ormer) error {
	_, err := o.InsertOrUpdate(p, "option_name")
	return err
}
