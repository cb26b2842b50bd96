// Package fixesent holds ent findings with suggested fixes.
package fixesent

import (
	"context"

	"fixes/ent/ent"
)

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
