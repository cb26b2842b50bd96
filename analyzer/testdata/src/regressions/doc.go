// Package regressions holds cases the engine once got wrong, one file per
// problem, each with the contract (docs/detection.md) it must keep.
package regressions

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
