package harness

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Barrier is the pause hook that forces the racy interleaving: every
// caller waits in it until all n callers have arrived (have done their
// read), then all go on to their writes at once. A caller that blocks
// before the barrier (behind a row lock, for example) would stall the
// others forever, so the barrier gives up after timeout: from then on it
// is open for everyone.
type Barrier struct {
	n        int
	timeout  time.Duration
	mu       sync.Mutex
	arrived  int
	open     chan struct{}
	once     sync.Once
	timedOut atomic.Bool
}

// NewBarrier returns a barrier for n callers.
func NewBarrier(n int, timeout time.Duration) *Barrier {
	return &Barrier{n: n, timeout: timeout, open: make(chan struct{})}
}

// Wait blocks until n callers have called Wait, or until the timeout.
// Once open, the barrier stays open (a retried transaction passes at once).
func (b *Barrier) Wait() {
	b.mu.Lock()
	b.arrived++
	if b.arrived >= b.n {
		b.release()
	}
	b.mu.Unlock()
	t := time.NewTimer(b.timeout)
	defer t.Stop()
	select {
	case <-b.open:
	case <-t.C:
		b.timedOut.Store(true)
		b.release()
	}
}

func (b *Barrier) release() { b.once.Do(func() { close(b.open) }) }

// TimedOut says whether the barrier opened on its timeout rather than on
// the arrival of every caller (the variant serialised its callers).
func (b *Barrier) TimedOut() bool { return b.timedOut.Load() }

// Trial is one prepared run of a scenario: fresh rows, a call that
// records each caller's outcome, and a count of the anomalies.
type Trial struct {
	// Call runs the function under test once for caller in iteration iter.
	Call func(ctx context.Context, caller, iter int, pause func()) error
	// Count inspects the outcomes and the database.
	Count func(ctx context.Context) (anomalies int, detail string, err error)
}

// Scenario prepares a Trial for callers concurrent callers, each making
// iters calls.
type Scenario func(ctx context.Context, db *sql.DB, callers, iters int) (*Trial, error)

// Result is what a run observed.
type Result struct {
	Calls     int           // calls made
	Anomalies int           // as the scenario defines them
	Detail    string        // the scenario's account of the anomalies
	TimedOut  bool          // forced run: the barrier opened on its timeout
	Elapsed   time.Duration // wall time of the calls
	Errors    []error       // unexpected errors (the first few)
}

func (r Result) String() string {
	s := fmt.Sprintf("%d calls in %v: %d anomalies (%s)", r.Calls, r.Elapsed.Round(time.Millisecond), r.Anomalies, r.Detail)
	if r.TimedOut {
		s += "; barrier opened on its timeout"
	}
	if len(r.Errors) > 0 {
		s += fmt.Sprintf("; errors: %v", r.Errors)
	}
	return s
}

// callTimeout bounds one call; a stuck call is an error, not a hang.
const callTimeout = time.Minute

// Forced runs n callers once each with a barrier (of the given timeout)
// as their pause hook: all of them read before any of them writes.
func Forced(ctx context.Context, db *sql.DB, sc Scenario, n int, timeout time.Duration) (Result, error) {
	trial, err := sc(ctx, db, n, 1)
	if err != nil {
		return Result{}, fmt.Errorf("setup: %w", err)
	}
	return runForced(ctx, trial, n, timeout)
}

// runForced is Forced on a prepared trial, whatever store it talks to.
func runForced(ctx context.Context, trial *Trial, n int, timeout time.Duration) (Result, error) {
	var err error
	b := NewBarrier(n, timeout)
	var res Result
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cctx, cancel := context.WithTimeout(ctx, callTimeout)
			defer cancel()
			err := trial.Call(cctx, i, 0, b.Wait)
			mu.Lock()
			defer mu.Unlock()
			res.Calls++
			if err != nil && len(res.Errors) < 5 {
				res.Errors = append(res.Errors, err)
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.TimedOut = b.TimedOut()
	res.Anomalies, res.Detail, err = trial.Count(ctx)
	return res, err
}

// Stress runs goroutines callers, each making up to iters calls with no
// pause, as fast as they can. No call starts after maxDur has passed.
func Stress(ctx context.Context, db *sql.DB, sc Scenario, goroutines, iters int, maxDur time.Duration) (Result, error) {
	trial, err := sc(ctx, db, goroutines, iters)
	if err != nil {
		return Result{}, fmt.Errorf("setup: %w", err)
	}
	return runStress(ctx, trial, goroutines, iters, maxDur)
}

// runStress is Stress on a prepared trial, whatever store it talks to.
func runStress(ctx context.Context, trial *Trial, goroutines, iters int, maxDur time.Duration) (Result, error) {
	var err error
	deadline := time.Now().Add(maxDur)
	var res Result
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < iters && time.Now().Before(deadline); k++ {
				cctx, cancel := context.WithTimeout(ctx, callTimeout)
				err := trial.Call(cctx, g, k, func() {})
				cancel()
				mu.Lock()
				res.Calls++
				if err != nil && len(res.Errors) < 5 {
					res.Errors = append(res.Errors, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Anomalies, res.Detail, err = trial.Count(ctx)
	return res, err
}

// seq makes every trial's keys unique.
var seq atomic.Int64

func prefix() string { return fmt.Sprintf("t%d-%d", time.Now().UnixNano(), seq.Add(1)) }

// IsSerializationFailure reports SQLSTATE 40001 in err's chain, or MySQL's
// deadlock error 1213 (its SQLSTATE is 40001 too) or lock wait timeout 1205.
func IsSerializationFailure(err error) bool {
	var coded interface{ SQLState() string }
	return (errors.As(err, &coded) && coded.SQLState() == "40001") || IsMySQLDeadlock(err)
}
