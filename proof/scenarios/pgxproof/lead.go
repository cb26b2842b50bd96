package pgxproof

import (
	"context"
	"fmt"
	"time"
)

const claimLeadSQL = `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3 AND owner_id IS NULL`

// ClaimLeadRacy is racy (RL001): owner_id is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	var owner *int64
	err = s.pool.QueryRow(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner)
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if owner != nil {
		return false, nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2 WHERE id = $3`, userID, time.Now(), leadID); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the UPDATE re-checks owner_id IS NULL
// but its CommandTag is discarded, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	if _, err := s.pool.Exec(ctx, claimLeadSQL, userID, time.Now(), leadID); err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: the conditional UPDATE's CommandTag decides.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	tag, err := s.pool.Exec(ctx, claimLeadSQL, userID, time.Now(), leadID)
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return tag.RowsAffected() == 1, nil
}
