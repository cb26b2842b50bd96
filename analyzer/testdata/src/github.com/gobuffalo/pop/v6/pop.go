// Package pop is a shape-only stub of github.com/gobuffalo/pop/v6
// synthesized for racelint's tests; signatures match
// github.com/gobuffalo/pop/v6@v6.4.1.
package pop

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// Connection is a database connection; a transaction is a Connection too.
type Connection struct {
	ID      string
	TX      *Tx
	Elapsed int64
}

// Tx is the transaction of a Connection begun with NewTransaction*.
type Tx struct {
	*sqlx.Tx
	ID int
}

// Query is a query being built.
type Query struct{}

// ScopeFunc modifies a query.
type ScopeFunc func(q *Query) *Query

// Connect opens the named connection.
func Connect(e string) (*Connection, error) { return &Connection{}, nil }

func (c *Connection) All(models any) error { return nil }

func (c *Connection) Count(model any) (int, error) { return 0, nil }

func (c *Connection) Create(model any, excludeColumns ...string) error { return nil }

func (c *Connection) Destroy(model any) error { return nil }

func (c *Connection) Eager(fields ...string) *Connection { return c }

func (c *Connection) Find(model, id any) error { return nil }

func (c *Connection) First(model any) error { return nil }

func (c *Connection) Last(model any) error { return nil }

func (c *Connection) Limit(limit int) *Query { return &Query{} }

func (c *Connection) NewTransaction() (*Connection, error) { return c, nil }

func (c *Connection) NewTransactionContext(ctx context.Context) (*Connection, error) {
	return c, nil
}

func (c *Connection) NewTransactionContextOptions(ctx context.Context, options *sql.TxOptions) (*Connection, error) {
	return c, nil
}

func (c *Connection) Order(stmt string, args ...any) *Query { return &Query{} }

func (c *Connection) Paginate(page, perPage int) *Query { return &Query{} }

func (c *Connection) Q() *Query { return &Query{} }

func (c *Connection) RawQuery(stmt string, args ...any) *Query { return &Query{} }

func (c *Connection) Save(model any, excludeColumns ...string) error { return nil }

func (c *Connection) Scope(sf ScopeFunc) *Query { return &Query{} }

func (c *Connection) Select(fields ...string) *Query { return &Query{} }

func (c *Connection) Transaction(fn func(tx *Connection) error) error { return nil }

func (c *Connection) Update(model any, excludeColumns ...string) error { return nil }

func (c *Connection) UpdateColumns(model any, columnNames ...string) error { return nil }

func (c *Connection) Where(stmt string, args ...any) *Query { return &Query{} }

func (c *Connection) WithContext(ctx context.Context) *Connection { return c }

func (q *Query) All(models any) error { return nil }

func (q *Query) Eager(fields ...string) *Query { return &Query{} }

func (q *Query) Exec() error { return nil }

func (q *Query) ExecWithCount() (int, error) { return 0, nil }

func (q *Query) Exists(model any) (bool, error) { return false, nil }

func (q *Query) Find(model, id any) error { return nil }

func (q *Query) First(model any) error { return nil }

func (q *Query) Last(model any) error { return nil }

func (q *Query) Limit(limit int) *Query { return &Query{} }

func (q *Query) Order(stmt string, args ...any) *Query { return &Query{} }

func (q *Query) Paginate(page, perPage int) *Query { return &Query{} }

func (q *Query) RawQuery(stmt string, args ...any) *Query { return &Query{} }

func (q *Query) Scope(sf ScopeFunc) *Query { return &Query{} }

func (q *Query) Select(fields ...string) *Query { return &Query{} }

func (q *Query) Where(stmt string, args ...any) *Query { return &Query{} }

func (q Query) Count(model any) (int, error) { return 0, nil }
