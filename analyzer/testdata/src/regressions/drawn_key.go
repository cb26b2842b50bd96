package regressions

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	mrand "math/rand"
)

// Regression (precision): a request draws a key at random (a token from
// crypto/rand, a short code from math/rand), looks it up and inserts it
// when no row has it. That is a collision check: no other request draws
// the same key, so two cannot both find it missing. Expected: silent; the
// racy twin, a key the caller supplies, is reported.

func newDeviceToken() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

const codeLetters = "abcdefghijklmnopqrstuvwxyz0123456789"

func shortCode(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = codeLetters[mrand.Intn(len(codeLetters))]
	}
	return string(b)
}

// silent
func (s *SQLService) RegisterDevice(ctx context.Context, user int64) (string, error) {
	token := newDeviceToken()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM devices WHERE token = $1`, token).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "", errClosedLedger
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO devices (token, user_id) VALUES ($1, $2)`, token, user)
	return token, err
}

// silent: the short link's code, drawn until unused.
func (s *SQLService) Shorten(ctx context.Context, url string) (string, error) {
	code := "l-" + shortCode(7)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM links WHERE code = $1`, code).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		_, err := s.db.ExecContext(ctx, `INSERT INTO links (code, url) VALUES ($1, $2)`, code, url)
		return code, err
	}
	return "", errClosedLedger
}

// racy twin: the caller names the code (a vanity link).
func (s *SQLService) ShortenAs(ctx context.Context, code, url string) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM links WHERE code = $1`, code).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		_, err := s.db.ExecContext(ctx, `INSERT INTO links (code, url) VALUES ($1, $2)`, code, url) // want "RL002"
		return err
	}
	return errClosedLedger
}
