package pgxsvc

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

const claimLeadSQL = `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3 AND owner_id IS NULL`

// racy: owner_id is checked in Go, then written; two claimers both see no owner and both win.
func (s *Service) ClaimLeadRacy(ctx context.Context, leadID, userID int64) error {
	rows, err := s.pool.Query(ctx, `SELECT id, owner_id FROM leads WHERE id = $1`, leadID)
	if err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	lead, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[Lead])
	if err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if lead.OwnerID != nil {
		return ErrTaken
	}
	if _, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), lead.ID); err != nil { // want "RL001"
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return nil
}

// safe: conditional UPDATE (AND owner_id IS NULL) with CommandTag.RowsAffected checked.
func (s *Service) ClaimLead(ctx context.Context, leadID, userID int64) error {
	tag, err := s.pool.Exec(ctx, claimLeadSQL, userID, time.Now(), leadID)
	if err != nil {
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrTaken
	}
	return nil
}

// racy: the claim re-checks owner_id IS NULL but its CommandTag is discarded, so both callers go on as owners.
func (s *Service) AssignLead(ctx context.Context, leadID, userID int64) error {
	if _, err := s.pool.Exec(ctx, claimLeadSQL, userID, time.Now(), leadID); err != nil { // want "RL004"
		return fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return nil
}

// near-miss: the check reads lead fromID, the write updates lead toID: a different record.
func (s *Service) HandOffLead(ctx context.Context, fromID, toID, userID int64) error {
	var owner *int64
	if err := s.pool.QueryRow(ctx, `SELECT owner_id FROM leads WHERE id = $1`, fromID).Scan(&owner); err != nil {
		return fmt.Errorf("load lead %d: %w", fromID, err)
	}
	if owner == nil || *owner != userID {
		return ErrForbidden
	}
	if _, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), toID); err != nil {
		return fmt.Errorf("hand off to lead %d: %w", toID, err)
	}
	return nil
}

// near-miss: an unchecked conditional write that only stamps deleted_at = now() is idempotent; RL004 does not report it alone.
func (s *Service) ArchiveLead(ctx context.Context, leadID int64) error {
	if _, err := s.pool.Exec(ctx, `UPDATE leads SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, leadID); err != nil {
		return fmt.Errorf("archive lead %d: %w", leadID, err)
	}
	return nil
}
