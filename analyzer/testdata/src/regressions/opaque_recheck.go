package regressions

import (
	"context"
	"database/sql"
)

// A WHERE predicate racelint cannot take apart (homebox's tenant scope
// through an ent edge) might be the re-check, so the write is not called
// unconditional; nothing says it is one, so it is not RL004 either.

// silent: the scope predicate is opaque.
func RenameScoped(ctx context.Context, db *sql.DB, id, groupID int64, suffix string) error {
	var name string
	if err := db.QueryRowContext(ctx, `SELECT name FROM items WHERE id = $1`, id).Scan(&name); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, `UPDATE items SET name = $1 WHERE id = $2 AND (group_id = $3 OR $3 = 0)`, name+suffix, id, groupID)
	return err
}

// racy twin: the WHERE names the re-check (the version read), and the
// count is ignored.
func RenameIfUnchanged(ctx context.Context, db *sql.DB, id int64, suffix string) error {
	var name string
	var version int64
	if err := db.QueryRowContext(ctx, `SELECT name, version FROM items WHERE id = $1`, id).Scan(&name, &version); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, `UPDATE items SET name = $1, version = version + 1 WHERE id = $2 AND version = $3`, name+suffix, id, version) // want `RL004 unchecked-conditional-write: db.ExecContext re-checks version in SQL`
	return err
}
