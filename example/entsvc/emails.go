package entsvc

import (
	"context"
	"fmt"
	"time"

	"github.com/racelint/racelint/example/entsvc/ent/email"
)

// racy: OpenedAt is checked in Go, then written by id; two concurrent
// opens both see nil.
func (s *Service) RecordOpenRacy(ctx context.Context, trackingID string) error {
	e, err := s.client.Email.Query().Where(email.TrackingID(trackingID)).Only(ctx)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	if err := s.client.Email.UpdateOneID(e.ID).SetOpenedAt(time.Now()).Exec(ctx); err != nil { // want "RL001"
		return fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return nil
}

// racy: the same check, written through the entity's own UpdateOne.
func (s *Service) RecordOpenByIDRacy(ctx context.Context, id int) error {
	e, err := s.client.Email.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("load email %d: %w", id, err)
	}
	if e.OpenedAt == nil {
		if _, err := s.client.Email.UpdateOne(e).SetOpenedAt(time.Now()).Save(ctx); err != nil { // want "RL001"
			return fmt.Errorf("record open %d: %w", id, err)
		}
	}
	return nil
}

// safe: the UPDATE re-checks opened_at IS NULL and the affected count says
// who won.
func (s *Service) RecordOpen(ctx context.Context, id int) (first bool, err error) {
	n, err := s.client.Email.Update().
		Where(email.ID(id), email.OpenedAtIsNil()).
		SetOpenedAt(time.Now()).
		Save(ctx)
	if err != nil {
		return false, fmt.Errorf("record open %d: %w", id, err)
	}
	return n == 1, nil
}

// racy: the conditional UPDATE re-checks opened_at, but nobody looks at
// the count, so every caller goes on as the first opener.
func (s *Service) RecordOpenUnchecked(ctx context.Context, trackingID string) error {
	e, err := s.client.Email.Query().Where(email.TrackingID(trackingID)).Only(ctx)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, _ = s.client.Email.Update().Where(email.ID(e.ID), email.OpenedAtIsNil()).SetOpenedAt(time.Now()).Save(ctx) // want "RL004"
	return nil
}

// near-miss: the read's error is only handled; nothing it observed is
// checked before the write.
func (s *Service) Touch(ctx context.Context, trackingID string) error {
	e, err := s.client.Email.Query().Where(email.TrackingID(trackingID)).Only(ctx)
	if err != nil {
		return fmt.Errorf("load email %s: %w", trackingID, err)
	}
	return s.client.Email.UpdateOneID(e.ID).SetOpenedAt(time.Now()).Exec(ctx)
}

// racy: views+1 is computed in Go from the email read and written back;
// concurrent views are lost.
func (s *Service) CountViewRacy(ctx context.Context, id int) error {
	e, err := s.client.Email.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("load email %d: %w", id, err)
	}
	return s.client.Email.UpdateOneID(id).SetViews(e.Views + 1).Exec(ctx) // want "RL003"
}

// safe: AddViews is views = views + 1 in the database.
func (s *Service) CountView(ctx context.Context, id int) error {
	return s.client.Email.UpdateOneID(id).AddViews(1).Exec(ctx)
}
