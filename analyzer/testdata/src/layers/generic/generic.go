// Package generic holds a generic GORM repository, whose model is its
// type argument, and a plain one: a record a repository method returns
// and another saves back.
package generic

import (
	"errors"
	"time"

	"gorm.io/gorm"
)

var errState = errors.New("wrong state")

// Repository is a generic CRUD repository: its table is T's.
type Repository[T any] struct{ db *gorm.DB }

func NewRepository[T any](db *gorm.DB) *Repository[T] { return &Repository[T]{db: db} }

func (r *Repository[T]) Get(id uint) (*T, error) {
	var t T
	if err := r.db.First(&t, id).Error; err != nil {
		return nil, err
	}
	return &t, nil
}

func (r *Repository[T]) Save(t *T) error { return r.db.Save(t).Error }

type Job struct {
	ID     uint
	Status string
}

type Audit struct {
	ID    uint
	JobID uint
}

type Service struct {
	jobs   *Repository[Job]
	audits *Repository[Audit]
}

// racy: Repository[Job] reads a job, the service checks it, saves it back.
func (s *Service) Start(id uint) error {
	j, err := s.jobs.Get(id)
	if err != nil {
		return err
	}
	if j.Status != "pending" {
		return errState
	}
	j.Status = "running"
	return s.jobs.Save(j) // want "RL001"
}

// near miss: the write is of another model (Repository[Audit]).
func (s *Service) Audit(id uint) error {
	j, err := s.jobs.Get(id)
	if err != nil {
		return err
	}
	if j.Status != "pending" {
		return errState
	}
	return s.audits.Save(&Audit{JobID: j.ID})
}

// JobRepo is the same repository, written for one model.
type JobRepo struct{ db *gorm.DB }

func (r *JobRepo) Get(id uint) (*Job, error) {
	var j Job
	if err := r.db.First(&j, id).Error; err != nil {
		return nil, err
	}
	return &j, nil
}

func (r *JobRepo) Save(j *Job) error { return r.db.Save(j).Error }

// racy: the pointer Get returns is the record Save writes back.
func Retry(r *JobRepo, id uint) error {
	j, err := r.Get(id)
	if err != nil {
		return err
	}
	if j.Status != "failed" {
		return errState
	}
	j.Status = "pending"
	return r.Save(j) // want "RL001"
}

// near miss: a fresh record, not the one read, is saved.
func Clone(r *JobRepo, id uint) error {
	j, err := r.Get(id)
	if err != nil {
		return err
	}
	if j.Status != "done" {
		return errState
	}
	return r.Save(&Job{Status: "pending"})
}

type User struct {
	ID       uint
	GitHubID string
	Quota    int64
}

// FillByID validates its receiver before reading into it: the made-up
// error says nothing about the row.
func (u *User) FillByID(db *gorm.DB) error {
	if u.ID == 0 {
		return errors.New("no id")
	}
	db.Where(User{ID: u.ID}).First(u)
	return nil
}

// racy: FillByID inspects the user it reads into, so err != nil checks
// what it read, and every field is written back (a concurrent quota
// change in between is lost). The check FillByID makes before its read
// looks at the argument, not at the row, and does not narrow the
// caller's check to the id.
func Bind(db *gorm.DB, id uint, login string) error {
	u := &User{ID: id}
	if err := u.FillByID(db); err != nil {
		return err
	}
	u.GitHubID = login
	return db.Model(u).Updates(u).Error // want "RL001"
}

// Member is the domain entity; memberRow the table model the adapter
// maps it to and from.
type Member struct {
	ID     uint
	Email  string
	Status string
}

type memberRow struct {
	ID     uint
	Email  string
	Status string
}

func (m *memberRow) toDomain() *Member { return &Member{ID: m.ID, Email: m.Email, Status: m.Status} }

func fromDomain(m *Member) *memberRow { return &memberRow{ID: m.ID, Email: m.Email, Status: m.Status} }

type Members struct{ db *gorm.DB }

func (r *Members) ByEmail(email string) (*Member, error) {
	var row memberRow
	if err := r.db.Where("email = ?", email).First(&row).Error; err != nil {
		return nil, err
	}
	return row.toDomain(), nil
}

func (r *Members) ByID(id uint) (*Member, error) {
	var row memberRow
	if err := r.db.First(&row, id).Error; err != nil {
		return nil, err
	}
	return row.toDomain(), nil
}

func (r *Members) Create(m *Member) error { return r.db.Create(fromDomain(m)).Error }

func (r *Members) Update(m *Member) error { return r.db.Save(fromDomain(m)).Error }

// racy: the entity the adapter converted back and forth is saved whole
// after a check on what was read.
func Activate(r *Members, id uint) error {
	m, err := r.ByID(id)
	if err != nil {
		return err
	}
	if m.Status != "new" {
		return errState
	}
	m.Status = "active"
	return r.Update(m) // want "RL001"
}

// racy: check-then-insert on the email the new entity carries.
func Join(r *Members, email string) error {
	if _, err := r.ByEmail(email); err == nil {
		return errState
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return r.Create(&Member{Email: email, Status: "new"}) // want "RL002"
}

// near miss: the new entity carries another address than the one looked up.
func Invite(r *Members, email, other string) error {
	if _, err := r.ByEmail(email); err == nil {
		return errState
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return r.Create(&Member{Email: other, Status: "invited"})
}

type App struct {
	ID     uint
	UserID uint
	Name   string
	Image  string
}

type Apps struct{ db *gorm.DB }

func (r *Apps) ByID(id uint) (*App, error) {
	var a App
	if err := r.db.First(&a, id).Error; err != nil {
		return nil, err
	}
	return &a, nil
}

func (r *Apps) Update(a *App) error { return r.db.Save(a).Error }

// not reported: the owner check tests a field the code never sets, so the
// whole record written back leaves it as read.
func Rename(r *Apps, id, user uint, name string) error {
	a, err := r.ByID(id)
	if err != nil {
		return err
	}
	if a.UserID != user {
		return errState
	}
	a.Name = name
	return r.Update(a)
}

// racy twin: the check tests the field the code then clears.
func DropImage(r *Apps, id uint) error {
	a, err := r.ByID(id)
	if err != nil {
		return err
	}
	if a.Image == "" {
		return errState
	}
	a.Image = ""
	return r.Update(a) // want "RL001"
}

type Seat struct {
	ID       uint
	LastSeen time.Time
	Holder   string
}

type Seats struct{ db *gorm.DB }

func (r *Seats) ByID(id uint) (*Seat, error) {
	var s Seat
	if err := r.db.First(&s, id).Error; err != nil {
		return nil, err
	}
	return &s, nil
}

func (r *Seats) Update(s *Seat) error { return r.db.Save(s).Error }

// not reported: a stale seat is touched; every caller writes "now" and
// nothing depends on who did.
func Touch(r *Seats, id uint) error {
	s, err := r.ByID(id)
	if err != nil {
		return err
	}
	if time.Since(s.LastSeen) < time.Minute {
		return nil
	}
	s.LastSeen = time.Now()
	return r.Update(s)
}

// racy twin: the stale seat is also handed to this caller.
func Take(r *Seats, id uint, holder string) error {
	s, err := r.ByID(id)
	if err != nil {
		return err
	}
	if time.Since(s.LastSeen) < time.Minute {
		return errState
	}
	s.LastSeen = time.Now()
	s.Holder = holder
	return r.Update(s) // want "RL001"
}
