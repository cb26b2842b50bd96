// Package fixpgx holds findings with suggested fixes for pgx v5.
package fixpgx

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var errLow = errors.New("insufficient funds")

type Service struct{ pool *pgxpool.Pool }

// RL003: balance-amount written back; the check on balance stays.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	var balance int64
	if err := s.pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, id).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return errLow
	}
	_, err := s.pool.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, id) // want "RL003"
	return err
}

// RL003: views+1, no check.
func (s *Service) View(ctx context.Context, id int64) error {
	var views int64
	if err := s.pool.QueryRow(ctx, `SELECT views FROM posts WHERE id = $1`, id).Scan(&views); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views+1, id) // want "RL003"
	return err
}

const subscribersDDL = `CREATE UNIQUE INDEX subscribers_email ON subscribers (email)`

// RL002: pgx.ErrNoRows, then INSERT: ON CONFLICT DO NOTHING.
func (s *Service) Subscribe(ctx context.Context, email string) error {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM subscribers WHERE email = $1`, email).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		_, err = s.pool.Exec(ctx, `INSERT INTO subscribers (email, created_at) VALUES ($1, $2)`, email, time.Now()) // want "RL002"
	}
	return err
}

// RL005 (BeginFunc not used; Begin, QueryRow, Exec): lock, or re-check
// shipped_at.
func (s *Service) Ship(ctx context.Context, id int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var shippedAt *time.Time
	if err := tx.QueryRow(ctx, `SELECT shipped_at FROM orders WHERE id = $1`, id).Scan(&shippedAt); err != nil {
		return err
	}
	if shippedAt != nil {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE orders SET shipped_at = now() WHERE id = $1`, id); err != nil { // want "RL005"
		return err
	}
	return tx.Commit(ctx)
}
