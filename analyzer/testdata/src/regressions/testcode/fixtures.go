// Package testcode holds a check-then-update in production code and its
// copy in a _test.go file, which racelint leaves out.
package testcode

import (
	"context"
	"database/sql"
)

// racy twin of seedOwner in fixtures_test.go: the same check-then-update
// in the service's own code.
func assignOwner(ctx context.Context, db *sql.DB, id, owner int64) {
	var cur sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT owner_id FROM fixtures WHERE id = $1`, id).Scan(&cur); err != nil {
		return
	}
	if !cur.Valid {
		_, _ = db.ExecContext(ctx, `UPDATE fixtures SET owner_id = $1 WHERE id = $2`, owner, id) // want `RL001 check-then-update`
	}
}
