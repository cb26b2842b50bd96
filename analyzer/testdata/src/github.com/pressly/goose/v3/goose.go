// Package goose is a shape-only stub of github.com/pressly/goose/v3.
package goose

import (
	"context"
	"database/sql"
)

type GoMigrationContext func(ctx context.Context, tx *sql.Tx) error

func AddMigrationContext(up, down GoMigrationContext) {}

type GoMigration func(tx *sql.Tx) error

func AddMigration(up, down GoMigration) {}
