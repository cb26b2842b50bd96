// Package goqu is a shape-only stub of goqu v9
// (github.com/doug-martin/goqu/v9) for analysistest: the datasets, the
// expression constructors and the transaction handle the tests use.
package goqu

import (
	"context"
	"database/sql"

	"github.com/doug-martin/goqu/v9/exec"
	"github.com/doug-martin/goqu/v9/exp"
)

type (
	Ex     = exp.Ex
	Op     = exp.Op
	Record = exp.Record
)

type (
	SQLDatabase interface {
		Begin() (*sql.Tx, error)
		BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
		ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
		QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
		QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
	}
	SQLTx interface {
		ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
		QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
		QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
		Commit() error
		Rollback() error
	}
	Database struct {
		dialect string
		Db      SQLDatabase
	}
	TxDatabase struct {
		dialect string
		Tx      SQLTx
	}
	SelectDataset struct{ table string }
	UpdateDataset struct{ table string }
	InsertDataset struct{ table string }
	DeleteDataset struct{ table string }
)

func New(dialect string, db SQLDatabase) *Database { return &Database{dialect: dialect, Db: db} }

func (d *Database) Begin() (*TxDatabase, error) { return &TxDatabase{}, nil }

func (d *Database) BeginTx(ctx context.Context, opts *sql.TxOptions) (*TxDatabase, error) {
	return &TxDatabase{}, nil
}

func (d *Database) WithTx(fn func(*TxDatabase) error) error { return fn(&TxDatabase{}) }

func (d *Database) From(from ...interface{}) *SelectDataset { return &SelectDataset{} }

func (d *Database) Select(cols ...interface{}) *SelectDataset { return &SelectDataset{} }

func (d *Database) Update(table interface{}) *UpdateDataset { return &UpdateDataset{} }

func (d *Database) Insert(table interface{}) *InsertDataset { return &InsertDataset{} }

func (d *Database) Delete(table interface{}) *DeleteDataset { return &DeleteDataset{} }

func (d *Database) ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error) {
	return nil, nil
}

func (d *Database) ScanStruct(i interface{}, query string, args ...interface{}) (bool, error) {
	return false, nil
}

func (td *TxDatabase) From(cols ...interface{}) *SelectDataset { return &SelectDataset{} }

func (td *TxDatabase) Update(table interface{}) *UpdateDataset { return &UpdateDataset{} }

func (td *TxDatabase) Insert(table interface{}) *InsertDataset { return &InsertDataset{} }

func (td *TxDatabase) Commit() error { return nil }

func (td *TxDatabase) Rollback() error { return nil }

func (sd *SelectDataset) From(from ...interface{}) *SelectDataset { return sd }

func (sd *SelectDataset) Where(expressions ...exp.Expression) *SelectDataset { return sd }

func (sd *SelectDataset) ForUpdate(waitOption exp.WaitOption, of ...exp.IdentifierExpression) *SelectDataset {
	return sd
}

func (sd *SelectDataset) Limit(limit uint) *SelectDataset { return sd }

func (sd *SelectDataset) ScanStruct(i interface{}) (bool, error) { return false, nil }

func (sd *SelectDataset) ScanStructs(i interface{}) error { return nil }

func (sd *SelectDataset) Count() (int64, error) { return 0, nil }

func (sd *SelectDataset) Executor() exec.QueryExecutor { return exec.QueryExecutor{} }

func (ud *UpdateDataset) Set(values interface{}) *UpdateDataset { return ud }

func (ud *UpdateDataset) Where(expressions ...exp.Expression) *UpdateDataset { return ud }

func (ud *UpdateDataset) Returning(returning ...interface{}) *UpdateDataset { return ud }

func (ud *UpdateDataset) Executor() exec.QueryExecutor { return exec.QueryExecutor{} }

func (id *InsertDataset) Rows(rows ...interface{}) *InsertDataset { return id }

func (id *InsertDataset) OnConflict(conflict exp.ConflictExpression) *InsertDataset { return id }

func (id *InsertDataset) Executor() exec.QueryExecutor { return exec.QueryExecutor{} }

func (dd *DeleteDataset) Where(expressions ...exp.Expression) *DeleteDataset { return dd }

func (dd *DeleteDataset) Executor() exec.QueryExecutor { return exec.QueryExecutor{} }

func C(col string) exp.IdentifierExpression { return nil }

func I(ident string) exp.IdentifierExpression { return nil }

func T(table string) exp.IdentifierExpression { return nil }

func L(sql string, args ...interface{}) exp.LiteralExpression { return nil }

func And(expressions ...exp.Expression) exp.ExpressionList { return nil }

func Or(expressions ...exp.Expression) exp.ExpressionList { return nil }

func DoNothing() exp.ConflictExpression { return nil }
