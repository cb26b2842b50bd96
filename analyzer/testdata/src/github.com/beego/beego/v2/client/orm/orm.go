// Package orm is a shape-only stub of beego ORM v2
// (github.com/beego/beego/v2/client/orm) for analysistest: the interfaces
// keep the real embedding (an Ormer's methods are declared in DQL, DML,
// TxBeginner and txEnder), with the subset of methods the tests call.
package orm

import (
	"context"
	"database/sql"
	"errors"
)

var ErrNoRows = errors.New("<QuerySeter> no row found")

type Params map[string]interface{}

type ParamsList []interface{}

type operator int

const (
	ColAdd operator = iota
	ColMinus
)

func ColValue(opt operator, value interface{}) interface{} { return value }

type Condition struct{ params []interface{} }

func NewCondition() *Condition { return &Condition{} }

func (c Condition) And(expr string, args ...interface{}) *Condition { return &c }

func RegisterModel(models ...interface{}) {}

func NewOrm() Ormer { return nil }

type DQL interface {
	Read(md interface{}, cols ...string) error
	ReadWithCtx(ctx context.Context, md interface{}, cols ...string) error
	ReadForUpdate(md interface{}, cols ...string) error
	ReadForUpdateWithCtx(ctx context.Context, md interface{}, cols ...string) error
	ReadOrCreate(md interface{}, col1 string, cols ...string) (bool, int64, error)
	QueryTable(ptrStructOrTableName interface{}) QuerySeter
}

type DML interface {
	Insert(md interface{}) (int64, error)
	InsertWithCtx(ctx context.Context, md interface{}) (int64, error)
	InsertOrUpdate(md interface{}, colConflitAndArgs ...string) (int64, error)
	Update(md interface{}, cols ...string) (int64, error)
	UpdateWithCtx(ctx context.Context, md interface{}, cols ...string) (int64, error)
	Delete(md interface{}, cols ...string) (int64, error)
	Raw(query string, args ...interface{}) RawSeter
}

type ormer interface {
	DQL
	DML
}

type QueryExecutor interface {
	ormer
}

type TxBeginner interface {
	Begin() (TxOrmer, error)
	BeginWithCtx(ctx context.Context) (TxOrmer, error)
	BeginWithOpts(opts *sql.TxOptions) (TxOrmer, error)
	DoTx(task func(ctx context.Context, txOrm TxOrmer) error) error
	DoTxWithCtx(ctx context.Context, task func(ctx context.Context, txOrm TxOrmer) error) error
	DoTxWithOpts(opts *sql.TxOptions, task func(ctx context.Context, txOrm TxOrmer) error) error
}

type txEnder interface {
	Commit() error
	Rollback() error
	RollbackUnlessCommit() error
}

type TxCommitter interface {
	txEnder
}

type Ormer interface {
	QueryExecutor
	TxBeginner
}

type TxOrmer interface {
	QueryExecutor
	TxCommitter
}

type QuerySeter interface {
	Filter(string, ...interface{}) QuerySeter
	Exclude(string, ...interface{}) QuerySeter
	SetCond(*Condition) QuerySeter
	Limit(limit interface{}, args ...interface{}) QuerySeter
	OrderBy(exprs ...string) QuerySeter
	ForUpdate() QuerySeter
	Count() (int64, error)
	Exist() bool
	Update(values Params) (int64, error)
	Delete() (int64, error)
	All(container interface{}, cols ...string) (int64, error)
	One(container interface{}, cols ...string) error
}

type RawSeter interface {
	Exec() (sql.Result, error)
	QueryRow(containers ...interface{}) error
	QueryRows(containers ...interface{}) (int64, error)
	SetArgs(...interface{}) RawSeter
}
