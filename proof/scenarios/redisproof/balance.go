package redisproof

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// WithdrawRacy is racy (RL003): GET reads the balance, Go checks the
// funds and computes balance-amount, SET writes it. Callers that read the
// same balance all pass the check and the debits overwrite each other.
func (s *Store) WithdrawRacy(ctx context.Context, walletID, amount int64, pause func()) (bool, error) {
	key := fmt.Sprintf("wallet:%d:balance", walletID)
	balance, err := s.rdb.Get(ctx, key).Int64()
	pause()
	if err != nil {
		return false, fmt.Errorf("load wallet %d: %w", walletID, err)
	}
	if balance < amount {
		return false, nil
	}
	if err := s.rdb.Set(ctx, key, balance-amount, 0).Err(); err != nil { // want "RL003"
		return false, fmt.Errorf("debit wallet %d: %w", walletID, err)
	}
	return true, nil
}

// withdrawScript checks the bound and debits with DECRBY in one script,
// which Redis runs without interleaving: 1 if it debited, 0 if the funds
// were short.
var withdrawScript = redis.NewScript(`
if tonumber(redis.call("GET", KEYS[1]) or "0") < tonumber(ARGV[1]) then
	return 0
end
redis.call("DECRBY", KEYS[1], ARGV[1])
return 1`)

// Withdraw is atomic: the bounded debit in one Lua script.
func (s *Store) Withdraw(ctx context.Context, walletID, amount int64, pause func()) (bool, error) {
	pause()
	n, err := withdrawScript.Run(ctx, s.rdb, []string{fmt.Sprintf("wallet:%d:balance", walletID)}, amount).Int()
	if err != nil {
		return false, fmt.Errorf("debit wallet %d: %w", walletID, err)
	}
	return n == 1, nil
}

// WithdrawWatch is atomic: the read and check of WithdrawRacy on the
// *redis.Tx of a WATCH, the SET queued in tx.TxPipelined, retried on
// redis.TxFailedErr with a fresh read (and so a fresh check).
func (s *Store) WithdrawWatch(ctx context.Context, walletID, amount int64, pause func()) (bool, error) {
	key := fmt.Sprintf("wallet:%d:balance", walletID)
	for attempt := 0; attempt < maxWatchAttempts; attempt++ {
		done := false
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			balance, err := tx.Get(ctx, key).Int64()
			pause()
			if err != nil {
				return err
			}
			if balance < amount {
				return nil
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Set(ctx, key, balance-amount, 0)
				return nil
			})
			done = err == nil
			return err
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			backoff(attempt)
			continue
		}
		if err != nil {
			return false, fmt.Errorf("debit wallet %d: %w", walletID, err)
		}
		return done, nil
	}
	return false, ErrContention
}
