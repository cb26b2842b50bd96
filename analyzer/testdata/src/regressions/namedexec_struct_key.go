package regressions

import "time"

var _ = time.Now

// Regression: sqlx NamedExec binds :id from the struct the read filled
// (e.ID), but the engine does not see it as the same record.
// Expected: RL001 on the NamedExec line.
// racy: QueryRowx + StructScan, NamedExec write.
func (s *SQLXService) Open(tracking string) error {
	var e Email
	if err := s.db.QueryRowx(`SELECT id, opened_at FROM emails WHERE tracking_id = $1`, tracking).StructScan(&e); err != nil {
		return err
	}
	if e.OpenedAt != nil {
		return nil
	}
	_, err := s.db.NamedExec(`UPDATE emails SET opened_at = now() WHERE id = :id`, e) // want "RL001"
	return err
}
