package regressions

type Event struct {
	ID       int64
	DedupKey string
}

// Regression: CreateInBatches of a slice literal whose element carries
// the looked-up key ([]Event{{DedupKey: key}}) is not matched with the
// Count on the same key. Expected: RL002 on the CreateInBatches line.
// racy: CreateInBatches after an existence check on the same key.
func (s *GORMService) RecordBatch(key string) error {
	var n int64
	if err := s.db.Model(&Event{}).Where("dedup_key = ?", key).Count(&n).Error; err != nil {
		return err
	}
	if n != 0 {
		return nil
	}
	evs := []Event{{DedupKey: key}}
	return s.db.CreateInBatches(&evs, 100).Error // want "RL002"
}
