// Package rl008callers holds check-then-insert races whose function takes
// no lock itself but only ever runs with one held: every call of it is
// made under a package mutex, directly or through the transaction
// callback of a helper called under it. That serialises one process only,
// so it is RL008 (off by default) rather than RL002. A helper that one
// caller runs without the lock, or that runs in a goroutine the locked
// code starts, stays RL002.
package rl008callers

import (
	"context"
	"database/sql"
	"sync"
)

var generateMu sync.Mutex

type Generator struct{ db *sql.DB }

// Generate holds generateMu for the whole run and persists through a
// transaction helper whose callback calls persistRoutes.
func (g *Generator) Generate(ctx context.Context, paths []string) error {
	generateMu.Lock()
	defer generateMu.Unlock()
	return g.commit(func() error {
		return g.persist(ctx, paths)
	})
}

func (g *Generator) commit(publish func() error) error { return publish() }

func (g *Generator) persist(ctx context.Context, paths []string) error {
	return inTx(ctx, g.db, func(tx *sql.Tx) error {
		return persistRoutes(ctx, tx, paths)
	})
}

func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// persistRoutes runs only under generateMu: RL008.
func persistRoutes(ctx context.Context, tx *sql.Tx, paths []string) error {
	for _, p := range paths {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM routes WHERE path = $1`, p).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO routes (path) VALUES ($1)`, p); err != nil { // want "RL008 .*generateMu|RL008 .*held by every caller"
				return err
			}
		}
	}
	return nil
}

// ensureMenu is called under the lock by Regenerate and without it by
// AddMenu: RL002.
func ensureMenu(ctx context.Context, db *sql.DB, name string) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM menus WHERE name = $1`, name).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := db.ExecContext(ctx, `INSERT INTO menus (name) VALUES ($1)`, name) // want "RL002"
		return err
	}
	return nil
}

func (g *Generator) Regenerate(ctx context.Context) error {
	generateMu.Lock()
	defer generateMu.Unlock()
	return ensureMenu(ctx, g.db, "generated")
}

func (g *Generator) AddMenu(ctx context.Context, name string) error {
	return ensureMenu(ctx, g.db, name)
}

// ensureTag runs in a goroutine the locked code starts, which the lock
// does not cover once Sync returns: RL002.
func ensureTag(ctx context.Context, db *sql.DB, name string) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE name = $1`, name).Scan(&n); err != nil {
		return
	}
	if n == 0 {
		_, _ = db.ExecContext(ctx, `INSERT INTO tags (name) VALUES ($1)`, name) // want "RL002"
	}
}

func (g *Generator) Sync(ctx context.Context) {
	generateMu.Lock()
	defer generateMu.Unlock()
	go func() {
		ensureTag(ctx, g.db, "synced")
	}()
}
