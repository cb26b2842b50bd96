// Package fixesent holds ent findings with suggested fixes.
package fixesent

import (
	"context"
	"errors"
	"time"

	"fixes/ent/ent"
)

var errClosed = errors.New("closed")

// racy: the counter is incremented in Go; the fix makes it AddHits.
func Increment(ctx context.Context, client *ent.Client, id int) error {
	c, err := client.Counter.Get(ctx, id)
	if err != nil {
		return err
	}
	return client.Counter.UpdateOneID(c.ID).SetHits(c.Hits + 1).Exec(ctx) // want "RL003"
}

// racy, and no fix: c is used nowhere but in the value written, so
// dropping it would leave c unused and the code would not compile.
func IncrementByID(ctx context.Context, client *ent.Client, id int) error {
	c, err := client.Counter.Get(ctx, id)
	if err != nil {
		return err
	}
	return client.Counter.UpdateOneID(id).SetHits(c.Hits + 1).Exec(ctx) // want "RL003"
}

// racy: a decrement by a variable amount; the fix negates it.
func Spend(ctx context.Context, client *ent.Client, id int, n int64) error {
	c, err := client.Counter.Get(ctx, id)
	if err != nil {
		return err
	}
	return client.Counter.UpdateOneID(c.ID).SetName("spent").SetHits(c.Hits - n).Exec(ctx) // want "RL003"
}

// racy: the name checked in Go, then written; the fix re-checks it in
// Where and takes the check's failure on ent's not-found error.
func Close(ctx context.Context, client *ent.Client, id int) error {
	c, err := client.Counter.Get(ctx, id)
	if err != nil {
		return err
	}
	if c.Name != "open" {
		return errClosed
	}
	return client.Counter.UpdateOneID(c.ID).SetName("closed").Exec(ctx) // want "RL001"
}

// racy: a first-time stamp after a nil check, in the if-err form.
func Stamp(ctx context.Context, client *ent.Client, id int) (bool, error) {
	c, err := client.Counter.Get(ctx, id)
	if err != nil {
		return false, err
	}
	if c.ClosedAt != nil {
		return false, nil
	}
	if err := client.Counter.UpdateOneID(c.ID).SetClosedAt(time.Now()).Exec(ctx); err != nil { // want "RL001"
		return false, err
	}
	return true, nil
}
