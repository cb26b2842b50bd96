package main

import "text/template"

var tPlatform = mk("platform", `// Package platform holds what every layer shares.
package platform

import (
	"database/sql"
	"errors"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

// Deps are the database handles the repositories use.
type Deps struct {
	SQL  *sql.DB
	X    *sqlx.DB
	Pool *pgxpool.Pool
	Gorm *gorm.DB
}

var (
	ErrNotFound     = errors.New("not found")
	ErrInvalidState = errors.New("invalid state")
	ErrForbidden    = errors.New("forbidden")
	ErrConflict     = errors.New("conflict")
	ErrInvalidInput = errors.New("invalid input")
)

// ValidName reports whether s is a usable display name.
func ValidName(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) == 0 || len(s) > 200 {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// Slug turns a name into a URL slug.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// ClampLimit bounds a page size.
func ClampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}
`)

var tUtil = mk("util", `// Package util{{.}} is a helper package with no database access.
package util{{.}}

import (
	"sort"
	"strconv"
	"strings"
)

// Pair is a key and a count.
type Pair struct {
	Key   string
	Count int
}

// TopN returns the n most frequent words of s.
func TopN(s string, n int) []Pair {
	counts := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		counts[strings.Trim(w, ".,;:!?")]++
	}
	out := make([]Pair, 0, len(counts))
	for k, c := range counts {
		out = append(out, Pair{k, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Join formats pairs as "k=v" separated by commas.
func Join(ps []Pair) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Key + "=" + strconv.Itoa(p.Count)
	}
	return strings.Join(parts, ",")
}
`)

var tModel = mk("model", `package {{.Pkg}}

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// {{.Type}} is one row of {{.Table}}.
type {{.Type}} struct {
	ID        int64         {{bt}}db:"id" gorm:"primaryKey"{{bt}}
	Name      string        {{bt}}db:"name"{{bt}}
	Status    string        {{bt}}db:"status"{{bt}}
	Count     int64         {{bt}}db:"count"{{bt}}
	Balance   int64         {{bt}}db:"balance"{{bt}}
	OwnerID   sql.NullInt64 {{bt}}db:"owner_id"{{bt}}
	UpdatedAt time.Time     {{bt}}db:"updated_at"{{bt}}
}

// Stats summarises a page of {{.Table}}.
type Stats struct {
	Total    int
	ByStatus map[string]int
	Balance  int64
}

// Describe renders a one-line description.
func (x *{{.Type}}) Describe() string {
	owner := "nobody"
	if x.OwnerID.Valid {
		owner = fmt.Sprintf("user %d", x.OwnerID.Int64)
	}
	return fmt.Sprintf("{{.Noun}} #%d %q (%s, owned by %s, updated %s)", x.ID, x.Name, strings.ToUpper(x.Status), owner, x.UpdatedAt.Format(time.RFC3339))
}

// Active reports whether the {{.Noun}} is live.
func (x *{{.Type}}) Active() bool { return x.Status == "active" || x.Status == "approved" }
`)

var tRepoSQL = mk("repo-sql", `// Package {{.Pkg}} stores {{.Table}} through database/sql.
package {{.Pkg}}

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"{{.Module}}/internal/platform"
)

// Repo is the {{.Table}} repository.
type Repo struct{ db *sql.DB }

// New returns a repository over db.
func New(d platform.Deps) *Repo { return &Repo{db: d.SQL} }

// Get loads one {{.Noun}}.
func (r *Repo) Get(ctx context.Context, id int64) (*{{.Type}}, error) {
	var x {{.Type}}
	err := r.db.QueryRowContext(ctx, {{bt}}SELECT id, name, status, count, balance, owner_id, updated_at FROM {{.Table}} WHERE id = $1{{bt}}, id).
		Scan(&x.ID, &x.Name, &x.Status, &x.Count, &x.Balance, &x.OwnerID, &x.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, platform.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get {{.Noun}} %d: %w", id, err)
	}
	return &x, nil
}

// List returns a page of {{.Table}}.
func (r *Repo) List(ctx context.Context, status string, limit int) ([]{{.Type}}, error) {
	rows, err := r.db.QueryContext(ctx, {{bt}}SELECT id, name, status, count, balance, owner_id, updated_at FROM {{.Table}} WHERE status = $1 ORDER BY id LIMIT $2{{bt}}, status, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []{{.Type}}
	for rows.Next() {
		var x {{.Type}}
		if err := rows.Scan(&x.ID, &x.Name, &x.Status, &x.Count, &x.Balance, &x.OwnerID, &x.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// SetStatus writes a status unconditionally.
func (r *Repo) SetStatus(ctx context.Context, id int64, status string) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET status = $1, updated_at = now() WHERE id = $2{{bt}}, status, id)
	return err
}

// SetName renames.
func (r *Repo) SetName(ctx context.Context, id int64, name string) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET name = $1 WHERE id = $2{{bt}}, name, id)
	return err
}

// SetCount writes a count computed by the caller.
func (r *Repo) SetCount(ctx context.Context, id int64, n int64) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET count = $1 WHERE id = $2{{bt}}, n, id)
	return err
}

// ActivateRacy checks the status in Go, then writes it. (racy: RL001)
func (r *Repo) ActivateRacy(ctx context.Context, id int64) error {
	var status string
	if err := r.db.QueryRowContext(ctx, {{bt}}SELECT status FROM {{.Table}} WHERE id = $1{{bt}}, id).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return platform.ErrInvalidState
	}
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET status = 'active' WHERE id = $1{{bt}}, id)
	return err
}

// ActivateSafe lets the database decide. (safe)
func (r *Repo) ActivateSafe(ctx context.Context, id int64) (bool, error) {
	res, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET status = 'active' WHERE id = $1 AND status = 'pending'{{bt}}, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// Withdraw reads the balance and writes it back. (racy: RL003)
func (r *Repo) Withdraw(ctx context.Context, id, amount int64) error {
	var balance int64
	if err := r.db.QueryRowContext(ctx, {{bt}}SELECT balance FROM {{.Table}} WHERE id = $1{{bt}}, id).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return platform.ErrConflict
	}
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET balance = $1 WHERE id = $2{{bt}}, balance-amount, id)
	return err
}

// Increment is atomic. (safe)
func (r *Repo) Increment(ctx context.Context, id int64) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET count = count + 1 WHERE id = $1{{bt}}, id)
	return err
}

// EnsureRacy is find-or-create. (racy: RL002)
func (r *Repo) EnsureRacy(ctx context.Context, name string) (int64, error) {
	var id int64
	err := r.db.QueryRowContext(ctx, {{bt}}SELECT id FROM {{.Table}} WHERE name = $1{{bt}}, name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	err = r.db.QueryRowContext(ctx, {{bt}}INSERT INTO {{.Table}} (name, status) VALUES ($1, 'pending') RETURNING id{{bt}}, name).Scan(&id)
	return id, err
}

// EnsureSafe inserts idempotently. (safe)
func (r *Repo) EnsureSafe(ctx context.Context, name string) error {
	_, err := r.db.ExecContext(ctx, {{bt}}INSERT INTO {{.Table}} (name, status) VALUES ($1, 'pending') ON CONFLICT (name) DO NOTHING{{bt}}, name)
	return err
}

// Claim takes ownership inside a transaction with a locking read. (safe)
func (r *Repo) Claim(ctx context.Context, id, owner int64) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var cur sql.NullInt64
	if err := tx.QueryRowContext(ctx, {{bt}}SELECT owner_id FROM {{.Table}} WHERE id = $1 FOR UPDATE{{bt}}, id).Scan(&cur); err != nil {
		return err
	}
	if cur.Valid {
		return platform.ErrConflict
	}
	if _, err := tx.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET owner_id = $1, updated_at = $2 WHERE id = $3{{bt}}, owner, time.Now(), id); err != nil {
		return err
	}
	return tx.Commit()
}
`)

var tRepoSQLX = mk("repo-sqlx", `// Package {{.Pkg}} stores {{.Table}} through sqlx.
package {{.Pkg}}

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"{{.Module}}/internal/platform"
)

// Repo is the {{.Table}} repository.
type Repo struct{ db *sqlx.DB }

// New returns a repository over db.
func New(d platform.Deps) *Repo { return &Repo{db: d.X} }

const columns = "id, name, status, count, balance, owner_id, updated_at"

// Get loads one {{.Noun}}.
func (r *Repo) Get(ctx context.Context, id int64) (*{{.Type}}, error) {
	var x {{.Type}}
	err := r.db.GetContext(ctx, &x, "SELECT "+columns+" FROM {{.Table}} WHERE id = $1", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, platform.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get {{.Noun}} %d: %w", id, err)
	}
	return &x, nil
}

// List returns a page of {{.Table}}.
func (r *Repo) List(ctx context.Context, status string, limit int) ([]{{.Type}}, error) {
	var out []{{.Type}}
	err := r.db.SelectContext(ctx, &out, "SELECT "+columns+" FROM {{.Table}} WHERE status = $1 ORDER BY id LIMIT $2", status, limit)
	return out, err
}

// SetStatus writes a status unconditionally.
func (r *Repo) SetStatus(ctx context.Context, id int64, status string) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET status = $1, updated_at = now() WHERE id = $2{{bt}}, status, id)
	return err
}

// SetName renames.
func (r *Repo) SetName(ctx context.Context, id int64, name string) error {
	_, err := r.db.NamedExecContext(ctx, {{bt}}UPDATE {{.Table}} SET name = :name WHERE id = :id{{bt}}, map[string]any{"name": name, "id": id})
	return err
}

// SetCount writes a count computed by the caller.
func (r *Repo) SetCount(ctx context.Context, id int64, n int64) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET count = $1 WHERE id = $2{{bt}}, n, id)
	return err
}

// ActivateRacy checks the status in Go, then writes it. (racy: RL001)
func (r *Repo) ActivateRacy(ctx context.Context, id int64) error {
	var x {{.Type}}
	if err := r.db.GetContext(ctx, &x, "SELECT "+columns+" FROM {{.Table}} WHERE id = $1", id); err != nil {
		return err
	}
	if x.Status != "pending" {
		return platform.ErrInvalidState
	}
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET status = 'active' WHERE id = $1{{bt}}, x.ID)
	return err
}

// ActivateSafe lets the database decide. (safe)
func (r *Repo) ActivateSafe(ctx context.Context, id int64) (bool, error) {
	res, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET status = 'active' WHERE id = $1 AND status = 'pending'{{bt}}, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Withdraw reads the balance and writes it back. (racy: RL003)
func (r *Repo) Withdraw(ctx context.Context, id, amount int64) error {
	var x {{.Type}}
	if err := r.db.GetContext(ctx, &x, "SELECT "+columns+" FROM {{.Table}} WHERE id = $1", id); err != nil {
		return err
	}
	if x.Balance < amount {
		return platform.ErrConflict
	}
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET balance = $1 WHERE id = $2{{bt}}, x.Balance-amount, x.ID)
	return err
}

// Increment is atomic. (safe)
func (r *Repo) Increment(ctx context.Context, id int64) error {
	_, err := r.db.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET count = count + 1 WHERE id = $1{{bt}}, id)
	return err
}

// EnsureRacy is find-or-create. (racy: RL002)
func (r *Repo) EnsureRacy(ctx context.Context, name string) (int64, error) {
	var id int64
	err := r.db.GetContext(ctx, &id, {{bt}}SELECT id FROM {{.Table}} WHERE name = $1{{bt}}, name)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	_, err = r.db.ExecContext(ctx, {{bt}}INSERT INTO {{.Table}} (name, status) VALUES ($1, 'pending'){{bt}}, name)
	return 0, err
}

// EnsureSafe inserts idempotently. (safe)
func (r *Repo) EnsureSafe(ctx context.Context, name string) error {
	_, err := r.db.ExecContext(ctx, {{bt}}INSERT INTO {{.Table}} (name, status) VALUES ($1, 'pending') ON CONFLICT (name) DO NOTHING{{bt}}, name)
	return err
}

// Claim takes ownership inside a transaction with a locking read. (safe)
func (r *Repo) Claim(ctx context.Context, id, owner int64) error {
	tx, err := r.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var x {{.Type}}
	if err := tx.GetContext(ctx, &x, "SELECT "+columns+" FROM {{.Table}} WHERE id = $1 FOR UPDATE", id); err != nil {
		return err
	}
	if x.OwnerID.Valid {
		return platform.ErrConflict
	}
	if _, err := tx.ExecContext(ctx, {{bt}}UPDATE {{.Table}} SET owner_id = $1 WHERE id = $2{{bt}}, owner, id); err != nil {
		return err
	}
	return tx.Commit()
}
`)

var tRepoPGX = mk("repo-pgx", `// Package {{.Pkg}} stores {{.Table}} through pgx.
package {{.Pkg}}

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"{{.Module}}/internal/platform"
)

// Repo is the {{.Table}} repository.
type Repo struct{ pool *pgxpool.Pool }

// New returns a repository over pool.
func New(d platform.Deps) *Repo { return &Repo{pool: d.Pool} }

// Get loads one {{.Noun}}.
func (r *Repo) Get(ctx context.Context, id int64) (*{{.Type}}, error) {
	rows, err := r.pool.Query(ctx, {{bt}}SELECT id, name, status, count, balance, owner_id, updated_at FROM {{.Table}} WHERE id = $1{{bt}}, id)
	if err != nil {
		return nil, err
	}
	x, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[{{.Type}}])
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, platform.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get {{.Noun}} %d: %w", id, err)
	}
	return &x, nil
}

// List returns a page of {{.Table}}.
func (r *Repo) List(ctx context.Context, status string, limit int) ([]{{.Type}}, error) {
	rows, err := r.pool.Query(ctx, {{bt}}SELECT id, name, status, count, balance, owner_id, updated_at FROM {{.Table}} WHERE status = $1 ORDER BY id LIMIT $2{{bt}}, status, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[{{.Type}}])
}

// SetStatus writes a status unconditionally.
func (r *Repo) SetStatus(ctx context.Context, id int64, status string) error {
	_, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET status = $1, updated_at = now() WHERE id = $2{{bt}}, status, id)
	return err
}

// SetName renames.
func (r *Repo) SetName(ctx context.Context, id int64, name string) error {
	_, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET name = $1 WHERE id = $2{{bt}}, name, id)
	return err
}

// SetCount writes a count computed by the caller.
func (r *Repo) SetCount(ctx context.Context, id int64, n int64) error {
	_, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET count = $1 WHERE id = $2{{bt}}, n, id)
	return err
}

// ActivateRacy checks the status in Go, then writes it. (racy: RL001)
func (r *Repo) ActivateRacy(ctx context.Context, id int64) error {
	var status string
	if err := r.pool.QueryRow(ctx, {{bt}}SELECT status FROM {{.Table}} WHERE id = $1{{bt}}, id).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return platform.ErrInvalidState
	}
	_, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET status = 'active' WHERE id = $1{{bt}}, id)
	return err
}

// ActivateSafe lets the database decide. (safe)
func (r *Repo) ActivateSafe(ctx context.Context, id int64) (bool, error) {
	tag, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET status = 'active' WHERE id = $1 AND status = 'pending'{{bt}}, id)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// Withdraw reads the balance and writes it back. (racy: RL003)
func (r *Repo) Withdraw(ctx context.Context, id, amount int64) error {
	var balance int64
	if err := r.pool.QueryRow(ctx, {{bt}}SELECT balance FROM {{.Table}} WHERE id = $1{{bt}}, id).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return platform.ErrConflict
	}
	_, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET balance = $1 WHERE id = $2{{bt}}, balance-amount, id)
	return err
}

// Increment is atomic. (safe)
func (r *Repo) Increment(ctx context.Context, id int64) error {
	_, err := r.pool.Exec(ctx, {{bt}}UPDATE {{.Table}} SET count = count + 1 WHERE id = $1{{bt}}, id)
	return err
}

// EnsureRacy is find-or-create. (racy: RL002)
func (r *Repo) EnsureRacy(ctx context.Context, name string) (int64, error) {
	var id int64
	err := r.pool.QueryRow(ctx, {{bt}}SELECT id FROM {{.Table}} WHERE name = $1{{bt}}, name).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, err
	}
	err = r.pool.QueryRow(ctx, {{bt}}INSERT INTO {{.Table}} (name, status) VALUES ($1, 'pending') RETURNING id{{bt}}, name).Scan(&id)
	return id, err
}

// EnsureSafe inserts idempotently. (safe)
func (r *Repo) EnsureSafe(ctx context.Context, name string) error {
	_, err := r.pool.Exec(ctx, {{bt}}INSERT INTO {{.Table}} (name, status) VALUES ($1, 'pending') ON CONFLICT (name) DO NOTHING{{bt}}, name)
	return err
}

// Claim takes ownership inside a transaction with a locking read. (safe)
func (r *Repo) Claim(ctx context.Context, id, owner int64) error {
	return pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		var cur *int64
		if err := tx.QueryRow(ctx, {{bt}}SELECT owner_id FROM {{.Table}} WHERE id = $1 FOR UPDATE{{bt}}, id).Scan(&cur); err != nil {
			return err
		}
		if cur != nil {
			return platform.ErrConflict
		}
		_, err := tx.Exec(ctx, {{bt}}UPDATE {{.Table}} SET owner_id = $1 WHERE id = $2{{bt}}, owner, id)
		return err
	})
}
`)

var tRepoGORM = mk("repo-gorm", `// Package {{.Pkg}} stores {{.Table}} through GORM.
package {{.Pkg}}

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"{{.Module}}/internal/platform"
)

// Repo is the {{.Table}} repository.
type Repo struct{ db *gorm.DB }

// New returns a repository over db.
func New(d platform.Deps) *Repo { return &Repo{db: d.Gorm} }

// Get loads one {{.Noun}}.
func (r *Repo) Get(ctx context.Context, id int64) (*{{.Type}}, error) {
	var x {{.Type}}
	err := r.db.WithContext(ctx).First(&x, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, platform.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get {{.Noun}} %d: %w", id, err)
	}
	return &x, nil
}

// List returns a page of {{.Table}}.
func (r *Repo) List(ctx context.Context, status string, limit int) ([]{{.Type}}, error) {
	var out []{{.Type}}
	err := r.db.WithContext(ctx).Where("status = ?", status).Order("id").Limit(limit).Find(&out).Error
	return out, err
}

// SetStatus writes a status unconditionally.
func (r *Repo) SetStatus(ctx context.Context, id int64, status string) error {
	return r.db.WithContext(ctx).Model(&{{.Type}}{}).Where("id = ?", id).Update("status", status).Error
}

// SetName renames.
func (r *Repo) SetName(ctx context.Context, id int64, name string) error {
	return r.db.WithContext(ctx).Model(&{{.Type}}{}).Where("id = ?", id).Update("name", name).Error
}

// SetCount writes a count computed by the caller.
func (r *Repo) SetCount(ctx context.Context, id int64, n int64) error {
	return r.db.WithContext(ctx).Model(&{{.Type}}{}).Where("id = ?", id).Update("count", n).Error
}

// ActivateRacy checks the status in Go, then writes it. (racy: RL001)
func (r *Repo) ActivateRacy(ctx context.Context, id int64) error {
	var x {{.Type}}
	if err := r.db.WithContext(ctx).First(&x, id).Error; err != nil {
		return err
	}
	if x.Status != "pending" {
		return platform.ErrInvalidState
	}
	return r.db.WithContext(ctx).Model(&x).Update("status", "active").Error
}

// ActivateSafe lets the database decide. (safe)
func (r *Repo) ActivateSafe(ctx context.Context, id int64) (bool, error) {
	res := r.db.WithContext(ctx).Model(&{{.Type}}{}).Where("id = ? AND status = ?", id, "pending").Update("status", "active")
	if res.Error != nil {
		return false, res.Error
	}
	return res.RowsAffected == 1, nil
}

// Withdraw reads the balance and writes it back. (racy: RL003)
func (r *Repo) Withdraw(ctx context.Context, id, amount int64) error {
	var x {{.Type}}
	if err := r.db.WithContext(ctx).First(&x, id).Error; err != nil {
		return err
	}
	if x.Balance < amount {
		return platform.ErrConflict
	}
	x.Balance -= amount
	return r.db.WithContext(ctx).Save(&x).Error
}

// Increment is atomic. (safe)
func (r *Repo) Increment(ctx context.Context, id int64) error {
	return r.db.WithContext(ctx).Model(&{{.Type}}{}).Where("id = ?", id).Update("count", gorm.Expr("count + ?", 1)).Error
}

// EnsureRacy is find-or-create. (racy: RL002)
func (r *Repo) EnsureRacy(ctx context.Context, name string) (int64, error) {
	var x {{.Type}}
	err := r.db.WithContext(ctx).Where("name = ?", name).First(&x).Error
	if err == nil {
		return x.ID, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, err
	}
	x = {{.Type}}{Name: name, Status: "pending"}
	err = r.db.WithContext(ctx).Create(&x).Error
	return x.ID, err
}

// EnsureSafe inserts idempotently. (safe)
func (r *Repo) EnsureSafe(ctx context.Context, name string) error {
	x := {{.Type}}{Name: name, Status: "pending"}
	return r.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&x).Error
}

// Claim takes ownership inside a transaction with a locking read. (safe)
func (r *Repo) Claim(ctx context.Context, id, owner int64) error {
	return r.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var x {{.Type}}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&x, id).Error; err != nil {
			return err
		}
		if x.OwnerID.Valid {
			return platform.ErrConflict
		}
		return tx.Model(&x).Update("owner_id", owner).Error
	})
}
`)

var repoTemplates = map[string]*template.Template{"sql": tRepoSQL, "sqlx": tRepoSQLX, "pgx": tRepoPGX, "gorm": tRepoGORM}

var tService = mk("service", `// Package {{.Pkg}} is the {{.Noun}} business logic.
package {{.Pkg}}

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"{{.Module}}/internal/platform"
	repo "{{.Module}}/internal/repo/{{.Pkg}}"{{if .Prev}}
	prevrepo "{{.Module}}/internal/repo/{{.Prev.Pkg}}"{{end}}
)
{{if .ViaIface}}
// Store is what the service needs from the repository.
type Store interface {
	Get(ctx context.Context, id int64) (*repo.{{.Type}}, error)
	List(ctx context.Context, status string, limit int) ([]repo.{{.Type}}, error)
	SetStatus(ctx context.Context, id int64, status string) error
	SetName(ctx context.Context, id int64, name string) error
	SetCount(ctx context.Context, id int64, n int64) error
	ActivateSafe(ctx context.Context, id int64) (bool, error)
	EnsureSafe(ctx context.Context, name string) error
	Claim(ctx context.Context, id, owner int64) error
}
{{else}}
// Store is the concrete repository.
type Store = *repo.Repo
{{end}}
// Service implements the {{.Noun}} use cases.
type Service struct {
	store Store
	log   *slog.Logger{{if .Prev}}
	prev  *prevrepo.Repo{{end}}
}

// New builds the service.
func New(d platform.Deps, log *slog.Logger) *Service {
	return &Service{store: repo.New(d), log: log{{if .Prev}}, prev: prevrepo.New(d){{end}}}
}

// Approve moves a pending {{.Noun}} to approved. (racy: RL001 across packages)
func (s *Service) Approve(ctx context.Context, id int64) error {
	x, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if x.Status != "pending" {
		return fmt.Errorf("approve {{.Noun}} %d in state %s: %w", id, x.Status, platform.ErrInvalidState)
	}
	s.log.Info("approving", "{{.Noun}}", x.Describe())
	return s.store.SetStatus(ctx, id, "approved")
}

// Activate lets the repository decide. (safe)
func (s *Service) Activate(ctx context.Context, id int64) error {
	ok, err := s.store.ActivateSafe(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return platform.ErrConflict
	}
	return nil
}

// Bump increments the counter in Go. (racy: RL003 across packages)
func (s *Service) Bump(ctx context.Context, id int64) error {
	x, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	return s.store.SetCount(ctx, id, x.Count+1)
}

// Rename checks ownership, then renames: an authorization check, not a race.
func (s *Service) Rename(ctx context.Context, actor, id int64, name string) error {
	name = strings.TrimSpace(name)
	if !platform.ValidName(name) {
		return platform.ErrInvalidInput
	}
	x, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if !x.OwnerID.Valid || x.OwnerID.Int64 != actor {
		return platform.ErrForbidden
	}
	return s.store.SetName(ctx, id, name)
}

// Register creates the {{.Noun}} idempotently. (safe)
func (s *Service) Register(ctx context.Context, name string) error {
	if !platform.ValidName(name) {
		return platform.ErrInvalidInput
	}
	return s.store.EnsureSafe(ctx, platform.Slug(name))
}

// Claim assigns the {{.Noun}} to owner. (safe)
func (s *Service) Claim(ctx context.Context, id, owner int64) error {
	err := s.store.Claim(ctx, id, owner)
	if errors.Is(err, platform.ErrConflict) {
		s.log.Warn("already claimed", "id", id)
	}
	return err
}

// Summarize computes statistics over a page.
func (s *Service) Summarize(ctx context.Context, status string, limit int) (repo.Stats, error) {
	items, err := s.store.List(ctx, status, platform.ClampLimit(limit))
	if err != nil {
		return repo.Stats{}, err
	}
	st := repo.Stats{ByStatus: map[string]int{}}
	for _, x := range items {
		st.Total++
		st.ByStatus[x.Status]++
		st.Balance += x.Balance
	}
	return st, nil
}

// Export renders a page as CSV.
func (s *Service) Export(ctx context.Context, status string) (string, error) {
	items, err := s.store.List(ctx, status, 500)
	if err != nil {
		return "", err
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Name < items[j].Name })
	var b strings.Builder
	b.WriteString("id,name,status,count,balance\n")
	for _, x := range items {
		b.WriteString(strconv.FormatInt(x.ID, 10))
		b.WriteByte(',')
		b.WriteString(csvEscape(x.Name))
		b.WriteByte(',')
		b.WriteString(x.Status)
		b.WriteByte(',')
		b.WriteString(strconv.FormatInt(x.Count, 10))
		b.WriteByte(',')
		b.WriteString(strconv.FormatInt(x.Balance, 10))
		b.WriteByte('\n')
	}
	return b.String(), nil
}
{{if .Prev}}
// Link records a {{.Prev.Noun}} for this {{.Noun}}: a read in one table and a write in another, no race.
func (s *Service) Link(ctx context.Context, id int64) error {
	x, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if x.Active() {
		return s.prev.EnsureSafe(ctx, "{{.Noun}}-"+strconv.FormatInt(x.ID, 10))
	}
	return nil
}

// Promote approves the {{.Noun}} once its {{.Prev.Noun}} is active. (racy: RL001 on {{.Prev.Table}})
func (s *Service) Promote(ctx context.Context, prevID int64) error {
	p, err := s.prev.Get(ctx, prevID)
	if err != nil {
		return err
	}
	if p.Status == "archived" {
		return platform.ErrInvalidState
	}
	return s.prev.SetStatus(ctx, prevID, "archived")
}
{{end}}
func csvEscape(s string) string {
	if !strings.ContainsAny(s, ",\"\n") {
		return s
	}
	return "\"" + strings.ReplaceAll(s, "\"", "\"\"") + "\""
}

// Score ranks a {{.Noun}} for listings.
func Score(x *repo.{{.Type}}) float64 {
	score := float64(x.Count)
	switch x.Status {
	case "approved", "active":
		score *= 2
	case "pending":
		score *= 1.2
	case "archived":
		score = 0
	}
	if x.OwnerID.Valid {
		score += 10
	}
	if x.Balance < 0 {
		score -= float64(-x.Balance) / 100
	}
	return score
}
`)

var tServiceTest = mk("service-test", `package {{.Pkg}}

import (
	"testing"

	repo "{{.Module}}/internal/repo/{{.Pkg}}"
)

func TestCSVEscape(t *testing.T) {
	for in, want := range map[string]string{"a": "a", "a,b": "\"a,b\"", "x\"y": "\"x\"\"y\""} {
		if got := csvEscape(in); got != want {
			t.Errorf("csvEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScore(t *testing.T) {
	if got := Score(&repo.{{.Type}}{Count: 3, Status: "archived"}); got != 0 {
		t.Errorf("archived score = %v", got)
	}
}
`)

var tAPI = mk("api", `// Package {{.Pkg}} serves the {{.Noun}} HTTP API.
package {{.Pkg}}

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"{{.Module}}/internal/platform"
	service "{{.Module}}/internal/service/{{.Pkg}}"
)

// Handler serves /{{.Table}}.
type Handler struct {
	svc *service.Service
	log *slog.Logger
}

// New builds the handler.
func New(d platform.Deps, log *slog.Logger) *Handler {
	return &Handler{svc: service.New(d, log), log: log}
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /{{.Table}}/{id}/approve", h.approve)
	mux.HandleFunc("POST /{{.Table}}/{id}/activate", h.activate)
	mux.HandleFunc("POST /{{.Table}}/{id}/bump", h.bump)
	mux.HandleFunc("PUT /{{.Table}}/{id}/name", h.rename)
	mux.HandleFunc("GET /{{.Table}}/stats", h.stats)
	mux.HandleFunc("GET /{{.Table}}/export", h.export)
}

func pathID(r *http.Request) (int64, error) {
	return strconv.ParseInt(r.PathValue("id"), 10, 64)
}

func (h *Handler) fail(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	switch {
	case errors.Is(err, platform.ErrNotFound):
		code = http.StatusNotFound
	case errors.Is(err, platform.ErrInvalidState), errors.Is(err, platform.ErrConflict):
		code = http.StatusConflict
	case errors.Is(err, platform.ErrForbidden):
		code = http.StatusForbidden
	case errors.Is(err, platform.ErrInvalidInput):
		code = http.StatusBadRequest
	}
	if code == http.StatusInternalServerError {
		h.log.Error("{{.Table}}", "err", err)
	}
	http.Error(w, http.StatusText(code), code)
}

func (h *Handler) approve(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, platform.ErrInvalidInput)
		return
	}
	if err := h.svc.Approve(r.Context(), id); err != nil {
		h.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) activate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, platform.ErrInvalidInput)
		return
	}
	if err := h.svc.Activate(r.Context(), id); err != nil {
		h.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) bump(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, platform.ErrInvalidInput)
		return
	}
	if err := h.svc.Bump(r.Context(), id); err != nil {
		h.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) rename(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, platform.ErrInvalidInput)
		return
	}
	var body struct {
		Name  string {{bt}}json:"name"{{bt}}
		Actor int64  {{bt}}json:"actor"{{bt}}
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		h.fail(w, platform.ErrInvalidInput)
		return
	}
	if err := h.svc.Rename(r.Context(), body.Actor, id, body.Name); err != nil {
		h.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) stats(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	st, err := h.svc.Summarize(r.Context(), r.URL.Query().Get("status"), limit)
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(st); err != nil {
		h.log.Warn("encode", "err", err)
	}
}

func (h *Handler) export(w http.ResponseWriter, r *http.Request) {
	csv, err := h.svc.Export(r.Context(), r.URL.Query().Get("status"))
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	_, _ = w.Write([]byte(csv))
}
`)

var tMain = mk("main", `// Command server wires every API.
package main

import (
	"context"
	"database/sql"
	"log"
	"log/slog"
	"net/http"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"

	"{{.Module}}/internal/platform"
{{range .Domains}}	api{{.Pkg}} "{{.Module}}/internal/api/{{.Pkg}}"
{{end}})

func main() {
	dsn := os.Getenv("DATABASE_URL")
	sqldb, err := sql.Open("postgres", dsn)
	if err != nil {
		log.Fatal(err)
	}
	pool, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		log.Fatal(err)
	}
	var gdb *gorm.DB // opened with a dialector in production
	d := platform.Deps{SQL: sqldb, X: sqlx.NewDb(sqldb, "postgres"), Pool: pool, Gorm: gdb}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	mux := http.NewServeMux()
{{range .Domains}}	api{{.Pkg}}.New(d, logger).Register(mux)
{{end}}	log.Fatal(http.ListenAndServe(":8080", mux))
}
`)
