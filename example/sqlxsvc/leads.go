package sqlxsvc

import (
	"context"
	"fmt"
	"time"
)

const claimLeadSQL = `UPDATE leads SET owner_id = ?, claimed_at = ? WHERE id = ? AND owner_id IS NULL`

// racy: owner_id is checked in Go, then written; two claimers both see no owner and both win.
func (s *Service) ClaimLeadRacy(ctx context.Context, leadID, userID int64) error {
	var lead Lead
	if err := s.db.GetContext(ctx, &lead, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID); err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if lead.OwnerID != nil {
		return ErrTaken
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), lead.ID); err != nil { // want "RL001"
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return nil
}

// safe: conditional UPDATE (AND owner_id IS NULL, SQL through Rebind) with RowsAffected checked.
func (s *Service) ClaimLead(ctx context.Context, leadID, userID int64) error {
	res, err := s.db.ExecContext(ctx, s.db.Rebind(claimLeadSQL), userID, time.Now(), leadID)
	if err != nil {
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	if n == 0 {
		return ErrTaken
	}
	return nil
}

// racy: the claim re-checks owner_id IS NULL but its affected-row count is discarded, so both callers go on as owners.
func (s *Service) AssignLead(ctx context.Context, leadID, userID int64) error {
	if _, err := s.db.ExecContext(ctx, s.db.Rebind(claimLeadSQL), userID, time.Now(), leadID); err != nil { // want "RL004"
		return fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return nil
}

// near-miss: the check reads lead fromID, the write updates lead toID: a different record.
func (s *Service) HandOffLead(ctx context.Context, fromID, toID, userID int64) error {
	var from Lead
	if err := s.db.GetContext(ctx, &from, `SELECT id, owner_id FROM leads WHERE id = $1`, fromID); err != nil {
		return fmt.Errorf("load lead %d: %w", fromID, err)
	}
	if from.OwnerID == nil || *from.OwnerID != userID {
		return ErrForbidden
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), toID); err != nil {
		return fmt.Errorf("hand off to lead %d: %w", toID, err)
	}
	return nil
}
