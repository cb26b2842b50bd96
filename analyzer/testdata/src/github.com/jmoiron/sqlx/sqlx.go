// Package sqlx is a shape-only stub of github.com/jmoiron/sqlx synthesized for racelint's tests; signatures match github.com/jmoiron/sqlx@v1.4.0.
package sqlx

import (
	"context"
	"database/sql"
	"strings"

	"github.com/jmoiron/sqlx/reflectx"
)

// Bind types.
const (
	UNKNOWN = iota
	QUESTION
	DOLLAR
	NAMED
	AT
)

// NameMapper maps column names to struct field names.
var NameMapper = strings.ToLower

// ColScanner is the Rows/Row subset used by MapScan and SliceScan.
type ColScanner interface {
	Columns() ([]string, error)
	Scan(dest ...interface{}) error
	Err() error
}

// Queryer runs queries.
type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
	Queryx(query string, args ...interface{}) (*Rows, error)
	QueryRowx(query string, args ...interface{}) *Row
}

// Execer runs statements.
type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type binder interface {
	DriverName() string
	Rebind(string) string
	BindNamed(string, interface{}) (string, []interface{}, error)
}

// Ext is a union of Queryer and Execer with binding.
type Ext interface {
	binder
	Queryer
	Execer
}

// Preparer prepares statements.
type Preparer interface {
	Prepare(query string) (*sql.Stmt, error)
}

// QueryerContext runs queries with a context.
type QueryerContext interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error)
	QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row
}

// PreparerContext prepares statements with a context.
type PreparerContext interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// ExecerContext runs statements with a context.
type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

// ExtContext is a union of QueryerContext and ExecerContext with binding.
type ExtContext interface {
	binder
	QueryerContext
	ExecerContext
}

type rowsi interface {
	Close() error
	Columns() ([]string, error)
	Err() error
	Next() bool
	Scan(...interface{}) error
}

// Row is a sqlx row.
type Row struct {
	Mapper *reflectx.Mapper
}

// Scan scans the row.
func (r *Row) Scan(dest ...interface{}) error { return nil }

// Columns returns the column names.
func (r *Row) Columns() ([]string, error) { return nil, nil }

// ColumnTypes returns the column types.
func (r *Row) ColumnTypes() ([]*sql.ColumnType, error) { return nil, nil }

// Err returns the deferred error.
func (r *Row) Err() error { return nil }

// SliceScan scans into a slice.
func (r *Row) SliceScan() ([]interface{}, error) { return nil, nil }

// MapScan scans into a map.
func (r *Row) MapScan(dest map[string]interface{}) error { return nil }

// StructScan scans into a struct.
func (r *Row) StructScan(dest interface{}) error { return nil }

// DB wraps *sql.DB.
type DB struct {
	*sql.DB
	Mapper *reflectx.Mapper
}

// NewDb wraps an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return nil }

// DriverName returns the driver name.
func (db *DB) DriverName() string { return "" }

// Open opens a database.
func Open(driverName, dataSourceName string) (*DB, error) { return nil, nil }

// MustOpen opens a database or panics.
func MustOpen(driverName, dataSourceName string) *DB { return nil }

// MapperFunc sets the name mapper.
func (db *DB) MapperFunc(mf func(string) string) {}

// Rebind rebinds a query.
func (db *DB) Rebind(query string) string { return "" }

// Unsafe returns an unsafe copy.
func (db *DB) Unsafe() *DB { return nil }

// BindNamed binds a named query.
func (db *DB) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	return "", nil, nil
}

// NamedQuery runs a named query.
func (db *DB) NamedQuery(query string, arg interface{}) (*Rows, error) { return nil, nil }

// NamedExec runs a named statement.
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

// Select selects rows into dest.
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error { return nil }

// Get gets one row into dest.
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error { return nil }

// MustBegin begins a transaction or panics.
func (db *DB) MustBegin() *Tx { return nil }

// Beginx begins a transaction.
func (db *DB) Beginx() (*Tx, error) { return nil, nil }

// Queryx runs a query.
func (db *DB) Queryx(query string, args ...interface{}) (*Rows, error) { return nil, nil }

// QueryRowx runs a single-row query.
func (db *DB) QueryRowx(query string, args ...interface{}) *Row { return nil }

// MustExec runs a statement or panics.
func (db *DB) MustExec(query string, args ...interface{}) sql.Result { return nil }

// Preparex prepares a statement.
func (db *DB) Preparex(query string) (*Stmt, error) { return nil, nil }

// PrepareNamed prepares a named statement.
func (db *DB) PrepareNamed(query string) (*NamedStmt, error) { return nil, nil }

// PrepareNamedContext prepares a named statement.
func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return nil, nil
}

// NamedQueryContext runs a named query.
func (db *DB) NamedQueryContext(ctx context.Context, query string, arg interface{}) (*Rows, error) {
	return nil, nil
}

// NamedExecContext runs a named statement.
func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// SelectContext selects rows into dest.
func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// GetContext gets one row into dest.
func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// PreparexContext prepares a statement.
func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }

// QueryxContext runs a query.
func (db *DB) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}

// QueryRowxContext runs a single-row query.
func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return nil
}

// MustBeginTx begins a transaction or panics.
func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx { return nil }

// MustExecContext runs a statement or panics.
func (db *DB) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

// BeginTxx begins a transaction.
func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }

// Connx returns a single connection.
func (db *DB) Connx(ctx context.Context) (*Conn, error) { return nil, nil }

// Conn wraps *sql.Conn.
type Conn struct {
	*sql.Conn
	Mapper *reflectx.Mapper
}

// BeginTxx begins a transaction.
func (c *Conn) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }

// SelectContext selects rows into dest.
func (c *Conn) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// GetContext gets one row into dest.
func (c *Conn) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// PreparexContext prepares a statement.
func (c *Conn) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }

// QueryxContext runs a query.
func (c *Conn) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}

// QueryRowxContext runs a single-row query.
func (c *Conn) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return nil
}

// Rebind rebinds a query.
func (c *Conn) Rebind(query string) string { return "" }

// Tx wraps *sql.Tx.
type Tx struct {
	*sql.Tx
	Mapper *reflectx.Mapper
}

// DriverName returns the driver name.
func (tx *Tx) DriverName() string { return "" }

// Rebind rebinds a query.
func (tx *Tx) Rebind(query string) string { return "" }

// Unsafe returns an unsafe copy.
func (tx *Tx) Unsafe() *Tx { return nil }

// BindNamed binds a named query.
func (tx *Tx) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	return "", nil, nil
}

// NamedQuery runs a named query.
func (tx *Tx) NamedQuery(query string, arg interface{}) (*Rows, error) { return nil, nil }

// NamedExec runs a named statement.
func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error) { return nil, nil }

// Select selects rows into dest.
func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error { return nil }

// Queryx runs a query.
func (tx *Tx) Queryx(query string, args ...interface{}) (*Rows, error) { return nil, nil }

// QueryRowx runs a single-row query.
func (tx *Tx) QueryRowx(query string, args ...interface{}) *Row { return nil }

// Get gets one row into dest.
func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error { return nil }

// MustExec runs a statement or panics.
func (tx *Tx) MustExec(query string, args ...interface{}) sql.Result { return nil }

// Preparex prepares a statement.
func (tx *Tx) Preparex(query string) (*Stmt, error) { return nil, nil }

// Stmtx returns a transaction-specific statement.
func (tx *Tx) Stmtx(stmt interface{}) *Stmt { return nil }

// NamedStmt returns a transaction-specific named statement.
func (tx *Tx) NamedStmt(stmt *NamedStmt) *NamedStmt { return nil }

// PrepareNamed prepares a named statement.
func (tx *Tx) PrepareNamed(query string) (*NamedStmt, error) { return nil, nil }

// StmtxContext returns a transaction-specific statement.
func (tx *Tx) StmtxContext(ctx context.Context, stmt interface{}) *Stmt { return nil }

// NamedStmtContext returns a transaction-specific named statement.
func (tx *Tx) NamedStmtContext(ctx context.Context, stmt *NamedStmt) *NamedStmt { return nil }

// PreparexContext prepares a statement.
func (tx *Tx) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }

// PrepareNamedContext prepares a named statement.
func (tx *Tx) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return nil, nil
}

// MustExecContext runs a statement or panics.
func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

// QueryxContext runs a query.
func (tx *Tx) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}

// SelectContext selects rows into dest.
func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// GetContext gets one row into dest.
func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// QueryRowxContext runs a single-row query.
func (tx *Tx) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return nil
}

// NamedExecContext runs a named statement.
func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// Stmt wraps *sql.Stmt.
type Stmt struct {
	*sql.Stmt
	Mapper *reflectx.Mapper
}

// Unsafe returns an unsafe copy.
func (s *Stmt) Unsafe() *Stmt { return nil }

// Select selects rows into dest.
func (s *Stmt) Select(dest interface{}, args ...interface{}) error { return nil }

// Get gets one row into dest.
func (s *Stmt) Get(dest interface{}, args ...interface{}) error { return nil }

// MustExec runs the statement or panics.
func (s *Stmt) MustExec(args ...interface{}) sql.Result { return nil }

// QueryRowx runs a single-row query.
func (s *Stmt) QueryRowx(args ...interface{}) *Row { return nil }

// Queryx runs a query.
func (s *Stmt) Queryx(args ...interface{}) (*Rows, error) { return nil, nil }

// SelectContext selects rows into dest.
func (s *Stmt) SelectContext(ctx context.Context, dest interface{}, args ...interface{}) error {
	return nil
}

// GetContext gets one row into dest.
func (s *Stmt) GetContext(ctx context.Context, dest interface{}, args ...interface{}) error {
	return nil
}

// MustExecContext runs the statement or panics.
func (s *Stmt) MustExecContext(ctx context.Context, args ...interface{}) sql.Result { return nil }

// QueryRowxContext runs a single-row query.
func (s *Stmt) QueryRowxContext(ctx context.Context, args ...interface{}) *Row { return nil }

// QueryxContext runs a query.
func (s *Stmt) QueryxContext(ctx context.Context, args ...interface{}) (*Rows, error) {
	return nil, nil
}

// Rows wraps *sql.Rows.
type Rows struct {
	*sql.Rows
	Mapper *reflectx.Mapper
}

// SliceScan scans into a slice.
func (r *Rows) SliceScan() ([]interface{}, error) { return nil, nil }

// MapScan scans into a map.
func (r *Rows) MapScan(dest map[string]interface{}) error { return nil }

// StructScan scans into a struct.
func (r *Rows) StructScan(dest interface{}) error { return nil }

// NamedStmt is a prepared named statement.
type NamedStmt struct {
	Params      []string
	QueryString string
	Stmt        *Stmt
}

// Close closes the statement.
func (n *NamedStmt) Close() error { return nil }

// Exec runs the statement.
func (n *NamedStmt) Exec(arg interface{}) (sql.Result, error) { return nil, nil }

// Query runs the query.
func (n *NamedStmt) Query(arg interface{}) (*sql.Rows, error) { return nil, nil }

// QueryRow runs a single-row query.
func (n *NamedStmt) QueryRow(arg interface{}) *Row { return nil }

// MustExec runs the statement or panics.
func (n *NamedStmt) MustExec(arg interface{}) sql.Result { return nil }

// Queryx runs the query.
func (n *NamedStmt) Queryx(arg interface{}) (*Rows, error) { return nil, nil }

// QueryRowx runs a single-row query.
func (n *NamedStmt) QueryRowx(arg interface{}) *Row { return nil }

// Select selects rows into dest.
func (n *NamedStmt) Select(dest interface{}, arg interface{}) error { return nil }

// Get gets one row into dest.
func (n *NamedStmt) Get(dest interface{}, arg interface{}) error { return nil }

// Unsafe returns an unsafe copy.
func (n *NamedStmt) Unsafe() *NamedStmt { return nil }

// ExecContext runs the statement.
func (n *NamedStmt) ExecContext(ctx context.Context, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// QueryContext runs the query.
func (n *NamedStmt) QueryContext(ctx context.Context, arg interface{}) (*sql.Rows, error) {
	return nil, nil
}

// QueryRowContext runs a single-row query.
func (n *NamedStmt) QueryRowContext(ctx context.Context, arg interface{}) *Row { return nil }

// MustExecContext runs the statement or panics.
func (n *NamedStmt) MustExecContext(ctx context.Context, arg interface{}) sql.Result { return nil }

// QueryxContext runs the query.
func (n *NamedStmt) QueryxContext(ctx context.Context, arg interface{}) (*Rows, error) {
	return nil, nil
}

// QueryRowxContext runs a single-row query.
func (n *NamedStmt) QueryRowxContext(ctx context.Context, arg interface{}) *Row { return nil }

// SelectContext selects rows into dest.
func (n *NamedStmt) SelectContext(ctx context.Context, dest interface{}, arg interface{}) error {
	return nil
}

// GetContext gets one row into dest.
func (n *NamedStmt) GetContext(ctx context.Context, dest interface{}, arg interface{}) error {
	return nil
}

// Connect opens a database and pings it.
func Connect(driverName, dataSourceName string) (*DB, error) { return nil, nil }

// ConnectContext opens a database and pings it.
func ConnectContext(ctx context.Context, driverName, dataSourceName string) (*DB, error) {
	return nil, nil
}

// MustConnect connects or panics.
func MustConnect(driverName, dataSourceName string) *DB { return nil }

// Preparex prepares a statement on p.
func Preparex(p Preparer, query string) (*Stmt, error) { return nil, nil }

// PreparexContext prepares a statement on p.
func PreparexContext(ctx context.Context, p PreparerContext, query string) (*Stmt, error) {
	return nil, nil
}

// Select selects rows into dest.
func Select(q Queryer, dest interface{}, query string, args ...interface{}) error { return nil }

// SelectContext selects rows into dest.
func SelectContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// Get gets one row into dest.
func Get(q Queryer, dest interface{}, query string, args ...interface{}) error { return nil }

// GetContext gets one row into dest.
func GetContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	return nil
}

// MustExec runs a statement or panics.
func MustExec(e Execer, query string, args ...interface{}) sql.Result { return nil }

// MustExecContext runs a statement or panics.
func MustExecContext(ctx context.Context, e ExecerContext, query string, args ...interface{}) sql.Result {
	return nil
}

// SliceScan scans a row into a slice.
func SliceScan(r ColScanner) ([]interface{}, error) { return nil, nil }

// MapScan scans a row into a map.
func MapScan(r ColScanner, dest map[string]interface{}) error { return nil }

// StructScan scans all rows into dest.
func StructScan(rows rowsi, dest interface{}) error { return nil }

// BindNamed binds a named query for bindType.
func BindNamed(bindType int, query string, arg interface{}) (string, []interface{}, error) {
	return "", nil, nil
}

// Named binds a named query with '?' bindvars.
func Named(query string, arg interface{}) (string, []interface{}, error) { return "", nil, nil }

// NamedQuery runs a named query on e.
func NamedQuery(e Ext, query string, arg interface{}) (*Rows, error) { return nil, nil }

// NamedExec runs a named statement on e.
func NamedExec(e Ext, query string, arg interface{}) (sql.Result, error) { return nil, nil }

// NamedQueryContext runs a named query on e.
func NamedQueryContext(ctx context.Context, e ExtContext, query string, arg interface{}) (*Rows, error) {
	return nil, nil
}

// NamedExecContext runs a named statement on e.
func NamedExecContext(ctx context.Context, e ExtContext, query string, arg interface{}) (sql.Result, error) {
	return nil, nil
}

// BindType returns the bind type for a driver.
func BindType(driverName string) int { return UNKNOWN }

// BindDriver sets the bind type for a driver.
func BindDriver(driverName string, bindType int) {}

// Rebind rebinds a query for bindType.
func Rebind(bindType int, query string) string { return "" }

// In expands slice arguments.
func In(query string, args ...interface{}) (string, []interface{}, error) { return "", nil, nil }
