// Package gorm is a shape-only stub of github.com/jinzhu/gorm (GORM v1)
// synthesized for racelint's tests; signatures match
// github.com/jinzhu/gorm@v1.9.16.
package gorm

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Errors.
var (
	ErrRecordNotFound       = errors.New("record not found")
	ErrInvalidSQL           = errors.New("invalid SQL")
	ErrInvalidTransaction   = errors.New("no valid transaction")
	ErrCantStartTransaction = errors.New("can't start transaction")
	ErrUnaddressable        = errors.New("using unaddressable value")
)

// IsRecordNotFoundError reports whether err is ErrRecordNotFound.
func IsRecordNotFoundError(err error) bool { return err == ErrRecordNotFound }

// DB is a GORM v1 handle: chain methods clone it with one more clause.
type DB struct {
	Value        interface{}
	Error        error
	RowsAffected int64
}

// Model is the base model with the conventional columns.
type Model struct {
	ID        uint `gorm:"primary_key"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time `sql:"index"`
}

// SqlExpr is a raw SQL expression.
type SqlExpr struct {
	expr string
	args []interface{}
}

// Expr builds a raw SQL expression.
func Expr(expression string, args ...interface{}) *SqlExpr {
	return &SqlExpr{expr: expression, args: args}
}

// Open opens a database.
func Open(dialect string, args ...interface{}) (db *DB, err error) { return &DB{}, nil }

func (s *DB) New() *DB { return s }

func (s *DB) Close() error { return nil }

func (s *DB) DB() *sql.DB { return nil }

func (s *DB) LogMode(enable bool) *DB { return s }

func (s *DB) Where(query interface{}, args ...interface{}) *DB { return s }

func (s *DB) Or(query interface{}, args ...interface{}) *DB { return s }

func (s *DB) Not(query interface{}, args ...interface{}) *DB { return s }

func (s *DB) Limit(limit interface{}) *DB { return s }

func (s *DB) Offset(offset interface{}) *DB { return s }

func (s *DB) Order(value interface{}, reorder ...bool) *DB { return s }

func (s *DB) Select(query interface{}, args ...interface{}) *DB { return s }

func (s *DB) Omit(columns ...string) *DB { return s }

func (s *DB) Group(query string) *DB { return s }

func (s *DB) Having(query interface{}, values ...interface{}) *DB { return s }

func (s *DB) Joins(query string, args ...interface{}) *DB { return s }

func (s *DB) Scopes(funcs ...func(*DB) *DB) *DB { return s }

func (s *DB) Unscoped() *DB { return s }

func (s *DB) Attrs(attrs ...interface{}) *DB { return s }

func (s *DB) Assign(attrs ...interface{}) *DB { return s }

func (s *DB) First(out interface{}, where ...interface{}) *DB { return s }

func (s *DB) Take(out interface{}, where ...interface{}) *DB { return s }

func (s *DB) Last(out interface{}, where ...interface{}) *DB { return s }

func (s *DB) Find(out interface{}, where ...interface{}) *DB { return s }

func (s *DB) Scan(dest interface{}) *DB { return s }

func (s *DB) Row() *sql.Row { return nil }

func (s *DB) Rows() (*sql.Rows, error) { return nil, nil }

func (s *DB) Pluck(column string, value interface{}) *DB { return s }

func (s *DB) Count(value interface{}) *DB { return s }

func (s *DB) FirstOrInit(out interface{}, where ...interface{}) *DB { return s }

func (s *DB) FirstOrCreate(out interface{}, where ...interface{}) *DB { return s }

func (s *DB) Update(attrs ...interface{}) *DB { return s }

func (s *DB) Updates(values interface{}, ignoreProtectedAttrs ...bool) *DB { return s }

func (s *DB) UpdateColumn(attrs ...interface{}) *DB { return s }

func (s *DB) UpdateColumns(values interface{}) *DB { return s }

func (s *DB) Save(value interface{}) *DB { return s }

func (s *DB) Create(value interface{}) *DB { return s }

func (s *DB) Delete(value interface{}, where ...interface{}) *DB { return s }

func (s *DB) Raw(sql string, values ...interface{}) *DB { return s }

func (s *DB) Exec(sql string, values ...interface{}) *DB { return s }

func (s *DB) Model(value interface{}) *DB { return s }

func (s *DB) Table(name string) *DB { return s }

func (s *DB) Debug() *DB { return s }

func (s *DB) Transaction(fc func(tx *DB) error) (err error) { return nil }

func (s *DB) Begin() *DB { return s }

func (s *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) *DB { return s }

func (s *DB) Commit() *DB { return s }

func (s *DB) Rollback() *DB { return s }

func (s *DB) RollbackUnlessCommitted() *DB { return s }

func (s *DB) RecordNotFound() bool { return false }

func (s *DB) Preload(column string, conditions ...interface{}) *DB { return s }

func (s *DB) Set(name string, value interface{}) *DB { return s }

func (s *DB) InstantSet(name string, value interface{}) *DB { return s }
