// Package pgx is a shape-only stub of github.com/jackc/pgx/v5 synthesized for racelint's tests; signatures match github.com/jackc/pgx/v5@v5.12.0.
package pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// Format codes.
const (
	TextFormatCode   = 0
	BinaryFormatCode = 1
)

// Errors.
var (
	// ErrNoRows occurs when rows are expected but none are returned.
	ErrNoRows = errors.New("no rows in result set")
	// ErrTooManyRows occurs when more rows than expected are returned.
	ErrTooManyRows = errors.New("too many rows in result set")
)

// ErrTxClosed is returned when using a closed transaction.
var ErrTxClosed = errors.New("tx is closed")

// ErrTxCommitRollback is returned when a commit resulted in a rollback.
var ErrTxCommitRollback = errors.New("commit unexpectedly resulted in rollback")

// QueryExecMode controls how a query is sent.
type QueryExecMode int32

// Query exec modes.
const (
	_ QueryExecMode = iota
	QueryExecModeCacheStatement
	QueryExecModeCacheDescribe
	QueryExecModeDescribeExec
	QueryExecModeExec
	QueryExecModeSimpleProtocol
)

// String returns the mode name.
func (m QueryExecMode) String() string { return "" }

// ConnConfig is the pgx connection configuration.
type ConnConfig struct {
	pgconn.Config

	StatementCacheCapacity   int
	DescriptionCacheCapacity int
	DefaultQueryExecMode     QueryExecMode
}

// ConnString returns the original connection string.
func (cc *ConnConfig) ConnString() string { return "" }

// Copy returns a deep copy of the config.
func (cc *ConnConfig) Copy() *ConnConfig { return nil }

// ParseConfig parses a connection string.
func ParseConfig(connString string) (*ConnConfig, error) { return nil, nil }

// Identifier is a PostgreSQL identifier or name.
type Identifier []string

// Sanitize returns a quoted identifier.
func (ident Identifier) Sanitize() string { return "" }

// NamedArgs rewrites @name placeholders.
type NamedArgs map[string]any

// RewriteQuery implements QueryRewriter.
func (na NamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	return "", nil, nil
}

// StrictNamedArgs rewrites @name placeholders and requires every name.
type StrictNamedArgs map[string]any

// RewriteQuery implements QueryRewriter.
func (sna StrictNamedArgs) RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error) {
	return "", nil, nil
}

// QueryRewriter rewrites a query before it is run.
type QueryRewriter interface {
	RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error)
}

// Conn is a PostgreSQL connection.
type Conn struct{}

// Connect opens a connection.
func Connect(ctx context.Context, connString string) (*Conn, error) { return nil, nil }

// ConnectConfig opens a connection from config.
func ConnectConfig(ctx context.Context, connConfig *ConnConfig) (*Conn, error) { return nil, nil }

// Close closes the connection.
func (c *Conn) Close(ctx context.Context) error { return nil }

// Prepare prepares a statement.
func (c *Conn) Prepare(ctx context.Context, name, sql string) (sd *pgconn.StatementDescription, err error) {
	return nil, nil
}

// Deallocate releases a prepared statement.
func (c *Conn) Deallocate(ctx context.Context, name string) error { return nil }

// DeallocateAll releases all prepared statements.
func (c *Conn) DeallocateAll(ctx context.Context) error { return nil }

// IsClosed reports whether the connection is closed.
func (c *Conn) IsClosed() bool { return false }

// Ping checks the connection.
func (c *Conn) Ping(ctx context.Context) error { return nil }

// PgConn returns the underlying low-level connection.
func (c *Conn) PgConn() *pgconn.PgConn { return nil }

// TypeMap returns the type map.
func (c *Conn) TypeMap() *pgtype.Map { return nil }

// Config returns a copy of the config.
func (c *Conn) Config() *ConnConfig { return nil }

// Exec runs a statement.
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query runs a query.
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { return nil, nil }

// QueryRow runs a single-row query.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row { return nil }

// SendBatch sends a batch.
func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults { return nil }

// CopyFrom bulk-loads rows.
func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	return 0, nil
}

// Begin starts a transaction.
func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

// BeginTx starts a transaction with options.
func (c *Conn) BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error) { return nil, nil }

// WaitForNotification waits for a LISTEN/NOTIFY message.
func (c *Conn) WaitForNotification(ctx context.Context) (*pgconn.Notification, error) {
	return nil, nil
}

// TxIsoLevel is the transaction isolation level.
type TxIsoLevel string

// Transaction isolation levels.
const (
	Serializable    TxIsoLevel = "serializable"
	RepeatableRead  TxIsoLevel = "repeatable read"
	ReadCommitted   TxIsoLevel = "read committed"
	ReadUncommitted TxIsoLevel = "read uncommitted"
)

// TxAccessMode is the transaction access mode.
type TxAccessMode string

// Transaction access modes.
const (
	ReadWrite TxAccessMode = "read write"
	ReadOnly  TxAccessMode = "read only"
)

// TxDeferrableMode is the transaction deferrable mode.
type TxDeferrableMode string

// Transaction deferrable modes.
const (
	Deferrable    TxDeferrableMode = "deferrable"
	NotDeferrable TxDeferrableMode = "not deferrable"
)

// TxOptions are transaction modes.
type TxOptions struct {
	IsoLevel       TxIsoLevel
	AccessMode     TxAccessMode
	DeferrableMode TxDeferrableMode

	BeginQuery  string
	CommitQuery string
}

// Tx is a transaction.
type Tx interface {
	Begin(ctx context.Context) (Tx, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error

	CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error)
	SendBatch(ctx context.Context, b *Batch) BatchResults
	LargeObjects() LargeObjects

	Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error)

	Exec(ctx context.Context, sql string, arguments ...any) (commandTag pgconn.CommandTag, err error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row

	Conn() *Conn
}

// BeginFunc runs fn in a transaction started on db.
func BeginFunc(
	ctx context.Context,
	db interface {
		Begin(ctx context.Context) (Tx, error)
	},
	fn func(Tx) error,
) (err error) {
	return nil
}

// BeginTxFunc runs fn in a transaction started on db with txOptions.
func BeginTxFunc(
	ctx context.Context,
	db interface {
		BeginTx(ctx context.Context, txOptions TxOptions) (Tx, error)
	},
	txOptions TxOptions,
	fn func(Tx) error,
) (err error) {
	return nil
}

// LargeObjects is the large object API of a transaction.
type LargeObjects struct{}

// Create creates a large object.
func (o *LargeObjects) Create(ctx context.Context, oid uint32) (uint32, error) { return 0, nil }

// Unlink removes a large object.
func (o *LargeObjects) Unlink(ctx context.Context, oid uint32) error { return nil }

// CopyFromSource supplies rows to CopyFrom.
type CopyFromSource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

// CopyFromRows returns a CopyFromSource over rows.
func CopyFromRows(rows [][]any) CopyFromSource { return nil }

// CopyFromSlice returns a CopyFromSource over a slice.
func CopyFromSlice(length int, next func(int) ([]any, error)) CopyFromSource { return nil }

// CopyFromFunc returns a CopyFromSource over a function.
func CopyFromFunc(nxtf func() (row []any, err error)) CopyFromSource { return nil }

// QueuedQuery is a query in a Batch.
type QueuedQuery struct {
	SQL       string
	Arguments []any
}

// Query sets the rows callback.
func (qq *QueuedQuery) Query(fn func(rows Rows) error) {}

// QueryRow sets the row callback.
func (qq *QueuedQuery) QueryRow(fn func(row Row) error) {}

// Exec sets the command tag callback.
func (qq *QueuedQuery) Exec(fn func(ct pgconn.CommandTag) error) {}

// Batch queues queries.
type Batch struct {
	QueuedQueries []*QueuedQuery
}

// Queue queues a query.
func (b *Batch) Queue(query string, arguments ...any) *QueuedQuery { return nil }

// Len returns the number of queued queries.
func (b *Batch) Len() int { return 0 }

// BatchResults reads batch results.
type BatchResults interface {
	Exec() (pgconn.CommandTag, error)
	Query() (Rows, error)
	QueryRow() Row
	Close() error
	Tx() Tx
}

// Row is a single result row.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a result set.
type Rows interface {
	Close()
	Err() error
	CommandTag() pgconn.CommandTag
	FieldDescriptions() []pgconn.FieldDescription
	Next() bool
	Scan(dest ...any) error
	Values() ([]any, error)
	RawValues() [][]byte
	Conn() *Conn
	TypeMap() *pgtype.Map
}

// CollectableRow is the subset of Rows a RowToFunc may call.
type CollectableRow interface {
	FieldDescriptions() []pgconn.FieldDescription
	Scan(dest ...any) error
	Values() ([]any, error)
	RawValues() [][]byte
}

// RowToFunc converts a row to a T.
type RowToFunc[T any] func(row CollectableRow) (T, error)

// AppendRows appends rows converted by fn to slice.
func AppendRows[T any, S ~[]T](slice S, rows Rows, fn RowToFunc[T]) (S, error) { return nil, nil }

// CollectRows collects rows converted by fn.
func CollectRows[T any](rows Rows, fn RowToFunc[T]) ([]T, error) { return nil, nil }

// CollectOneRow collects the first row converted by fn.
func CollectOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) {
	var zero T
	return zero, nil
}

// CollectExactlyOneRow collects exactly one row converted by fn.
func CollectExactlyOneRow[T any](rows Rows, fn RowToFunc[T]) (T, error) {
	var zero T
	return zero, nil
}

// ForEachRow scans each row into scans and calls fn.
func ForEachRow(rows Rows, scans []any, fn func() error) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// RowTo scans a single-column row into a T.
func RowTo[T any](row CollectableRow) (T, error) {
	var zero T
	return zero, nil
}

// RowToAddrOf scans a single-column row into a *T.
func RowToAddrOf[T any](row CollectableRow) (*T, error) { return nil, nil }

// RowToMap scans a row into a map.
func RowToMap(row CollectableRow) (map[string]any, error) { return nil, nil }

// RowToStructByPos scans a row into a struct by position.
func RowToStructByPos[T any](row CollectableRow) (T, error) {
	var zero T
	return zero, nil
}

// RowToAddrOfStructByPos scans a row into a *struct by position.
func RowToAddrOfStructByPos[T any](row CollectableRow) (*T, error) { return nil, nil }

// RowToStructByName scans a row into a struct by name.
func RowToStructByName[T any](row CollectableRow) (T, error) {
	var zero T
	return zero, nil
}

// RowToAddrOfStructByName scans a row into a *struct by name.
func RowToAddrOfStructByName[T any](row CollectableRow) (*T, error) { return nil, nil }

// RowToStructByNameLax scans a row into a struct by name, allowing missing columns.
func RowToStructByNameLax[T any](row CollectableRow) (T, error) {
	var zero T
	return zero, nil
}

// RowToAddrOfStructByNameLax scans a row into a *struct by name, allowing missing columns.
func RowToAddrOfStructByNameLax[T any](row CollectableRow) (*T, error) { return nil, nil }
