package sqlsvc

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

const claimLeadSQL = `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3 AND owner_id IS NULL`

// racy: owner_id is checked in Go, then written; two claimers both see no owner and both win.
func (s *Service) ClaimLeadRacy(ctx context.Context, leadID, userID int64) error {
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner); err != nil {
		return fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if owner.Valid {
		return ErrTaken
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), leadID); err != nil { // want "RL001"
		return fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return nil
}

// safe: conditional UPDATE (AND owner_id IS NULL) with RowsAffected checked.
func (s *Service) ClaimLead(ctx context.Context, leadID, userID int64) error {
	res, err := s.db.ExecContext(ctx, claimLeadSQL, userID, time.Now(), leadID)
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
	if _, err := s.db.ExecContext(ctx, claimLeadSQL, userID, time.Now(), leadID); err != nil { // want "RL004"
		return fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return nil
}

// near-miss: the check reads lead fromID, the write updates lead toID: a different record.
func (s *Service) HandOffLead(ctx context.Context, fromID, toID, userID int64) error {
	var owner sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, fromID).Scan(&owner); err != nil {
		return fmt.Errorf("load lead %d: %w", fromID, err)
	}
	if !owner.Valid || owner.Int64 != userID {
		return ErrForbidden
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), toID); err != nil {
		return fmt.Errorf("hand off to lead %d: %w", toID, err)
	}
	return nil
}

// near-miss: an unchecked conditional write that only stamps deleted_at = now() is idempotent; RL004 does not report it alone.
func (s *Service) ArchiveLead(ctx context.Context, leadID int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE leads SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, leadID); err != nil {
		return fmt.Errorf("archive lead %d: %w", leadID, err)
	}
	return nil
}
