// Package values holds reads and writes reached through values rather
// than direct calls: method values, functions kept in struct fields by a
// constructor, statements prepared at construction, a found flag instead
// of an error, and keys normalised on one side.
package values

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

var errTaken = errors.New("taken")

type Jobs struct{ db *sql.DB }

func (q *Jobs) Status(ctx context.Context, id int64) (string, error) {
	var s string
	err := q.db.QueryRowContext(ctx, `SELECT status FROM jobs WHERE id = $1`, id).Scan(&s)
	return s, err
}

func (q *Jobs) SetStatus(ctx context.Context, id int64, s string) error {
	_, err := q.db.ExecContext(ctx, `UPDATE jobs SET status = $2 WHERE id = $1`, id, s)
	return err
}

// StartIfPending reports whether this call moved the job out of pending.
func (q *Jobs) StartIfPending(ctx context.Context, id int64) (bool, error) {
	res, err := q.db.ExecContext(ctx, `UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// racy: method values bound to the repository.
func StartByValues(ctx context.Context, q *Jobs, id int64) error {
	get, set := q.Status, q.SetStatus
	s, err := get(ctx, id)
	if err != nil {
		return err
	}
	if s != "pending" {
		return errTaken
	}
	return set(ctx, id, "running") // want "RL001"
}

// Worker holds its data access as functions, set by NewWorker.
type Worker struct {
	status    func(ctx context.Context, id int64) (string, error)
	setStatus func(ctx context.Context, id int64, s string) error
	start     func(ctx context.Context, id int64) (bool, error)
}

func NewWorker(q *Jobs) *Worker {
	return &Worker{status: q.Status, setStatus: q.SetStatus, start: q.StartIfPending}
}

// racy: the functions the constructor stored.
func (w *Worker) Run(ctx context.Context, id int64) error {
	s, err := w.status(ctx, id)
	if err != nil {
		return err
	}
	if s != "pending" {
		return errTaken
	}
	return w.setStatus(ctx, id, "running") // want "RL001"
}

// safe: the stored conditional update says who won.
func (w *Worker) RunOnce(ctx context.Context, id int64) error {
	won, err := w.start(ctx, id)
	if err != nil {
		return err
	}
	if !won {
		return errTaken
	}
	return nil
}

// Prepared holds statements prepared once, at construction.
type Prepared struct {
	get, set, claim *sql.Stmt
}

func NewPrepared(db *sql.DB) (*Prepared, error) {
	g, err := db.Prepare(`SELECT status FROM jobs WHERE id = $1`)
	if err != nil {
		return nil, err
	}
	s, err := db.Prepare(`UPDATE jobs SET status = $2 WHERE id = $1`)
	if err != nil {
		return nil, err
	}
	c, err := db.Prepare(`UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'pending'`)
	if err != nil {
		return nil, err
	}
	return &Prepared{get: g, set: s, claim: c}, nil
}

// racy: the statements' SQL comes from the constructor.
func (p *Prepared) Start(ctx context.Context, id int64) error {
	var s string
	if err := p.get.QueryRowContext(ctx, id).Scan(&s); err != nil {
		return err
	}
	if s != "pending" {
		return errTaken
	}
	_, err := p.set.ExecContext(ctx, id, "running") // want "RL001"
	return err
}

// safe: the prepared conditional update, its count read.
func (p *Prepared) Claim(ctx context.Context, id int64) error {
	res, err := p.claim.ExecContext(ctx, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errTaken
	}
	return nil
}

type Users struct{ db *sql.DB }

// find signals "not found" with a false flag, not an error.
func (u *Users) find(ctx context.Context, email string) (int64, bool, error) {
	var id int64
	err := u.db.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// racy: check-then-insert on the found flag.
func (u *Users) Register(ctx context.Context, email string) error {
	_, ok, err := u.find(ctx, email)
	if err != nil {
		return err
	}
	if ok {
		return errTaken
	}
	_, err = u.db.ExecContext(ctx, `INSERT INTO users (email) VALUES ($1)`, email) // want "RL002"
	return err
}

// near miss: the flag decides, but the insert is of another table.
func (u *Users) Audit(ctx context.Context, email string) error {
	_, ok, err := u.find(ctx, email)
	if err != nil || ok {
		return err
	}
	_, err = u.db.ExecContext(ctx, `INSERT INTO failed_logins (attempted) VALUES ($1)`, email)
	return err
}

// racy: the key is lower-cased for the read, lower-cased and trimmed for
// the insert; both name the same address.
func (u *Users) RegisterNormalised(ctx context.Context, email string) error {
	var n int
	if err := u.db.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = $1`, strings.ToLower(email)).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err := u.db.ExecContext(ctx, `INSERT INTO users (email) VALUES ($1)`, strings.ToLower(strings.TrimSpace(email))) // want "RL002"
	return err
}

// near miss: the insert's key is another value altogether.
func (u *Users) RegisterOther(ctx context.Context, email, backup string) error {
	var n int
	if err := u.db.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = $1`, strings.ToLower(email)).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return errTaken
	}
	_, err := u.db.ExecContext(ctx, `INSERT INTO users (email) VALUES ($1)`, strings.ToLower(backup))
	return err
}

type Article struct {
	ID      int64
	Title   string
	Content string
}

type Articles struct{ db *sql.DB }

// ByTitle returns the zero Article when there is none.
func (a *Articles) ByTitle(ctx context.Context, title string) (res Article, err error) {
	err = a.db.QueryRowContext(ctx, `SELECT id, title, content FROM articles WHERE title = $1`, title).Scan(&res.ID, &res.Title, &res.Content)
	return
}

func (a *Articles) Store(ctx context.Context, m *Article) error {
	_, err := a.db.ExecContext(ctx, `INSERT INTO articles (title, content) VALUES ($1, $2)`, m.Title, m.Content)
	return err
}

// racy: a zero struct means "none"; Store inserts the field the read
// was keyed by.
func (a *Articles) Publish(ctx context.Context, m *Article) error {
	existing, _ := a.ByTitle(ctx, m.Title)
	if existing != (Article{}) {
		return errTaken
	}
	return a.Store(ctx, m) // want "RL002"
}

// near miss: the read is keyed by another value than the inserted title.
func (a *Articles) PublishUnder(ctx context.Context, m *Article, other string) error {
	existing, _ := a.ByTitle(ctx, other)
	if existing != (Article{}) {
		return errTaken
	}
	return a.Store(ctx, m)
}

// list scans every matching row into a fresh struct, appended to the
// slice it returns.
func (a *Articles) list(ctx context.Context, query string, args ...any) ([]Article, error) {
	rows, err := a.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		t := Article{}
		if err := rows.Scan(&t.ID, &t.Title, &t.Content); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (a *Articles) FirstByTitle(ctx context.Context, title string) (Article, error) {
	list, err := a.list(ctx, `SELECT id, title, content FROM articles WHERE title = $1`, title)
	if err != nil || len(list) == 0 {
		return Article{}, err
	}
	return list[0], nil
}

// racy: the row reached the caller through the slice the helper built.
func (a *Articles) PublishListed(ctx context.Context, m *Article) error {
	existing, _ := a.FirstByTitle(ctx, m.Title)
	if existing != (Article{}) {
		return errTaken
	}
	return a.Store(ctx, m) // want "RL002"
}

type Coupons struct{ db *sql.DB }

// validate reads the coupon and makes up an error when it is used.
func (c *Coupons) validate(ctx context.Context, code string) error {
	var used bool
	if err := c.db.QueryRowContext(ctx, `SELECT used FROM coupons WHERE code = $1`, code).Scan(&used); err != nil {
		return err
	}
	if used {
		return errTaken
	}
	return nil
}

// load reads the coupon; its only error is the read's own, wrapped.
func (c *Coupons) load(ctx context.Context, code string) (bool, error) {
	var used bool
	if err := c.db.QueryRowContext(ctx, `SELECT used FROM coupons WHERE code = $1`, code).Scan(&used); err != nil {
		return false, fmt.Errorf("load coupon %s: %w", code, err)
	}
	return used, nil
}

// racy: the helper's verdict is the check.
func (c *Coupons) Use(ctx context.Context, code string) error {
	if err := c.validate(ctx, code); err != nil {
		return err
	}
	_, err := c.db.ExecContext(ctx, `UPDATE coupons SET used = true, used_at = now() WHERE code = $1`, code) // want "RL001"
	return err
}

// near miss: err != nil is only the read failing; nothing about the
// coupon's state is checked before the write.
func (c *Coupons) Touch(ctx context.Context, code string) error {
	if _, err := c.load(ctx, code); err != nil {
		return err
	}
	_, err := c.db.ExecContext(ctx, `UPDATE coupons SET used = true, used_at = now() WHERE code = $1`, code)
	return err
}

type Session struct {
	ID      int64
	Revoked bool
}

func (Session) TableName() string { return "sessions" }

// findSession locks the row first when asked to, with SQL whose table
// racelint cannot name (fmt.Sprintf of a method's result), then reads it.
func findSession(ctx context.Context, tx *sql.Tx, id int64, forUpdate bool) (*Session, error) {
	s := &Session{}
	if forUpdate {
		var locked int64
		if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT id FROM %q WHERE id = $1 FOR UPDATE SKIP LOCKED", s.TableName()), id).Scan(&locked); err != nil {
			return nil, err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT id, revoked FROM sessions WHERE id = $1`, id).Scan(&s.ID, &s.Revoked); err != nil {
		return nil, err
	}
	return s, nil
}

// safe: the helper locked the row in this transaction before reading it.
func RevokeLocked(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := findSession(ctx, tx, id, true)
	if err != nil {
		return err
	}
	if s.Revoked {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked = true WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// racy twin: asked not to lock, the helper only reads.
func RevokeUnlocked(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := findSession(ctx, tx, id, false)
	if err != nil {
		return err
	}
	if s.Revoked {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked = true WHERE id = $1`, id); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// sessionFromToken passes its caller's choice to lock down to findSession.
func sessionFromToken(ctx context.Context, tx *sql.Tx, token string, forUpdate bool) (*Session, error) {
	var id int64
	if _, err := fmt.Sscanf(token, "s%d", &id); err != nil {
		return nil, err
	}
	return findSession(ctx, tx, id, forUpdate)
}

// safe: two helpers down, the session was locked in this transaction.
func RevokeByToken(ctx context.Context, db *sql.DB, token string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := sessionFromToken(ctx, tx, token, true)
	if err != nil {
		return err
	}
	if s.Revoked {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked = true WHERE id = $1`, s.ID); err != nil {
		return err
	}
	return tx.Commit()
}

// racy twin: the same without the lock.
func RevokeByTokenUnlocked(ctx context.Context, db *sql.DB, token string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := sessionFromToken(ctx, tx, token, false)
	if err != nil {
		return err
	}
	if s.Revoked {
		return errTaken
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked = true WHERE id = $1`, s.ID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

var errNoAccount = errors.New("no such account")

type Accounts struct{ db *sql.DB }

// byEmail wraps its not-found error with context.
func (a *Accounts) byEmail(ctx context.Context, email string) (int64, error) {
	var id int64
	err := a.db.QueryRowContext(ctx, `SELECT id FROM accounts WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("account %s: %w", email, errNoAccount)
	}
	return id, err
}

// racy: errors.Is finds errNoAccount through the wrapping.
func (a *Accounts) Open(ctx context.Context, email string) error {
	_, err := a.byEmail(ctx, email)
	if !errors.Is(err, errNoAccount) {
		return err
	}
	_, err = a.db.ExecContext(ctx, `INSERT INTO accounts (email) VALUES ($1)`, email) // want "RL002"
	return err
}

// near miss: the insert is of another table.
func (a *Accounts) Waitlist(ctx context.Context, email string) error {
	_, err := a.byEmail(ctx, email)
	if !errors.Is(err, errNoAccount) {
		return err
	}
	_, err = a.db.ExecContext(ctx, `INSERT INTO waitlist (email) VALUES ($1)`, email)
	return err
}
