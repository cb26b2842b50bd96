// Package pgxpool is a shape-only stub of github.com/jackc/pgx/v5/pgxpool synthesized for racelint's tests; signatures match github.com/jackc/pgx/v5@v5.12.0.
package pgxpool

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Config is the pool configuration.
type Config struct {
	ConnConfig *pgx.ConnConfig

	BeforeConnect func(context.Context, *pgx.ConnConfig) error
	AfterConnect  func(context.Context, *pgx.Conn) error
	BeforeAcquire func(context.Context, *pgx.Conn) bool
	AfterRelease  func(*pgx.Conn) bool
	BeforeClose   func(*pgx.Conn)

	MaxConnLifetime   time.Duration
	MaxConnIdleTime   time.Duration
	MaxConns          int32
	MinConns          int32
	HealthCheckPeriod time.Duration
}

// Copy returns a deep copy of the config.
func (c *Config) Copy() *Config { return nil }

// ConnString returns the original connection string.
func (c *Config) ConnString() string { return "" }

// ParseConfig parses a connection string.
func ParseConfig(connString string) (*Config, error) { return nil, nil }

// Pool is a connection pool.
type Pool struct{}

// New creates a pool from a connection string.
func New(ctx context.Context, connString string) (*Pool, error) { return nil, nil }

// NewWithConfig creates a pool from config.
func NewWithConfig(ctx context.Context, config *Config) (*Pool, error) { return nil, nil }

// Close closes the pool.
func (p *Pool) Close() {}

// Acquire acquires a connection.
func (p *Pool) Acquire(ctx context.Context) (c *Conn, err error) { return nil, nil }

// AcquireFunc acquires a connection and calls f with it.
func (p *Pool) AcquireFunc(ctx context.Context, f func(*Conn) error) error { return nil }

// AcquireAllIdle acquires all idle connections.
func (p *Pool) AcquireAllIdle(ctx context.Context) []*Conn { return nil }

// Reset closes all connections.
func (p *Pool) Reset() {}

// Config returns a copy of the config.
func (p *Pool) Config() *Config { return nil }

// Exec runs a statement.
func (p *Pool) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query runs a query.
func (p *Pool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return nil, nil
}

// QueryRow runs a single-row query.
func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { return nil }

// SendBatch sends a batch.
func (p *Pool) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { return nil }

// Begin starts a transaction.
func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }

// BeginTx starts a transaction with options.
func (p *Pool) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) {
	return nil, nil
}

// CopyFrom bulk-loads rows.
func (p *Pool) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	return 0, nil
}

// Ping checks a connection.
func (p *Pool) Ping(ctx context.Context) error { return nil }

// Conn is an acquired connection.
type Conn struct{}

// Release returns the connection to the pool.
func (c *Conn) Release() {}

// Hijack takes the connection out of the pool.
func (c *Conn) Hijack() *pgx.Conn { return nil }

// Exec runs a statement.
func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query runs a query.
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return nil, nil
}

// QueryRow runs a single-row query.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { return nil }

// SendBatch sends a batch.
func (c *Conn) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { return nil }

// CopyFrom bulk-loads rows.
func (c *Conn) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	return 0, nil
}

// Begin starts a transaction.
func (c *Conn) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }

// BeginTx starts a transaction with options.
func (c *Conn) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) {
	return nil, nil
}

// Ping checks the connection.
func (c *Conn) Ping(ctx context.Context) error { return nil }

// Conn returns the underlying *pgx.Conn.
func (c *Conn) Conn() *pgx.Conn { return nil }

// Tx is a transaction on a pooled connection.
type Tx struct{}

// Begin starts a pseudo nested transaction.
func (tx *Tx) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }

// Commit commits the transaction and releases the connection.
func (tx *Tx) Commit(ctx context.Context) error { return nil }

// Rollback rolls back the transaction and releases the connection.
func (tx *Tx) Rollback(ctx context.Context) error { return nil }

// CopyFrom bulk-loads rows.
func (tx *Tx) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	return 0, nil
}

// SendBatch sends a batch.
func (tx *Tx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { return nil }

// LargeObjects returns the large object API.
func (tx *Tx) LargeObjects() pgx.LargeObjects { return pgx.LargeObjects{} }

// Prepare prepares a statement.
func (tx *Tx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	return nil, nil
}

// Exec runs a statement.
func (tx *Tx) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

// Query runs a query.
func (tx *Tx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return nil, nil
}

// QueryRow runs a single-row query.
func (tx *Tx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { return nil }

// Conn returns the underlying *pgx.Conn.
func (tx *Tx) Conn() *pgx.Conn { return nil }

var (
	_ pgx.Tx = (*Tx)(nil)
	_ interface {
		Begin(ctx context.Context) (pgx.Tx, error)
	} = (*Pool)(nil)
)
