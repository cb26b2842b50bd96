package regressions

import "context"

// Regression (mindoc, models/Options.go Init): an install step seeds nine
// default rows, each looked up by a constant name and inserted when
// missing. Every run looks up the same rows, so the nine check-then-insert
// pairs are one finding at the first insert, the others related
// positions. Expected: one RL002 per seeding function; a function that
// takes the name from its caller reports each of its inserts.

type defaultsStore struct{ sqlSvc *SQLService }

// racy, one finding: fixed rows seeded by a function without parameters.
func (d *defaultsStore) SeedDefaults() error {
	ctx := context.Background()
	var n int
	if err := d.sqlSvc.db.QueryRowContext(ctx, `SELECT count(*) FROM options WHERE name = $1`, "site_name").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := d.sqlSvc.db.ExecContext(ctx, `INSERT INTO options (name, value) VALUES ($1, $2)`, "site_name", "Docs"); err != nil { // want `RL002 check-then-insert`
			return err
		}
	}
	if err := d.sqlSvc.db.QueryRowContext(ctx, `SELECT count(*) FROM options WHERE name = $1`, "language").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := d.sqlSvc.db.ExecContext(ctx, `INSERT INTO options (name, value) VALUES ($1, $2)`, "language", "en"); err != nil {
			return err
		}
	}
	return nil
}

// racy twin, two findings: the names come from the caller.
func (d *defaultsStore) SeedNamed(ctx context.Context, first, second string) error {
	var n int
	if err := d.sqlSvc.db.QueryRowContext(ctx, `SELECT count(*) FROM options WHERE name = $1`, first).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := d.sqlSvc.db.ExecContext(ctx, `INSERT INTO options (name) VALUES ($1)`, first); err != nil { // want `RL002 check-then-insert`
			return err
		}
	}
	if err := d.sqlSvc.db.QueryRowContext(ctx, `SELECT count(*) FROM options WHERE name = $1`, second).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := d.sqlSvc.db.ExecContext(ctx, `INSERT INTO options (name) VALUES ($1)`, second); err != nil { // want `RL002 check-then-insert`
			return err
		}
	}
	return nil
}
