package entsvc

import (
	"context"
	"fmt"
	"time"

	"github.com/racelint/racelint/example/entsvc/ent"
	"github.com/racelint/racelint/example/entsvc/ent/email"
	"github.com/racelint/racelint/example/entsvc/ent/predicate"
	"github.com/racelint/racelint/example/entsvc/store"
)

// racy: the check and the write are repository calls in another package.
func OpenThroughRepoRacy(ctx context.Context, emails *store.Emails, trackingID string) error {
	e, err := emails.ByTrackingID(ctx, trackingID)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	return emails.MarkOpened(ctx, e.ID) // want "RL001"
}

// safe: the repository's UpdateOne re-checks opened_at, and its error
// (not found when another open won) is returned.
func OpenThroughRepo(ctx context.Context, emails *store.Emails, trackingID string) error {
	e, err := emails.ByTrackingID(ctx, trackingID)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if err := emails.MarkFirstOpen(ctx, e.ID); err != nil {
		if ent.IsNotFound(err) {
			return nil
		}
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// racy: the entity's own Update builder, in a transaction's client.
func (s *Service) OpenInTxRacy(ctx context.Context, id int) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	c := tx.Client()
	e, err := c.Email.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("load email %d: %w", id, err)
	}
	if e.OpenedAt == nil {
		if err := c.Email.UpdateOneID(id).SetOpenedAt(time.Now()).Exec(ctx); err != nil { // want "RL005"
			return fmt.Errorf("record open %d: %w", id, err)
		}
	}
	return tx.Commit()
}

// racy: e.Update() writes the row e was read from.
func (s *Service) ResetViewsRacy(ctx context.Context, id int) error {
	e, err := s.client.Email.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("load email %d: %w", id, err)
	}
	if e.Views > 0 {
		return e.Update().SetViews(0).Exec(ctx) // want "RL001"
	}
	return nil
}

// near-miss: the predicates are built at run time, so racelint cannot
// tell which rows the read and the write touch.
func (s *Service) OpenMatching(ctx context.Context, ps []predicate.Email) error {
	e, err := s.client.Email.Query().Where(ps...).First(ctx)
	if err != nil {
		return fmt.Errorf("load email: %w", err)
	}
	if e.OpenedAt == nil {
		return s.client.Email.Update().Where(ps...).SetOpenedAt(time.Now()).Exec(ctx)
	}
	return nil
}

// near-miss: the write names a different email than the read.
func (s *Service) OpenOther(ctx context.Context, trackingID string, otherID int) error {
	e, err := s.client.Email.Query().Where(email.TrackingIDEQ(trackingID)).Only(ctx)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt == nil {
		return s.client.Email.UpdateOneID(otherID).SetOpenedAt(time.Now()).Exec(ctx)
	}
	return nil
}
