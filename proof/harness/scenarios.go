package harness

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// The scenario signatures every library's Store implements.
type (
	// OpenFunc records the first open of an email; first says the caller recorded it.
	OpenFunc func(ctx context.Context, trackingID string, pause func()) (first bool, err error)
	// ClaimFunc claims a lead for a user; won says the caller owns it.
	ClaimFunc func(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error)
	// DequeueFunc takes the next pending job of a queue; ok says one was taken.
	DequeueFunc func(ctx context.Context, queue string, pause func()) (id int64, ok bool, err error)
	// EventFunc records an event once; inserted says the caller stored it.
	EventFunc func(ctx context.Context, dedupKey string, pause func()) (inserted bool, err error)
	// IncrementFunc adds one to a counter.
	IncrementFunc func(ctx context.Context, counterID int64, pause func()) error
	// WithdrawFunc debits an account; ok says the debit was made, false
	// means insufficient funds.
	WithdrawFunc func(ctx context.Context, accountID, amount int64, pause func()) (ok bool, err error)
	// EnsureFunc finds or creates a contact; created says the caller created it.
	EnsureFunc func(ctx context.Context, email string, pause func()) (id int64, created bool, err error)
)

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// perKey counts outcomes for each of iters keys; only keys that were
// called are judged (a bounded stress run may stop early).
type perKey struct {
	called []atomic.Int64
	won    []atomic.Int64
}

func newPerKey(n int) *perKey {
	return &perKey{called: make([]atomic.Int64, n), won: make([]atomic.Int64, n)}
}

// winners judges the keys on which exactly one caller may win: over the
// keys some caller called, anomalies are |winners − 1| per key, and multi
// the keys with several winners. owned, if set, says for a key with a
// single winner whether the stored state names that winner; when it does
// not, that is one more anomaly.
func (c *perKey) winners(owned func(k int) (bool, error)) (anomalies, multi int, err error) {
	for k := range c.called {
		if c.called[k].Load() == 0 {
			continue
		}
		w := int(c.won[k].Load())
		anomalies += absInt(w - 1)
		if w > 1 {
			multi++
		}
		if w == 1 && owned != nil {
			ok, err := owned(k)
			if err != nil {
				return 0, 0, err
			}
			if !ok {
				anomalies++
			}
		}
	}
	return anomalies, multi, nil
}

// FirstOpen: every caller records an open of the same email; exactly one
// of them may believe it recorded the first open. Anomalies: for each
// email, |callers that believed they were first − 1|.
func FirstOpen(fn OpenFunc) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		p := prefix()
		keys := make([]string, iters)
		for k := range keys {
			keys[k] = fmt.Sprintf("%s-%d", p, k)
			if _, err := db.ExecContext(ctx, rb(db, `INSERT INTO emails (tracking_id) VALUES ($1)`), keys[k]); err != nil {
				return nil, err
			}
		}
		c := newPerKey(iters)
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				first, err := fn(ctx, keys[iter], pause)
				if first {
					c.won[iter].Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, multi, err := c.winners(nil)
				return anomalies, fmt.Sprintf("%d of %d emails had several callers recording the first open", multi, iters), err
			},
		}, nil
	}
}

// ClaimLead: every caller claims the same lead for itself; exactly one may
// win and the lead must end up owned by that winner. Anomalies: for each
// lead, |winners − 1|, plus 1 when the single winner is not the owner.
func ClaimLead(fn ClaimFunc) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		leads := make([]int64, iters)
		for k := range leads {
			if err := db.QueryRowContext(ctx, rb(db, `INSERT INTO leads DEFAULT VALUES RETURNING id`)).Scan(&leads[k]); err != nil {
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
					var owner sql.NullInt64
					err := db.QueryRowContext(ctx, rb(db, `SELECT owner_id FROM leads WHERE id = $1`), leads[k]).Scan(&owner)
					return owner.Int64 == winner[k].Load(), err
				})
				return anomalies, fmt.Sprintf("%d of %d leads had several winners", multi, iters), err
			},
		}, nil
	}
}

// Queue: callers×iters pending jobs, each call takes one. Anomalies: the
// number of times a job was taken by a caller after another had taken it.
func Queue(fn DequeueFunc) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		q := prefix()
		n := callers * iters
		if isMySQL(db) {
			for done := 0; done < n; done += 500 {
				rows := min(500, n-done)
				args := make([]any, rows)
				for i := range args {
					args[i] = q
				}
				if _, err := db.ExecContext(ctx, `INSERT INTO jobs (queue) VALUES `+strings.TrimSuffix(strings.Repeat("(?),", rows), ","), args...); err != nil {
					return nil, err
				}
			}
		} else if _, err := db.ExecContext(ctx, `INSERT INTO jobs (queue) SELECT $1 FROM generate_series(1, $2)`, q, n); err != nil {
			return nil, err
		}
		var mu sync.Mutex
		taken := map[int64]int{}
		var empty atomic.Int64
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				id, ok, err := fn(ctx, q, pause)
				if ok {
					mu.Lock()
					taken[id]++
					mu.Unlock()
				} else if err == nil {
					empty.Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				dup, twice := 0, 0
				for _, t := range taken {
					if t > 1 {
						dup += t - 1
						twice++
					}
				}
				return dup, fmt.Sprintf("%d distinct jobs taken by %d takes, %d taken more than once, %d calls found the queue empty", len(taken), len(taken)+dup, twice, empty.Load()), nil
			},
		}, nil
	}
}

// UniqueEvent: every caller records the same event into table. Anomalies:
// for each event, max(|rows − 1|, |callers that believed they inserted − 1|).
func UniqueEvent(fn EventFunc, table string) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		p := prefix()
		keys := make([]string, iters)
		for k := range keys {
			keys[k] = fmt.Sprintf("%s-%d", p, k)
		}
		c := newPerKey(iters)
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				ins, err := fn(ctx, keys[iter], pause)
				if ins {
					c.won[iter].Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, dupKeys, rowsTotal := 0, 0, 0
				for k, key := range keys {
					if c.called[k].Load() == 0 {
						continue
					}
					var rows int
					if err := db.QueryRowContext(ctx, rb(db, `SELECT count(*) FROM `+table+` WHERE dedup_key = $1`), key).Scan(&rows); err != nil {
						return 0, "", err
					}
					rowsTotal += rows
					a := max(absInt(rows-1), absInt(int(c.won[k].Load())-1))
					anomalies += a
					if a > 0 {
						dupKeys++
					}
				}
				return anomalies, fmt.Sprintf("%s: %d rows for %d events, %d events stored or claimed more than once", table, rowsTotal, iters, dupKeys), nil
			},
		}, nil
	}
}

// Counter: every call adds one to the same counter. Anomalies: successful
// increments missing from the final count.
func Counter(fn IncrementFunc) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		var id int64
		if err := db.QueryRowContext(ctx, rb(db, `INSERT INTO counters DEFAULT VALUES RETURNING id`)).Scan(&id); err != nil {
			return nil, err
		}
		var ok atomic.Int64
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				err := fn(ctx, id, pause)
				if err == nil {
					ok.Add(1)
				}
				return err
			},
			Count: func(ctx context.Context) (int, string, error) {
				var hits int64
				if err := db.QueryRowContext(ctx, rb(db, `SELECT hits FROM counters WHERE id = $1`), id).Scan(&hits); err != nil {
					return 0, "", err
				}
				return absInt(int(ok.Load() - hits)), fmt.Sprintf("%d increments, final count %d", ok.Load(), hits), nil
			},
		}, nil
	}
}

// Withdraw: every call withdraws amount from one account. A forced run
// starts at 100 and withdraws 30 (three may succeed); a stress run starts
// at half the calls and withdraws 1. Anomalies: successful debits missing
// from the balance (lost debits), plus 1 if the balance went negative,
// plus every call that failed with a serialization failure (SQLSTATE
// 40001) instead of being retried.
func Withdraw(fn WithdrawFunc) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		initial, amount := int64(100), int64(30)
		if iters > 1 {
			initial, amount = int64(callers*iters/2), 1
		}
		var id int64
		if err := db.QueryRowContext(ctx, rb(db, `INSERT INTO accounts (balance) VALUES ($1) RETURNING id`), initial).Scan(&id); err != nil {
			return nil, err
		}
		var ok, refused, serialization atomic.Int64
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				done, err := fn(ctx, id, amount, pause)
				switch {
				case IsSerializationFailure(err):
					serialization.Add(1)
					return nil
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
				var balance int64
				if err := db.QueryRowContext(ctx, rb(db, `SELECT balance FROM accounts WHERE id = $1`), id).Scan(&balance); err != nil {
					return 0, "", err
				}
				debited := initial - balance
				lost := int(ok.Load() - debited/amount)
				anomalies := absInt(lost) + int(serialization.Load())
				if balance < 0 {
					anomalies++
				}
				return anomalies, fmt.Sprintf("balance %d -> %d, %d withdrawals of %d succeeded, %d refused, %d lost debits, %d failed with 40001",
					initial, balance, ok.Load(), amount, refused.Load(), lost, serialization.Load()), nil
			},
		}, nil
	}
}

// FindOrCreate: every caller finds or creates the same contact in table.
// Anomalies: for each email, max(|rows − 1|, |creators − 1|, distinct ids
// returned − 1).
func FindOrCreate(fn EnsureFunc, table string) Scenario {
	return func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error) {
		p := prefix()
		keys := make([]string, iters)
		for k := range keys {
			keys[k] = fmt.Sprintf("%s-%d@example.com", p, k)
		}
		c := newPerKey(iters)
		var mu sync.Mutex
		ids := make([]map[int64]bool, iters)
		for k := range ids {
			ids[k] = map[int64]bool{}
		}
		return &Trial{
			Call: func(ctx context.Context, caller, iter int, pause func()) error {
				c.called[iter].Add(1)
				id, created, err := fn(ctx, keys[iter], pause)
				if err != nil {
					return err
				}
				if created {
					c.won[iter].Add(1)
				}
				mu.Lock()
				ids[iter][id] = true
				mu.Unlock()
				return nil
			},
			Count: func(ctx context.Context) (int, string, error) {
				anomalies, bad, rowsTotal := 0, 0, 0
				for k, key := range keys {
					if c.called[k].Load() == 0 {
						continue
					}
					var rows int
					if err := db.QueryRowContext(ctx, rb(db, `SELECT count(*) FROM `+table+` WHERE email = $1`), key).Scan(&rows); err != nil {
						return 0, "", err
					}
					rowsTotal += rows
					a := max(absInt(rows-1), absInt(int(c.won[k].Load())-1), len(ids[k])-1)
					anomalies += a
					if a > 0 {
						bad++
					}
				}
				return anomalies, fmt.Sprintf("%s: %d rows for %d contacts, %d contacts created more than once", table, rowsTotal, iters, bad), nil
			},
		}, nil
	}
}

var placeholder = regexp.MustCompile(`\$[0-9]+`)

// rb rewrites a harness query for db's dialect: on MySQL/MariaDB the $n
// placeholders (each used once) become ? and DEFAULT VALUES becomes () VALUES ()
// (MariaDB has INSERT ... RETURNING since 10.5).
func rb(db *sql.DB, q string) string {
	if !isMySQL(db) {
		return q
	}
	q = strings.ReplaceAll(q, "DEFAULT VALUES", "() VALUES ()")
	return placeholder.ReplaceAllString(q, "?")
}
