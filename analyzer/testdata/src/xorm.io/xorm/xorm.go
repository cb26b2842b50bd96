// Package xorm is a shape-only stub of xorm.io/xorm synthesized for
// racelint's tests; signatures match xorm.io/xorm@v1.4.3.
package xorm

import (
	"context"
	"database/sql"
)

// Engine is the database handle; its query methods start a Session.
type Engine struct{}

// Session is a chain of conditions and, after Begin, a transaction.
type Session struct{}

// NewEngine opens an engine.
func NewEngine(driverName, dataSourceName string, driverOptions ...func(db *sql.DB) error) (*Engine, error) {
	return &Engine{}, nil
}

func (engine *Engine) AllCols() *Session { return &Session{} }

func (engine *Engine) Asc(colNames ...string) *Session { return &Session{} }

func (engine *Engine) Close() error { return nil }

func (engine *Engine) Cols(columns ...string) *Session { return &Session{} }

func (engine *Engine) Context(ctx context.Context) *Session { return &Session{} }

func (engine *Engine) Count(bean ...any) (int64, error) { return 0, nil }

func (engine *Engine) Decr(column string, arg ...any) *Session { return &Session{} }

func (engine *Engine) Delete(beans ...any) (int64, error) { return 0, nil }

func (engine *Engine) Desc(colNames ...string) *Session { return &Session{} }

func (engine *Engine) Exec(sqlOrArgs ...any) (sql.Result, error) { return nil, nil }

func (engine *Engine) Exist(bean ...any) (bool, error) { return false, nil }

func (engine *Engine) Find(beans any, condiBeans ...any) error { return nil }

func (engine *Engine) Get(beans ...any) (bool, error) { return false, nil }

func (engine *Engine) ID(id any) *Session { return &Session{} }

func (engine *Engine) In(column string, args ...any) *Session { return &Session{} }

func (engine *Engine) Incr(column string, arg ...any) *Session { return &Session{} }

func (engine *Engine) Insert(beans ...any) (int64, error) { return 0, nil }

func (engine *Engine) InsertOne(bean any) (int64, error) { return 0, nil }

func (engine *Engine) Limit(limit int, start ...int) *Session { return &Session{} }

func (engine *Engine) MustCols(columns ...string) *Session { return &Session{} }

func (engine *Engine) NewSession() *Session { return &Session{} }

func (engine *Engine) NoAutoCondition(no ...bool) *Session { return &Session{} }

func (engine *Engine) NotIn(column string, args ...any) *Session { return &Session{} }

func (engine *Engine) Omit(columns ...string) *Session { return &Session{} }

func (engine *Engine) OrderBy(order any, args ...any) *Session { return &Session{} }

func (engine *Engine) Query(sqlOrArgs ...any) (resultsSlice []map[string][]byte, err error) {
	return nil, nil
}

func (engine *Engine) QueryString(sqlOrArgs ...any) ([]map[string]string, error) { return nil, nil }

func (engine *Engine) SQL(query any, args ...any) *Session { return &Session{} }

func (engine *Engine) Select(str string) *Session { return &Session{} }

func (engine *Engine) SetExpr(column string, expression any) *Session { return &Session{} }

func (engine *Engine) Table(tableNameOrBean any) *Session { return &Session{} }

func (engine *Engine) Transaction(f func(*Session) (any, error)) (any, error) { return nil, nil }

func (engine *Engine) Unscoped() *Session { return &Session{} }

func (engine *Engine) Update(bean any, condiBeans ...any) (int64, error) { return 0, nil }

func (engine *Engine) Where(query any, args ...any) *Session { return &Session{} }

func (session *Session) AllCols() *Session { return &Session{} }

func (session *Session) And(query any, args ...any) *Session { return &Session{} }

func (session *Session) Asc(colNames ...string) *Session { return &Session{} }

func (session *Session) Begin() error { return nil }

func (session *Session) Close() error { return nil }

func (session *Session) Cols(columns ...string) *Session { return &Session{} }

func (session *Session) Commit() error { return nil }

func (session *Session) Context(ctx context.Context) *Session { return &Session{} }

func (session *Session) Count(bean ...any) (int64, error) { return 0, nil }

func (session *Session) Decr(column string, arg ...any) *Session { return &Session{} }

func (session *Session) Delete(beans ...any) (int64, error) { return 0, nil }

func (session *Session) Desc(colNames ...string) *Session { return &Session{} }

func (session *Session) Exec(sqlOrArgs ...any) (sql.Result, error) { return nil, nil }

func (session *Session) Exist(bean ...any) (bool, error) { return false, nil }

func (session *Session) Find(rowsSlicePtr any, condiBean ...any) error { return nil }

func (session *Session) ForUpdate() *Session { return &Session{} }

func (session *Session) Get(beans ...any) (bool, error) { return false, nil }

func (session *Session) ID(id any) *Session { return &Session{} }

func (session *Session) In(column string, args ...any) *Session { return &Session{} }

func (session *Session) Incr(column string, arg ...any) *Session { return &Session{} }

func (session *Session) Insert(beans ...any) (int64, error) { return 0, nil }

func (session *Session) InsertOne(bean any) (int64, error) { return 0, nil }

func (session *Session) Limit(limit int, start ...int) *Session { return &Session{} }

func (session *Session) MustCols(columns ...string) *Session { return &Session{} }

func (session *Session) NoAutoCondition(no ...bool) *Session { return &Session{} }

func (session *Session) NotIn(column string, args ...any) *Session { return &Session{} }

func (session *Session) Omit(columns ...string) *Session { return &Session{} }

func (session *Session) Or(query any, args ...any) *Session { return &Session{} }

func (session *Session) OrderBy(order any, args ...any) *Session { return &Session{} }

func (session *Session) Query(sqlOrArgs ...any) ([]map[string][]byte, error) { return nil, nil }

func (session *Session) QueryString(sqlOrArgs ...any) ([]map[string]string, error) { return nil, nil }

func (session *Session) Rollback() error { return nil }

func (session *Session) SQL(query any, args ...any) *Session { return &Session{} }

func (session *Session) Select(str string) *Session { return &Session{} }

func (session *Session) SetExpr(column string, expression any) *Session { return &Session{} }

func (session *Session) Table(tableNameOrBean any) *Session { return &Session{} }

func (session *Session) Unscoped() *Session { return &Session{} }

func (session *Session) Update(bean any, condiBean ...any) (int64, error) { return 0, nil }

func (session *Session) Where(query any, args ...any) *Session { return &Session{} }
