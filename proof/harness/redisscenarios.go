package harness

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisScenario prepares a Trial on a Redis server, like Scenario on a SQL
// database.
type RedisScenario func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error)

// ForcedRedis is Forced on Redis: n callers once each, the barrier as
// their pause hook.
func ForcedRedis(ctx context.Context, rdb *redis.Client, sc RedisScenario, n int, timeout time.Duration) (Result, error) {
	trial, err := sc(ctx, rdb, n, 1)
	if err != nil {
		return Result{}, fmt.Errorf("setup: %w", err)
	}
	return runForced(ctx, trial, n, timeout)
}

// StressRedis is Stress on Redis: goroutines callers, up to iters calls
// each, no pause.
func StressRedis(ctx context.Context, rdb *redis.Client, sc RedisScenario, goroutines, iters int, maxDur time.Duration) (Result, error) {
	trial, err := sc(ctx, rdb, goroutines, iters)
	if err != nil {
		return Result{}, fmt.Errorf("setup: %w", err)
	}
	return runStress(ctx, trial, goroutines, iters, maxDur)
}

// The Redis scenario signatures (ClaimFunc and WithdrawFunc of the SQL
// scenarios are reused: their ids name the keys lead:<id> and
// wallet:<id>:balance).
type (
	// LockFunc tries to take the lock name for token; won says it did.
	LockFunc func(ctx context.Context, name, token string, pause func()) (won bool, err error)
	// UnlockFunc releases the lock name if token still holds it; released
	// says the caller believes it released its own lock.
	UnlockFunc func(ctx context.Context, name, token string, pause func()) (released bool, err error)
	// RedisEventFunc records a webhook event once; first says the caller
	// recorded it (and would go on to apply it).
	RedisEventFunc func(ctx context.Context, eventID string, pause func()) (first bool, err error)
	// StartFunc moves job jobID from pending to running; started says the
	// caller did it (and would go on to run the job).
	StartFunc func(ctx context.Context, jobID int64, pause func()) (started bool, err error)
	// KeyCounterFunc adds one to the counter at key.
	KeyCounterFunc func(ctx context.Context, key string, pause func()) error
)

// idBase keeps the numeric ids of different test runs apart, should two
// runs ever share a server; seq keeps the trials of one run apart.
var idBase = time.Now().UnixNano() / 1e6 * 1000

func nextID() int64 { return idBase + seq.Add(1) }

// RedisLock: every caller tries to take the same lock (a fresh name) with
// its own token. Anomalies: |callers that believe they hold it − 1|, plus
// 1 when the single winner's token is not the one stored.
func RedisLock(fn LockFunc) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		p := prefix()
		names := make([]string, iters)
		for k := range names {
			names[k] = fmt.Sprintf("%s-%d", p, k)
		}
		c := newPerKey(iters)
		winner := make([]atomic.Value, iters)
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				token := fmt.Sprintf("caller-%d-%d", caller, iter)
				won, err := fn(ctx, names[iter], token, pause)
				if won {
					c.won[iter].Add(1)
					winner[iter].Store(token)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, multi, err := c.winners(func(k int) (bool, error) {
					held, err := rdb.Get(ctx, "lock:"+names[k]).Result()
					if errors.Is(err, redis.Nil) {
						err = nil // released or expired: nobody holds it
					}
					return held == winner[k].Load(), err
				})
				return anomalies, fmt.Sprintf("%d of %d locks had several holders", multi, iters), err
			},
		}, nil
	}
}

// RedisUnlock: a lock "lock:<name>" is held by caller 0 with a long TTL.
// Caller 0 releases it with fn; the other callers are workers waiting to
// take it with SET NX (the atomic acquire). The pause of caller 0 is where
// its lease runs out: the harness expires the key (PEXPIRE 1 ms, as if the
// releaser had been stalled past its TTL), opens the barrier for the
// workers and waits until one of them holds the lock before letting
// caller 0 write. Anomalies: workers that took the lock and lost it
// without releasing it (someone else deleted their key).
func RedisUnlock(fn UnlockFunc) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		if iters != 1 || callers < 2 {
			return nil, errors.New("RedisUnlock is a forced scenario: one releaser, at least one worker, one call each")
		}
		name := prefix()
		key := "lock:" + name
		const ownerToken = "caller-0"
		if err := rdb.Set(ctx, key, ownerToken, time.Minute).Err(); err != nil {
			return nil, err
		}
		acquired := make(chan struct{})
		var once sync.Once
		var mu sync.Mutex
		var takers []string // tokens of the workers that took the lock
		var released atomic.Bool
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				if caller == 0 {
					// A failure in the gap is returned as the call's error
					// (the trial is then void), never hidden.
					var gapErr error
					gap := func() {
						if err := rdb.PExpire(ctx, key, time.Millisecond).Err(); err != nil {
							gapErr = fmt.Errorf("expiring the lease: %w", err)
						}
						pause()
						select {
						case <-acquired:
						case <-time.After(5 * time.Second):
							gapErr = errors.New("no worker took the lock while the releaser was stalled")
						}
					}
					ok, err := fn(ctx, name, ownerToken, gap)
					released.Store(ok)
					return errors.Join(err, gapErr)
				}
				pause() // wait until the releaser has read
				token := fmt.Sprintf("caller-%d", caller)
				deadline := time.Now().Add(5 * time.Second)
				for time.Now().Before(deadline) {
					select {
					case <-acquired:
						return nil // another worker holds it; this one gives up
					default:
					}
					ok, err := rdb.SetNX(ctx, key, token, time.Minute).Result()
					if err != nil {
						return err
					}
					if ok {
						mu.Lock()
						takers = append(takers, token)
						mu.Unlock()
						once.Do(func() { close(acquired) })
						return nil
					}
					time.Sleep(time.Millisecond)
				}
				return errors.New("no worker could take the lock after the lease ran out")
			},
			Count: func(ctx context.Context) (int, string, error) {
				held, err := rdb.Get(ctx, key).Result()
				if err != nil && !errors.Is(err, redis.Nil) {
					return 0, "", err
				}
				mu.Lock()
				defer mu.Unlock()
				lost := 0
				for _, t := range takers {
					if t != held {
						lost++
					}
				}
				return lost, fmt.Sprintf("releaser believed it released its lock: %v; %d workers took the lock, %d lost it to another caller's DEL; key now held by %q",
					released.Load(), len(takers), lost, held), nil
			},
		}, nil
	}
}

// RedisEvent: every caller records the same webhook event. Anomalies:
// |callers that believe they recorded it first − 1| (each would apply
// the event).
func RedisEvent(fn RedisEventFunc) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		p := prefix()
		ids := make([]string, iters)
		for k := range ids {
			ids[k] = fmt.Sprintf("%s-%d", p, k)
		}
		c := newPerKey(iters)
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				first, err := fn(ctx, ids[iter], pause)
				if first {
					c.won[iter].Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, multi, err := c.winners(nil)
				return anomalies, fmt.Sprintf("%d of %d events applied more than once", multi, iters), err
			},
		}, nil
	}
}

// RedisClaimLead: the hash lead:<id> exists without an owner_id field;
// every caller claims it for itself. Anomalies: |winners − 1|, plus 1
// when the single winner is not the stored owner_id.
func RedisClaimLead(fn ClaimFunc) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		leads := make([]int64, iters)
		for k := range leads {
			leads[k] = nextID()
			if err := rdb.HSet(ctx, fmt.Sprintf("lead:%d", leads[k]), "title", "proof lead").Err(); err != nil {
				return nil, err
			}
		}
		c := newPerKey(iters)
		winner := make([]atomic.Int64, iters)
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				user := int64(caller + 1)
				won, err := fn(ctx, leads[iter], user, pause)
				if won {
					c.won[iter].Add(1)
					winner[iter].Store(user)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, multi, err := c.winners(func(k int) (bool, error) {
					owner, err := rdb.HGet(ctx, fmt.Sprintf("lead:%d", leads[k]), "owner_id").Int64()
					if errors.Is(err, redis.Nil) {
						err = nil // no owner stored
					}
					return owner == winner[k].Load(), err
				})
				return anomalies, fmt.Sprintf("%d of %d leads had several winners", multi, iters), err
			},
		}, nil
	}
}

// RedisStartJob: the hash job:<id> has status "pending"; every caller
// starts it. Anomalies: |callers that started it − 1|, plus 1 when the
// final status is not "running".
func RedisStartJob(fn StartFunc) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		jobs := make([]int64, iters)
		for k := range jobs {
			jobs[k] = nextID()
			if err := rdb.HSet(ctx, fmt.Sprintf("job:%d", jobs[k]), "status", "pending").Err(); err != nil {
				return nil, err
			}
		}
		c := newPerKey(iters)
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				started, err := fn(ctx, jobs[iter], pause)
				if started {
					c.won[iter].Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, multi := 0, 0
				for k, id := range jobs {
					if c.called[k].Load() == 0 {
						continue
					}
					w := int(c.won[k].Load())
					anomalies += absInt(w - 1)
					if w > 1 {
						multi++
					}
					status, err := rdb.HGet(ctx, fmt.Sprintf("job:%d", id), "status").Result()
					if err != nil {
						return 0, "", err
					}
					if status != "running" {
						anomalies++
					}
				}
				return anomalies, fmt.Sprintf("%d of %d jobs started more than once", multi, iters), nil
			},
		}, nil
	}
}

// RedisCounter: every call adds one to a fresh counter, a string key
// (field == "") or the field of a hash, set to 0 first. Anomalies:
// successful increments missing from the final value, plus every call
// that failed with redis.TxFailedErr instead of being retried (the
// increment it was asked for is lost, as a SQL call failed with SQLSTATE
// 40001 counts in Withdraw).
func RedisCounter(fn KeyCounterFunc, field string) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		key := "counter:" + prefix()
		var err error
		if field == "" {
			err = rdb.Set(ctx, key, 0, 0).Err()
		} else {
			err = rdb.HSet(ctx, key, field, 0).Err()
		}
		if err != nil {
			return nil, err
		}
		var ok, txFailed atomic.Int64
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				err := fn(ctx, key, pause)
				if errors.Is(err, redis.TxFailedErr) {
					txFailed.Add(1)
					return nil
				}
				if err == nil {
					ok.Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				var hits int64
				var err error
				if field == "" {
					hits, err = rdb.Get(ctx, key).Int64()
				} else {
					hits, err = rdb.HGet(ctx, key, field).Int64()
				}
				if err != nil {
					return 0, "", err
				}
				return absInt(int(ok.Load()-hits)) + int(txFailed.Load()),
					fmt.Sprintf("%d increments, final count %d, %d failed with redis.TxFailedErr", ok.Load(), hits, txFailed.Load()), nil
			},
		}, nil
	}
}

// RedisWithdraw: the key wallet:<id>:balance holds 100 and every caller
// withdraws 30 (three may succeed). Anomalies: successful debits missing
// from the balance, plus 1 if the balance went negative.
func RedisWithdraw(fn WithdrawFunc) RedisScenario {
	return func(ctx context.Context, rdb *redis.Client, callers, iters int) (*Trial, error) {
		initial, amount := int64(100), int64(30)
		if iters > 1 {
			initial, amount = int64(callers*iters/2), 1
		}
		id := nextID()
		key := fmt.Sprintf("wallet:%d:balance", id)
		if err := rdb.Set(ctx, key, initial, 0).Err(); err != nil {
			return nil, err
		}
		var ok, refused atomic.Int64
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				done, err := fn(ctx, id, amount, pause)
				switch {
				case err != nil:
					return err
				case done:
					ok.Add(1)
				default:
					refused.Add(1)
				}
				return nil
			},
			Count: func(ctx context.Context) (int, string, error) {
				balance, err := rdb.Get(ctx, key).Int64()
				if err != nil {
					return 0, "", err
				}
				debited := initial - balance
				lost := int(ok.Load() - debited/amount)
				anomalies := absInt(lost)
				if balance < 0 {
					anomalies++
				}
				return anomalies, fmt.Sprintf("balance %d -> %d, %d withdrawals of %d succeeded, %d refused, %d lost debits",
					initial, balance, ok.Load(), amount, refused.Load(), lost), nil
			},
		}, nil
	}
}
