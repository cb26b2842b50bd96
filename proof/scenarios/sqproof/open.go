package sqproof

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	sq "github.com/Masterminds/squirrel"
)

// RecordOpenRacy is racy (RL001): opened_at is checked in Go, then written
// by id.
func (s *Store) RecordOpenRacy(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	var id int64
	var openedAt sql.NullTime
	err = psql.Select("id", "opened_at").From("emails").Where(sq.Eq{"tracking_id": trackingID}).RunWith(s.db).QueryRowContext(ctx).Scan(&id, &openedAt)
	pause()
	if err != nil {
		return false, fmt.Errorf("load email %s: %w", trackingID, err)
	}
	if openedAt.Valid {
		return false, nil
	}
	if _, err := psql.Update("emails").Set("opened_at", time.Now()).Where(sq.Eq{"id": id}).RunWith(s.db).ExecContext(ctx); err != nil { // want "RL001"
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return true, nil
}

// RecordOpen is atomic: the UPDATE re-checks opened_at IS NULL and its
// affected-row count decides.
func (s *Store) RecordOpen(ctx context.Context, trackingID string, pause func()) (first bool, err error) {
	pause()
	res, err := psql.Update("emails").Set("opened_at", time.Now()).Where(sq.Eq{"tracking_id": trackingID}).Where("opened_at IS NULL").RunWith(s.db).ExecContext(ctx)
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record open %s: %w", trackingID, err)
	}
	return n == 1, nil
}
