package entsvc

import (
	"context"
	"errors"

	"github.com/racelint/racelint/example/entsvc/ent"
)

var errClosed = errors.New("lead is closed")

// safe: the setters run in statements of their own on the builder (ent's
// builders are pointers each call changes); they set only owner_id, and
// the check tests status, which this write leaves as it was.
func (s *Service) Reassign(ctx context.Context, leadID, ownerID int) (*ent.Lead, error) {
	l, err := s.client.Lead.Get(ctx, leadID)
	if err != nil {
		return nil, err
	}
	if l.Status == "closed" {
		return nil, errClosed
	}
	q := s.client.Lead.UpdateOne(l)
	if ownerID > 0 {
		q.SetOwnerID(ownerID)
	} else {
		q.ClearOwnerID()
	}
	return q.Save(ctx)
}

// racy: the same builder shape, but its setter moves status on after a
// check of it: two callers both see "pending" and both start the lead.
func (s *Service) StartBuilt(ctx context.Context, leadID int) (*ent.Lead, error) {
	l, err := s.client.Lead.Get(ctx, leadID)
	if err != nil {
		return nil, err
	}
	if l.Status != "pending" {
		return nil, ErrNotPending
	}
	q := s.client.Lead.UpdateOne(l)
	q.SetStatus("running")
	return q.Save(ctx) // want "RL001"
}
