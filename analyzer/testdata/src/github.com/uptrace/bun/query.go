package bun

import (
	"context"
	"database/sql"
)

// SelectQuery builds a SELECT.
type SelectQuery struct {
	conn IConn
}

// Conn sets the connection the query runs on.
func (q *SelectQuery) Conn(db IConn) *SelectQuery { return q }

// Model sets the model.
func (q *SelectQuery) Model(model any) *SelectQuery { return q }

// Table adds tables.
func (q *SelectQuery) Table(tables ...string) *SelectQuery { return q }

// TableExpr adds a table expression.
func (q *SelectQuery) TableExpr(query string, args ...any) *SelectQuery { return q }

// Column adds columns.
func (q *SelectQuery) Column(columns ...string) *SelectQuery { return q }

// ColumnExpr adds a column expression.
func (q *SelectQuery) ColumnExpr(query string, args ...any) *SelectQuery { return q }

// WherePK filters by the model's primary key.
func (q *SelectQuery) WherePK(cols ...string) *SelectQuery { return q }

// Where adds an AND condition.
func (q *SelectQuery) Where(query string, args ...any) *SelectQuery { return q }

// WhereOr adds an OR condition.
func (q *SelectQuery) WhereOr(query string, args ...any) *SelectQuery { return q }

// WhereGroup adds a parenthesised group of conditions.
func (q *SelectQuery) WhereGroup(sep string, fn func(*SelectQuery) *SelectQuery) *SelectQuery {
	return q
}

// Order adds ORDER BY columns.
func (q *SelectQuery) Order(orders ...string) *SelectQuery { return q }

// OrderExpr adds an ORDER BY expression.
func (q *SelectQuery) OrderExpr(query string, args ...any) *SelectQuery { return q }

// Limit sets LIMIT.
func (q *SelectQuery) Limit(n int64) *SelectQuery { return q }

// For adds a locking clause (FOR UPDATE, FOR SHARE, ...).
func (q *SelectQuery) For(s string, args ...any) *SelectQuery { return q }

// Exec runs the query.
func (q *SelectQuery) Exec(ctx context.Context, dest ...any) (res sql.Result, err error) {
	return nil, nil
}

// Scan runs the query and scans the result into the model or dest.
func (q *SelectQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Count runs a count query.
func (q *SelectQuery) Count(ctx context.Context) (int64, error) { return 0, nil }

// ScanAndCount runs Scan and Count.
func (q *SelectQuery) ScanAndCount(ctx context.Context, dest ...any) (int64, error) { return 0, nil }

// Exists runs an EXISTS query.
func (q *SelectQuery) Exists(ctx context.Context) (bool, error) { return false, nil }

// UpdateQuery builds an UPDATE.
type UpdateQuery struct {
	conn IConn
}

// Conn sets the connection the query runs on.
func (q *UpdateQuery) Conn(db IConn) *UpdateQuery { return q }

// Model sets the model.
func (q *UpdateQuery) Model(model any) *UpdateQuery { return q }

// Table adds tables.
func (q *UpdateQuery) Table(tables ...string) *UpdateQuery { return q }

// TableExpr adds a table expression.
func (q *UpdateQuery) TableExpr(query string, args ...any) *UpdateQuery { return q }

// Column sets the model columns to update.
func (q *UpdateQuery) Column(columns ...string) *UpdateQuery { return q }

// Set adds a SET expression.
func (q *UpdateQuery) Set(query string, args ...any) *UpdateQuery { return q }

// SetColumn sets column to an expression.
func (q *UpdateQuery) SetColumn(column string, query string, args ...any) *UpdateQuery { return q }

// Value overrides the value of a model column.
func (q *UpdateQuery) Value(column string, query string, args ...any) *UpdateQuery { return q }

// WherePK filters by the model's primary key.
func (q *UpdateQuery) WherePK(cols ...string) *UpdateQuery { return q }

// Where adds an AND condition.
func (q *UpdateQuery) Where(query string, args ...any) *UpdateQuery { return q }

// WhereOr adds an OR condition.
func (q *UpdateQuery) WhereOr(query string, args ...any) *UpdateQuery { return q }

// WhereGroup adds a parenthesised group of conditions.
func (q *UpdateQuery) WhereGroup(sep string, fn func(*UpdateQuery) *UpdateQuery) *UpdateQuery {
	return q
}

// Order adds ORDER BY columns.
func (q *UpdateQuery) Order(orders ...string) *UpdateQuery { return q }

// OrderExpr adds an ORDER BY expression.
func (q *UpdateQuery) OrderExpr(query string, args ...any) *UpdateQuery { return q }

// Limit sets LIMIT.
func (q *UpdateQuery) Limit(n int64) *UpdateQuery { return q }

// Returning adds a RETURNING clause.
func (q *UpdateQuery) Returning(query string, args ...any) *UpdateQuery { return q }

// Scan runs the query and scans the RETURNING row.
func (q *UpdateQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Exec runs the query.
func (q *UpdateQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// InsertQuery builds an INSERT.
type InsertQuery struct {
	conn IConn
}

// Conn sets the connection the query runs on.
func (q *InsertQuery) Conn(db IConn) *InsertQuery { return q }

// Model sets the model.
func (q *InsertQuery) Model(model any) *InsertQuery { return q }

// Table adds tables.
func (q *InsertQuery) Table(tables ...string) *InsertQuery { return q }

// TableExpr adds a table expression.
func (q *InsertQuery) TableExpr(query string, args ...any) *InsertQuery { return q }

// Column sets the model columns to insert.
func (q *InsertQuery) Column(columns ...string) *InsertQuery { return q }

// ColumnExpr adds a column expression.
func (q *InsertQuery) ColumnExpr(query string, args ...any) *InsertQuery { return q }

// Value overrides the value of a model column.
func (q *InsertQuery) Value(column string, expr string, args ...any) *InsertQuery { return q }

// Where adds an AND condition (for ON CONFLICT ... DO UPDATE).
func (q *InsertQuery) Where(query string, args ...any) *InsertQuery { return q }

// WhereOr adds an OR condition.
func (q *InsertQuery) WhereOr(query string, args ...any) *InsertQuery { return q }

// Returning adds a RETURNING clause.
func (q *InsertQuery) Returning(query string, args ...any) *InsertQuery { return q }

// Ignore adds IGNORE (MySQL) or ON CONFLICT DO NOTHING.
func (q *InsertQuery) Ignore() *InsertQuery { return q }

// On adds an ON CONFLICT / ON DUPLICATE KEY clause.
func (q *InsertQuery) On(s string, args ...any) *InsertQuery { return q }

// Set adds a SET expression of ON CONFLICT ... DO UPDATE.
func (q *InsertQuery) Set(query string, args ...any) *InsertQuery { return q }

// Scan runs the query and scans the RETURNING row.
func (q *InsertQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Exec runs the query.
func (q *InsertQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// DeleteQuery builds a DELETE.
type DeleteQuery struct {
	conn IConn
}

// Conn sets the connection the query runs on.
func (q *DeleteQuery) Conn(db IConn) *DeleteQuery { return q }

// Model sets the model.
func (q *DeleteQuery) Model(model any) *DeleteQuery { return q }

// Table adds tables.
func (q *DeleteQuery) Table(tables ...string) *DeleteQuery { return q }

// TableExpr adds a table expression.
func (q *DeleteQuery) TableExpr(query string, args ...any) *DeleteQuery { return q }

// WherePK filters by the model's primary key.
func (q *DeleteQuery) WherePK(cols ...string) *DeleteQuery { return q }

// Where adds an AND condition.
func (q *DeleteQuery) Where(query string, args ...any) *DeleteQuery { return q }

// WhereOr adds an OR condition.
func (q *DeleteQuery) WhereOr(query string, args ...any) *DeleteQuery { return q }

// WhereGroup adds a parenthesised group of conditions.
func (q *DeleteQuery) WhereGroup(sep string, fn func(*DeleteQuery) *DeleteQuery) *DeleteQuery {
	return q
}

// Order adds ORDER BY columns.
func (q *DeleteQuery) Order(orders ...string) *DeleteQuery { return q }

// OrderExpr adds an ORDER BY expression.
func (q *DeleteQuery) OrderExpr(query string, args ...any) *DeleteQuery { return q }

// Limit sets LIMIT.
func (q *DeleteQuery) Limit(n int64) *DeleteQuery { return q }

// Returning adds a RETURNING clause.
func (q *DeleteQuery) Returning(query string, args ...any) *DeleteQuery { return q }

// Scan runs the query and scans the RETURNING row.
func (q *DeleteQuery) Scan(ctx context.Context, dest ...any) error { return nil }

// Exec runs the query.
func (q *DeleteQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// RawQuery is a query written in SQL.
type RawQuery struct {
	conn IConn
}

// Conn sets the connection the query runs on.
func (q *RawQuery) Conn(db IConn) *RawQuery { return q }

// Exec runs the query.
func (q *RawQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// Scan runs the query and scans the result.
func (q *RawQuery) Scan(ctx context.Context, dest ...any) error { return nil }
