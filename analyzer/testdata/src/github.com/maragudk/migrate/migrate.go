// Package migrate is a stub of github.com/maragudk/migrate (v0.4.3): the
// parts racelint's tests use, with the real signatures.
package migrate

import (
	"context"
	"database/sql"
	"io/fs"
)

type callback = func(ctx context.Context, tx *sql.Tx, version string) error

type Options struct {
	After  callback
	Before callback
	DB     *sql.DB
	FS     fs.FS
	Table  string
}

type Migrator struct{ opts Options }

func New(opts Options) *Migrator { return &Migrator{opts: opts} }

func (m *Migrator) MigrateUp(ctx context.Context) error { return nil }

func (m *Migrator) MigrateTo(ctx context.Context, version string) error { return nil }
