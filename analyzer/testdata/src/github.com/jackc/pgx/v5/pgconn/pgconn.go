// Package pgconn is a shape-only stub of github.com/jackc/pgx/v5/pgconn synthesized for racelint's tests; signatures match github.com/jackc/pgx/v5@v5.12.0.
package pgconn

import (
	"context"
	"time"
)

// CommandTag is the status text returned by PostgreSQL for a query.
type CommandTag struct {
	s string
}

// NewCommandTag makes a CommandTag from s.
func NewCommandTag(s string) CommandTag { return CommandTag{s: s} }

// RowsAffected returns the number of rows affected.
func (ct CommandTag) RowsAffected() int64 { return 0 }

// String returns the command tag text.
func (ct CommandTag) String() string { return ct.s }

// Insert reports whether the tag is for an INSERT.
func (ct CommandTag) Insert() bool { return false }

// Update reports whether the tag is for an UPDATE.
func (ct CommandTag) Update() bool { return false }

// Delete reports whether the tag is for a DELETE.
func (ct CommandTag) Delete() bool { return false }

// Select reports whether the tag is for a SELECT.
func (ct CommandTag) Select() bool { return false }

// PgError is an error reported by the PostgreSQL server.
type PgError struct {
	Severity            string
	SeverityUnlocalized string
	Code                string
	Message             string
	Detail              string
	Hint                string
	Position            int32
	InternalPosition    int32
	InternalQuery       string
	Where               string
	SchemaName          string
	TableName           string
	ColumnName          string
	DataTypeName        string
	ConstraintName      string
	File                string
	Line                int32
	Routine             string
}

// Error implements error.
func (pe *PgError) Error() string { return "" }

// SQLState returns the SQLSTATE code.
func (pe *PgError) SQLState() string { return "" }

// FieldDescription describes a result column.
type FieldDescription struct {
	Name                 string
	TableOID             uint32
	TableAttributeNumber uint16
	DataTypeOID          uint32
	DataTypeSize         int16
	TypeModifier         int32
	Format               int16
}

// StatementDescription describes a prepared statement.
type StatementDescription struct {
	Name      string
	SQL       string
	ParamOIDs []uint32
	Fields    []FieldDescription
}

// Notification is a LISTEN/NOTIFY message.
type Notification struct {
	PID     uint32
	Channel string
	Payload string
}

// Config is the connection configuration.
type Config struct {
	Host           string
	Port           uint16
	Database       string
	User           string
	Password       string
	ConnectTimeout time.Duration
	RuntimeParams  map[string]string
}

// Copy returns a deep copy of the config.
func (c *Config) Copy() *Config { return nil }

// PgConn is a low-level PostgreSQL connection.
type PgConn struct{}

// Close closes the connection.
func (pgConn *PgConn) Close(ctx context.Context) error { return nil }

// IsClosed reports whether the connection is closed.
func (pgConn *PgConn) IsClosed() bool { return false }

// IsBusy reports whether the connection is busy.
func (pgConn *PgConn) IsBusy() bool { return false }

// PID returns the backend PID.
func (pgConn *PgConn) PID() uint32 { return 0 }

// TxStatus returns the transaction status byte.
func (pgConn *PgConn) TxStatus() byte { return 0 }

// Ping checks the connection.
func (pgConn *PgConn) Ping(ctx context.Context) error { return nil }

// ParseConfig parses a connection string.
func ParseConfig(connString string) (*Config, error) { return nil, nil }

// Connect opens a connection.
func Connect(ctx context.Context, connString string) (*PgConn, error) { return nil, nil }

// SafeToRetry reports whether err is safe to retry.
func SafeToRetry(err error) bool { return false }

// Timeout reports whether err was a timeout.
func Timeout(err error) bool { return false }
