package testcode

import (
	"context"
	"database/sql"
	"testing"
)

// silent: a test seeds, reads back and updates one step after another;
// nothing serves two requests at once. Its twin in fixtures.go is
// production code and is reported.
func TestSeedFixture(t *testing.T) {
	var db *sql.DB
	if db == nil {
		t.Skip("no database")
	}
	seedOwner(context.Background(), db, 1, 2)
}

func seedOwner(ctx context.Context, db *sql.DB, id, owner int64) {
	var cur sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT owner_id FROM fixtures WHERE id = $1`, id).Scan(&cur); err != nil {
		return
	}
	if !cur.Valid {
		_, _ = db.ExecContext(ctx, `UPDATE fixtures SET owner_id = $1 WHERE id = $2`, owner, id)
	}
}
