// Package gorm is a shape-only stub of gorm.io/gorm synthesized for racelint's tests; signatures match gorm.io/gorm@v1.31.2.
package gorm

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm/clause"
)

// Errors. In the real module ErrRecordNotFound is re-exported from
// gorm.io/gorm/logger; the stub declares it here.
var (
	ErrRecordNotFound                = errors.New("record not found")
	ErrInvalidTransaction            = errors.New("invalid transaction")
	ErrNotImplemented                = errors.New("not implemented")
	ErrMissingWhereClause            = errors.New("WHERE conditions required")
	ErrUnsupportedRelation           = errors.New("unsupported relations")
	ErrPrimaryKeyRequired            = errors.New("primary key required")
	ErrModelValueRequired            = errors.New("model value required")
	ErrModelAccessibleFieldsRequired = errors.New("model accessible fields required")
	ErrSubQueryRequired              = errors.New("sub query required")
	ErrInvalidData                   = errors.New("unsupported data")
	ErrUnsupportedDriver             = errors.New("unsupported driver")
	ErrRegistered                    = errors.New("registered")
	ErrInvalidField                  = errors.New("invalid field")
	ErrEmptySlice                    = errors.New("empty slice found")
	ErrDryRunModeUnsupported         = errors.New("dry run mode unsupported")
	ErrInvalidDB                     = errors.New("invalid db")
	ErrInvalidValue                  = errors.New("invalid value, should be pointer to struct or slice")
	ErrInvalidValueOfLength          = errors.New("invalid association values, length doesn't match")
	ErrPreloadNotAllowed             = errors.New("preload is not allowed when count is used")
	ErrDuplicatedKey                 = errors.New("duplicated key not allowed")
	ErrForeignKeyViolated            = errors.New("violates foreign key constraint")
	ErrCheckConstraintViolated       = errors.New("violates check constraint")
)

// Dialector is a database dialect (subset of the real interface).
type Dialector interface {
	Name() string
	Initialize(*DB) error
	BindVarTo(writer clause.Writer, stmt *Statement, v interface{})
	QuoteTo(clause.Writer, string)
	Explain(sql string, vars ...interface{}) string
}

// Plugin is a GORM plugin.
type Plugin interface {
	Name() string
	Initialize(*DB) error
}

// ConnPool is a database connection pool.
type ConnPool interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
}

// TxBeginner begins *sql.Tx transactions.
type TxBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// ConnPoolBeginner begins ConnPool transactions.
type ConnPoolBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (ConnPool, error)
}

// TxCommitter commits or rolls back.
type TxCommitter interface {
	Commit() error
	Rollback() error
}

// Tx is a transaction connection.
type Tx interface {
	ConnPool
	TxCommitter
	StmtContext(ctx context.Context, stmt *sql.Stmt) *sql.Stmt
}

// Rows is the row iterator used by Scan.
type Rows interface {
	Columns() ([]string, error)
	ColumnTypes() ([]*sql.ColumnType, error)
	Next() bool
	Scan(dest ...interface{}) error
	Err() error
	Close() error
}

// Valuer produces a SQL expression for a value.
type Valuer interface {
	GormValue(context.Context, *DB) clause.Expr
}

// Option configures Open.
type Option interface {
	Apply(*Config) error
	AfterInitialize(*DB) error
}

// Config is the GORM configuration (subset of the real fields).
type Config struct {
	SkipDefaultTransaction    bool
	DefaultTransactionTimeout time.Duration
	DefaultContextTimeout     time.Duration
	FullSaveAssociations      bool
	NowFunc                   func() time.Time
	DryRun                    bool
	PrepareStmt               bool
	DisableNestedTransaction  bool
	AllowGlobalUpdate         bool
	QueryFields               bool
	CreateBatchSize           int
	TranslateError            bool
	PropagateUnscoped         bool
	ClauseBuilders            map[string]clause.ClauseBuilder
	ConnPool                  ConnPool
	Dialector
	Plugins map[string]Plugin
}

// Apply implements Option.
func (c *Config) Apply(config *Config) error { return nil }

// AfterInitialize implements Option.
func (c *Config) AfterInitialize(db *DB) error { return nil }

// DB is a GORM database handle.
type DB struct {
	*Config
	Error        error
	RowsAffected int64
	Statement    *Statement
}

// Session configures a new session.
type Session struct {
	DryRun                   bool
	PrepareStmt              bool
	NewDB                    bool
	Initialized              bool
	SkipHooks                bool
	SkipDefaultTransaction   bool
	DisableNestedTransaction bool
	AllowGlobalUpdate        bool
	FullSaveAssociations     bool
	PropagateUnscoped        bool
	QueryFields              bool
	Context                  context.Context
	NowFunc                  func() time.Time
	CreateBatchSize          int
}

// Open opens a database.
func Open(dialector Dialector, opts ...Option) (db *DB, err error) { return nil, nil }

// Expr returns a raw SQL expression.
func Expr(expr string, args ...interface{}) clause.Expr { return clause.Expr{} }

// Session creates a new session.
func (db *DB) Session(config *Session) *DB { return nil }

// WithContext sets the context.
func (db *DB) WithContext(ctx context.Context) *DB { return nil }

// Debug enables debug logging.
func (db *DB) Debug() (tx *DB) { return nil }

// Set stores a value.
func (db *DB) Set(key string, value interface{}) *DB { return nil }

// Get loads a value.
func (db *DB) Get(key string) (interface{}, bool) { return nil, false }

// InstanceSet stores a value for the current statement.
func (db *DB) InstanceSet(key string, value interface{}) *DB { return nil }

// InstanceGet loads a value for the current statement.
func (db *DB) InstanceGet(key string) (interface{}, bool) { return nil, false }

// AddError adds an error.
func (db *DB) AddError(err error) error { return nil }

// DB returns the underlying *sql.DB.
func (db *DB) DB() (*sql.DB, error) { return nil, nil }

// SetupJoinTable sets up a join table.
func (db *DB) SetupJoinTable(model interface{}, field string, joinTable interface{}) error {
	return nil
}

// Use registers a plugin.
func (db *DB) Use(plugin Plugin) error { return nil }

// ToSQL returns the SQL generated by queryFn.
func (db *DB) ToSQL(queryFn func(tx *DB) *DB) string { return "" }

// AutoMigrate migrates schemas.
func (db *DB) AutoMigrate(dst ...interface{}) error { return nil }

// Association returns an association handle.
func (db *DB) Association(column string) *Association { return nil }

// Model sets the model.
func (db *DB) Model(value interface{}) (tx *DB) { return nil }

// Clauses adds clauses.
func (db *DB) Clauses(conds ...clause.Expression) (tx *DB) { return nil }

// Table sets the table.
func (db *DB) Table(name string, args ...interface{}) (tx *DB) { return nil }

// Distinct selects distinct values.
func (db *DB) Distinct(args ...interface{}) (tx *DB) { return nil }

// Select selects fields.
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB) { return nil }

// Omit omits fields.
func (db *DB) Omit(columns ...string) (tx *DB) { return nil }

// MapColumns maps columns.
func (db *DB) MapColumns(m map[string]string) (tx *DB) { return nil }

// Where adds conditions.
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB) { return nil }

// Not adds NOT conditions.
func (db *DB) Not(query interface{}, args ...interface{}) (tx *DB) { return nil }

// Or adds OR conditions.
func (db *DB) Or(query interface{}, args ...interface{}) (tx *DB) { return nil }

// Joins adds joins.
func (db *DB) Joins(query string, args ...interface{}) (tx *DB) { return nil }

// InnerJoins adds inner joins.
func (db *DB) InnerJoins(query string, args ...interface{}) (tx *DB) { return nil }

// Group groups rows.
func (db *DB) Group(name string) (tx *DB) { return nil }

// Having adds HAVING conditions.
func (db *DB) Having(query interface{}, args ...interface{}) (tx *DB) { return nil }

// Order orders rows.
func (db *DB) Order(value interface{}) (tx *DB) { return nil }

// Limit limits rows.
func (db *DB) Limit(limit int) (tx *DB) { return nil }

// Offset skips rows.
func (db *DB) Offset(offset int) (tx *DB) { return nil }

// Scopes applies scopes.
func (db *DB) Scopes(funcs ...func(*DB) *DB) (tx *DB) { return nil }

// Preload preloads associations.
func (db *DB) Preload(query string, args ...interface{}) (tx *DB) { return nil }

// Attrs sets attributes used by FirstOrCreate and FirstOrInit when no record is found.
func (db *DB) Attrs(attrs ...interface{}) (tx *DB) { return nil }

// Assign sets attributes used by FirstOrCreate and FirstOrInit in every case.
func (db *DB) Assign(attrs ...interface{}) (tx *DB) { return nil }

// Unscoped disables soft-delete scoping.
func (db *DB) Unscoped() (tx *DB) { return nil }

// Raw runs raw SQL.
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB) { return nil }

// Create inserts value.
func (db *DB) Create(value interface{}) (tx *DB) { return nil }

// CreateInBatches inserts value in batches.
func (db *DB) CreateInBatches(value interface{}, batchSize int) (tx *DB) { return nil }

// Save updates or inserts value.
func (db *DB) Save(value interface{}) (tx *DB) { return nil }

// First finds the first record ordered by primary key.
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB) { return nil }

// Take finds a record.
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB) { return nil }

// Last finds the last record ordered by primary key.
func (db *DB) Last(dest interface{}, conds ...interface{}) (tx *DB) { return nil }

// Find finds records.
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB) { return nil }

// FindInBatches finds records in batches.
func (db *DB) FindInBatches(dest interface{}, batchSize int, fc func(tx *DB, batch int) error) *DB {
	return nil
}

// FirstOrInit finds the first record or initializes one.
func (db *DB) FirstOrInit(dest interface{}, conds ...interface{}) (tx *DB) { return nil }

// FirstOrCreate finds the first record or creates one.
func (db *DB) FirstOrCreate(dest interface{}, conds ...interface{}) (tx *DB) { return nil }

// Update updates a column.
func (db *DB) Update(column string, value interface{}) (tx *DB) { return nil }

// Updates updates columns.
func (db *DB) Updates(values interface{}) (tx *DB) { return nil }

// UpdateColumn updates a column without hooks.
func (db *DB) UpdateColumn(column string, value interface{}) (tx *DB) { return nil }

// UpdateColumns updates columns without hooks.
func (db *DB) UpdateColumns(values interface{}) (tx *DB) { return nil }

// Delete deletes value.
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB) { return nil }

// Count counts records.
func (db *DB) Count(count *int64) (tx *DB) { return nil }

// Row returns one row.
func (db *DB) Row() *sql.Row { return nil }

// Rows returns rows.
func (db *DB) Rows() (*sql.Rows, error) { return nil, nil }

// Scan scans results into dest.
func (db *DB) Scan(dest interface{}) (tx *DB) { return nil }

// Pluck queries a single column.
func (db *DB) Pluck(column string, dest interface{}) (tx *DB) { return nil }

// ScanRows scans a row into dest.
func (db *DB) ScanRows(rows *sql.Rows, dest interface{}) error { return nil }

// Connection runs fc on a single connection.
func (db *DB) Connection(fc func(tx *DB) error) (err error) { return nil }

// Transaction runs fc in a transaction.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) { return nil }

// Begin begins a transaction.
func (db *DB) Begin(opts ...*sql.TxOptions) *DB { return nil }

// Commit commits the transaction.
func (db *DB) Commit() *DB { return nil }

// Rollback rolls back the transaction.
func (db *DB) Rollback() *DB { return nil }

// SavePoint creates a savepoint.
func (db *DB) SavePoint(name string) *DB { return nil }

// RollbackTo rolls back to a savepoint.
func (db *DB) RollbackTo(name string) *DB { return nil }

// Exec runs raw SQL.
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB) { return nil }

// Statement is the statement being built (subset of the real fields).
type Statement struct {
	*DB
	TableExpr            *clause.Expr
	Table                string
	Model                interface{}
	Unscoped             bool
	Dest                 interface{}
	ReflectValue         reflect.Value
	Clauses              map[string]clause.Clause
	BuildClauses         []string
	Distinct             bool
	Selects              []string
	Omits                []string
	ColumnMapping        map[string]string
	Joins                []join
	Preloads             map[string][]interface{}
	Settings             sync.Map
	ConnPool             ConnPool
	Context              context.Context
	RaiseErrorOnNotFound bool
	SkipHooks            bool
	SQL                  strings.Builder
	Vars                 []interface{}
	CurDestIndex         int
}

// join is a pending Joins call. The field Statement.Joins shadows the
// promoted (*DB).Joins method, as in the real package.
type join struct {
	Name    string
	Alias   string
	Conds   []interface{}
	On      *clause.Where
	Selects []string
	Omits   []string
}

// WriteString writes SQL text.
func (stmt *Statement) WriteString(str string) (int, error) { return 0, nil }

// WriteByte writes a SQL byte.
func (stmt *Statement) WriteByte(c byte) error { return nil }

// WriteQuoted writes a quoted value.
func (stmt *Statement) WriteQuoted(value interface{}) {}

// QuoteTo writes a quoted field.
func (stmt *Statement) QuoteTo(writer clause.Writer, field interface{}) {}

// Quote quotes a field.
func (stmt *Statement) Quote(field interface{}) string { return "" }

// AddVar adds variables.
func (stmt *Statement) AddVar(writer clause.Writer, vars ...interface{}) {}

// AddClause adds a clause.
func (stmt *Statement) AddClause(v clause.Interface) {}

// AddClauseIfNotExists adds a clause if absent.
func (stmt *Statement) AddClauseIfNotExists(v clause.Interface) {}

// BuildCondition builds conditions.
func (stmt *Statement) BuildCondition(query interface{}, args ...interface{}) []clause.Expression {
	return nil
}

// Build builds the named clauses.
func (stmt *Statement) Build(clauses ...string) {}

// Parse parses the model schema.
func (stmt *Statement) Parse(value interface{}) (err error) { return nil }

// SetColumn sets a column value.
func (stmt *Statement) SetColumn(name string, value interface{}, fromCallbacks ...bool) {}

// Changed reports whether fields changed.
func (stmt *Statement) Changed(fields ...string) bool { return false }

// SelectAndOmitColumns returns selected and omitted columns.
func (stmt *Statement) SelectAndOmitColumns(requireCreate, requireUpdate bool) (map[string]bool, bool) {
	return nil, false
}

// Association is an association handle.
type Association struct {
	DB      *DB
	Unscope bool
	Error   error
}

// Unscoped disables soft-delete scoping.
func (association *Association) Unscoped() *Association { return nil }

// Find finds associated records.
func (association *Association) Find(out interface{}, conds ...interface{}) error { return nil }

// Append appends associations.
func (association *Association) Append(values ...interface{}) error { return nil }

// Replace replaces associations.
func (association *Association) Replace(values ...interface{}) error { return nil }

// Delete deletes associations.
func (association *Association) Delete(values ...interface{}) error { return nil }

// Clear clears associations.
func (association *Association) Clear() error { return nil }

// Count counts associations.
func (association *Association) Count() (count int64) { return 0 }

// Model is a base model.
type Model struct {
	ID        uint `gorm:"primarykey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt DeletedAt `gorm:"index"`
}

// DeletedAt is a soft-delete timestamp.
type DeletedAt sql.NullTime

// Scan implements sql.Scanner.
func (n *DeletedAt) Scan(value interface{}) error { return nil }

// Value implements driver.Valuer.
func (n DeletedAt) Value() (driver.Value, error) { return nil, nil }

// MarshalJSON implements json.Marshaler.
func (n DeletedAt) MarshalJSON() ([]byte, error) { return nil, nil }

// UnmarshalJSON implements json.Unmarshaler.
func (n *DeletedAt) UnmarshalJSON(b []byte) error { return nil }
