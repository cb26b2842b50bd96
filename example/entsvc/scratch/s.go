package scratch

import (
	"context"
	"time"

	"github.com/racelint/racelint/example/entsvc/ent"
	"github.com/racelint/racelint/example/entsvc/ent/email"
	"github.com/racelint/racelint/example/entsvc/ent/event"
	"github.com/racelint/racelint/example/entsvc/ent/predicate"
)

type Repo struct{ client *ent.Client }

func (r *Repo) ByTracking(ctx context.Context, tid string) (*ent.Email, error) {
	return r.client.Email.Query().Where(email.TrackingID(tid)).Only(ctx)
}

func (r *Repo) MarkOpened(ctx context.Context, id int) error {
	return r.client.Email.UpdateOneID(id).SetOpenedAt(time.Now()).Exec(ctx)
}

// racy through summaries
func Layered(ctx context.Context, r *Repo, tid string) error {
	e, err := r.ByTracking(ctx, tid)
	if err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	return r.MarkOpened(ctx, e.ID)
}

// racy: entity Update()
func EntityUpdate(ctx context.Context, c *ent.Client, id int) error {
	e, err := c.Email.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.OpenedAt == nil {
		return e.Update().SetOpenedAt(time.Now()).Exec(ctx)
	}
	return nil
}

// racy: tx.Client()
func TxClient(ctx context.Context, c *ent.Client, id int) error {
	tx, err := c.Tx(ctx)
	if err != nil {
		return err
	}
	tc := tx.Client()
	e, err := tc.Email.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.OpenedAt == nil {
		if err := tc.Email.UpdateOneID(id).SetOpenedAt(time.Now()).Exec(ctx); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// dynamic predicates: imprecise, no finding expected
func Dynamic(ctx context.Context, c *ent.Client, ps []predicate.Email, id int) error {
	e, err := c.Email.Query().Where(ps...).Only(ctx)
	if err != nil {
		return err
	}
	if e.OpenedAt == nil {
		return c.Email.Update().Where(ps...).SetOpenedAt(time.Now()).Exec(ctx)
	}
	return nil
}

// CreateBulk after existence check: racy
func Bulk(ctx context.Context, c *ent.Client, k string) error {
	ok, err := c.Event.Query().Where(event.DedupKey(k)).Exist(ctx)
	if err != nil || ok {
		return err
	}
	_, err = c.Event.CreateBulk(c.Event.Create().SetDedupKey(k)).Save(ctx)
	return err
}

// X variants
func XVariant(ctx context.Context, c *ent.Client, id int) {
	e := c.Email.GetX(ctx, id)
	if e.OpenedAt == nil {
		c.Email.UpdateOneID(id).SetOpenedAt(time.Now()).ExecX(ctx)
	}
}

// All + range
func Range(ctx context.Context, c *ent.Client) error {
	es, err := c.Email.Query().Where(email.OpenedAtIsNil()).All(ctx)
	if err != nil {
		return err
	}
	for _, e := range es {
		if e.Views > 10 {
			c.Email.UpdateOneID(e.ID).SetViews(0).ExecX(ctx)
		}
	}
	return nil
}

// upsert with builder param
func Upsert(ctx context.Context, c *ent.Client, k string) error {
	n, err := c.Event.Query().Where(event.DedupKey(k)).Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	return c.Event.Create().SetDedupKey(k).OnConflict().Ignore().Exec(ctx)
}

// delete after check
func Del(ctx context.Context, c *ent.Client, id int) error {
	e, err := c.Email.Get(ctx, id)
	if err != nil {
		return err
	}
	if e.Views == 0 {
		return c.Email.DeleteOneID(id).Exec(ctx)
	}
	return nil
}
