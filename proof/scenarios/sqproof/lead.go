package sqproof

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	sq "github.com/Masterminds/squirrel"
)

// ClaimLeadRacy is racy (RL001): owner_id is checked in Go, then written.
func (s *Store) ClaimLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	var owner sql.NullInt64
	err = psql.Select("owner_id").From("leads").Where(sq.Eq{"id": leadID}).RunWith(s.db).QueryRowContext(ctx).Scan(&owner)
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if owner.Valid {
		return false, nil
	}
	if _, err := psql.Update("leads").Set("owner_id", userID).Set("claimed_at", time.Now()).Where(sq.Eq{"id": leadID}).RunWith(s.db).ExecContext(ctx); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}

// AssignLeadRacy is racy (RL004): the UPDATE re-checks owner_id IS NULL
// but its affected-row count is ignored, so every caller goes on as owner.
func (s *Store) AssignLeadRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	if _, err := psql.Update("leads").Set("owner_id", userID).Set("claimed_at", time.Now()).Where(sq.Eq{"id": leadID}).Where("owner_id IS NULL").RunWith(s.db).ExecContext(ctx); err != nil { // want "RL004"
		return false, fmt.Errorf("assign lead %d: %w", leadID, err)
	}
	return true, nil
}

// ClaimLead is atomic: the conditional UPDATE's affected-row count decides.
func (s *Store) ClaimLead(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	pause()
	res, err := psql.Update("leads").Set("owner_id", userID).Set("claimed_at", time.Now()).Where(sq.Eq{"id": leadID}).Where("owner_id IS NULL").RunWith(s.db).ExecContext(ctx)
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return n == 1, nil
}

// ClaimLeadToSQLRacy is racy (RL001): ClaimLeadRacy with the builders'
// ToSql output run through database/sql instead of RunWith.
func (s *Store) ClaimLeadToSQLRacy(ctx context.Context, leadID, userID int64, pause func()) (won bool, err error) {
	q, args, err := psql.Select("owner_id").From("leads").Where(sq.Eq{"id": leadID}).ToSql()
	if err != nil {
		return false, fmt.Errorf("build lead query: %w", err)
	}
	var owner sql.NullInt64
	err = s.db.QueryRowContext(ctx, q, args...).Scan(&owner)
	pause()
	if err != nil {
		return false, fmt.Errorf("load lead %d: %w", leadID, err)
	}
	if owner.Valid {
		return false, nil
	}
	u, uargs, err := psql.Update("leads").Set("owner_id", userID).Set("claimed_at", time.Now()).Where(sq.Eq{"id": leadID}).ToSql()
	if err != nil {
		return false, fmt.Errorf("build claim: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, u, uargs...); err != nil { // want "RL001"
		return false, fmt.Errorf("claim lead %d: %w", leadID, err)
	}
	return true, nil
}
