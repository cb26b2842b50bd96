// Package pending holds cases the engine gets wrong today. It is NOT run by
// analyzer_test.go: each file is one engine problem, each case says what
// the contract (docs/detection.md) expects, with a want comment where a
// finding is expected. Once the engine is fixed, move the case into the
// matching rule package.
package pending

import (
	"database/sql"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

var errTaken = errors.New("taken")

type SQLService struct{ db *sql.DB }

type SQLXService struct{ db *sqlx.DB }

type PGXService struct{ pool *pgxpool.Pool }

type GORMService struct{ db *gorm.DB }

type Lead struct {
	ID      int64  `db:"id"`
	OwnerID *int64 `db:"owner_id"`
}

type Job struct {
	ID     int64  `db:"id"`
	Status string `db:"status"`
}

type Email struct {
	ID       int64      `db:"id"`
	OpenedAt *time.Time `db:"opened_at"`
}
