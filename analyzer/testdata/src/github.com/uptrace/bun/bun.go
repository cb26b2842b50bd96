// Package bun is a shape-only stub of github.com/uptrace/bun synthesized for racelint's tests; signatures match github.com/uptrace/bun@v1.3.0.
package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

type (
	// Ident is a fully qualified SQL identifier.
	Ident = schema.Ident

	// BaseModel provides default metadata embedded into user models.
	BaseModel = schema.BaseModel
)

// IConn is the query surface shared by DB, Conn and Tx.
type IConn interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// IDB is implemented by DB, Conn and Tx (subset).
type IDB interface {
	IConn

	NewSelect() *SelectQuery
	NewInsert() *InsertQuery
	NewUpdate() *UpdateQuery
	NewDelete() *DeleteQuery
	NewRaw(query string, args ...any) *RawQuery

	BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error)
	RunInTx(ctx context.Context, opts *sql.TxOptions, f func(ctx context.Context, tx Tx) error) error
}

// DB is a bun database. As in the real package, *sql.DB is embedded through
// the unexported *noCopyState.
type DB struct {
	*noCopyState
}

type noCopyState struct {
	*sql.DB
}

// String describes the database.
func (db *DB) String() string { return "DB" }

// Close closes the database.
func (db *DB) Close() error { return nil }

// NewSelect starts a SELECT query.
func (db *DB) NewSelect() *SelectQuery { return &SelectQuery{} }

// NewInsert starts an INSERT query.
func (db *DB) NewInsert() *InsertQuery { return &InsertQuery{} }

// NewUpdate starts an UPDATE query.
func (db *DB) NewUpdate() *UpdateQuery { return &UpdateQuery{} }

// NewDelete starts a DELETE query.
func (db *DB) NewDelete() *DeleteQuery { return &DeleteQuery{} }

// NewRaw starts a raw query.
func (db *DB) NewRaw(query string, args ...any) *RawQuery { return &RawQuery{} }

// Exec runs a statement.
func (db *DB) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }

// ExecContext runs a statement.
func (db *DB) ExecContext(
	ctx context.Context, query string, args ...any,
) (sql.Result, error) {
	return nil, nil
}

// Query runs a query.
func (db *DB) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }

// QueryContext runs a query.
func (db *DB) QueryContext(
	ctx context.Context, query string, args ...any,
) (*sql.Rows, error) {
	return nil, nil
}

// QueryRow runs a query returning at most one row.
func (db *DB) QueryRow(query string, args ...any) *sql.Row { return nil }

// QueryRowContext runs a query returning at most one row.
func (db *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row { return nil }

// Conn returns a single connection.
func (db *DB) Conn(ctx context.Context) (Conn, error) { return Conn{}, nil }

// Prepare prepares a statement.
func (db *DB) Prepare(query string) (Stmt, error) { return Stmt{}, nil }

// PrepareContext prepares a statement.
func (db *DB) PrepareContext(ctx context.Context, query string) (Stmt, error) { return Stmt{}, nil }

// RunInTx runs fn in a transaction, committing when it returns nil.
func (db *DB) RunInTx(
	ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error,
) error {
	return nil
}

// Begin starts a transaction.
func (db *DB) Begin() (Tx, error) { return Tx{}, nil }

// BeginTx starts a transaction.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }

// Conn is a single database connection.
type Conn struct {
	db *DB
	*sql.Conn
}

// ExecContext runs a statement.
func (c Conn) ExecContext(
	ctx context.Context, query string, args ...any,
) (sql.Result, error) {
	return nil, nil
}

// QueryContext runs a query.
func (c Conn) QueryContext(
	ctx context.Context, query string, args ...any,
) (*sql.Rows, error) {
	return nil, nil
}

// QueryRowContext runs a query returning at most one row.
func (c Conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row { return nil }

// NewSelect starts a SELECT query.
func (c Conn) NewSelect() *SelectQuery { return &SelectQuery{} }

// NewInsert starts an INSERT query.
func (c Conn) NewInsert() *InsertQuery { return &InsertQuery{} }

// NewUpdate starts an UPDATE query.
func (c Conn) NewUpdate() *UpdateQuery { return &UpdateQuery{} }

// NewDelete starts a DELETE query.
func (c Conn) NewDelete() *DeleteQuery { return &DeleteQuery{} }

// NewRaw starts a raw query.
func (c Conn) NewRaw(query string, args ...any) *RawQuery { return &RawQuery{} }

// RunInTx runs fn in a transaction, committing when it returns nil.
func (c Conn) RunInTx(
	ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error,
) error {
	return nil
}

// BeginTx starts a transaction.
func (c Conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }

// Stmt is a prepared statement.
type Stmt struct {
	*sql.Stmt
}

// Tx is a transaction (or a savepoint of one).
type Tx struct {
	ctx context.Context
	db  *DB
	// name is the name of a savepoint
	name string
	*sql.Tx
}

// Commit commits the transaction.
func (tx Tx) Commit() error { return nil }

// Rollback rolls the transaction back.
func (tx Tx) Rollback() error { return nil }

// Exec runs a statement.
func (tx Tx) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }

// ExecContext runs a statement.
func (tx Tx) ExecContext(
	ctx context.Context, query string, args ...any,
) (sql.Result, error) {
	return nil, nil
}

// Query runs a query.
func (tx Tx) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }

// QueryContext runs a query.
func (tx Tx) QueryContext(
	ctx context.Context, query string, args ...any,
) (*sql.Rows, error) {
	return nil, nil
}

// QueryRow runs a query returning at most one row.
func (tx Tx) QueryRow(query string, args ...any) *sql.Row { return nil }

// QueryRowContext runs a query returning at most one row.
func (tx Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row { return nil }

// Begin starts a savepoint.
func (tx Tx) Begin() (Tx, error) { return Tx{}, nil }

// BeginTx starts a savepoint.
func (tx Tx) BeginTx(ctx context.Context, _ *sql.TxOptions) (Tx, error) { return Tx{}, nil }

// RunInTx runs fn in a savepoint.
func (tx Tx) RunInTx(
	ctx context.Context, _ *sql.TxOptions, fn func(ctx context.Context, tx Tx) error,
) error {
	return nil
}

// NewSelect starts a SELECT query.
func (tx Tx) NewSelect() *SelectQuery { return &SelectQuery{} }

// NewInsert starts an INSERT query.
func (tx Tx) NewInsert() *InsertQuery { return &InsertQuery{} }

// NewUpdate starts an UPDATE query.
func (tx Tx) NewUpdate() *UpdateQuery { return &UpdateQuery{} }

// NewDelete starts a DELETE query.
func (tx Tx) NewDelete() *DeleteQuery { return &DeleteQuery{} }

// NewRaw starts a raw query.
func (tx Tx) NewRaw(query string, args ...any) *RawQuery { return &RawQuery{} }
