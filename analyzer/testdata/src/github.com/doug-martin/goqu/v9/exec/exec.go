// Package exec is a shape-only stub of goqu's executor
// (github.com/doug-martin/goqu/v9/exec) for analysistest.
package exec

import (
	"context"
	gsql "database/sql"
)

type QueryExecutor struct {
	query string
	args  []interface{}
}

func (q QueryExecutor) Exec() (gsql.Result, error) { return nil, nil }

func (q QueryExecutor) ExecContext(ctx context.Context) (gsql.Result, error) { return nil, nil }

func (q QueryExecutor) ScanStruct(i interface{}) (bool, error) { return false, nil }

func (q QueryExecutor) ScanStructs(i interface{}) error { return nil }

func (q QueryExecutor) ScanVal(i interface{}) (bool, error) { return false, nil }
