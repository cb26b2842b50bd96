package entproof

import (
	"context"
	"fmt"
	"time"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent"
	"github.com/racelint/racelint/proof/scenarios/entproof/ent/lead"
)

// ClaimLeadRacy is racy (RL001): OwnerID is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	l, err := s.client.Lead.Get(ctx, int(leadID))
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if l.OwnerID != nil {
		return false, nil
	}
	if err := s.client.Lead.UpdateOneID(l.ID).SetOwnerID(userID).SetClaimedAt(time.Now()).Exec(ctx); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the UPDATE re-checks owner_id IS NULL
// but the count Save returns is ignored, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	if _, err := s.client.Lead.Update().Where(lead.ID(int(leadID)), lead.OwnerIDIsNil()).SetOwnerID(userID).SetClaimedAt(time.Now()).Save(ctx); err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: UpdateOneID(...).Where(OwnerIDIsNil()) fails with
// a not-found error when another caller claimed the lead first.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	err = s.client.Lead.UpdateOneID(int(leadID)).Where(lead.OwnerIDIsNil()).SetOwnerID(userID).SetClaimedAt(time.Now()).Exec(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}
