package regressions

import "context"

// Regression: a finding that lives entirely inside a helper was reported
// again at every caller up the chain (a FirstOrCreate wrapper produced 30
// reports on gothinkster/golang-gin-realworld-example-app, one per call of
// each function that reached it). Expected: the helper's own call is
// reported once; callers are reported only when the helper hands them the
// decision (it returns the affected-row count and the caller drops it).

type Tag struct {
	ID   int64
	Name string
}

// racy, reported here once.
func (s *GORMService) tagNamed(name string) (Tag, error) {
	t := Tag{Name: name}
	err := s.db.Where(Tag{Name: name}).FirstOrCreate(&t).Error // want "RL006"
	return t, err
}

// Callers of the wrapper: no second report.
func (s *GORMService) SetTags(names []string) error {
	for _, n := range names {
		if _, err := s.tagNamed(n); err != nil {
			return err
		}
	}
	return nil
}

func (s *GORMService) TagArticle(name string) error {
	return s.SetTags([]string{name})
}

// racy, reported here once: the claim's count is dropped inside.
func (s *SQLService) claimDropped(ctx context.Context, jobID, worker int64) {
	_, _ = s.db.ExecContext(ctx, `UPDATE jobs SET worker_id = $1 WHERE id = $2 AND worker_id IS NULL`, worker, jobID) // want "RL004"
}

func (s *SQLService) Work(ctx context.Context, jobID, worker int64) {
	s.claimDropped(ctx, jobID, worker) // the helper is at fault, not this call
}

// The helper returns the result: deciding on it is the caller's job.
func (s *SQLService) claimResult(ctx context.Context, jobID, worker int64) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET worker_id = $1 WHERE id = $2 AND worker_id IS NULL`, worker, jobID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *SQLService) WorkIgnoring(ctx context.Context, jobID, worker int64) error {
	_, err := s.claimResult(ctx, jobID, worker) // want "RL004"
	return err
}

func (s *SQLService) WorkChecked(ctx context.Context, jobID, worker int64) error {
	n, err := s.claimResult(ctx, jobID, worker)
	if err != nil {
		return err
	}
	if n == 0 {
		return errTaken
	}
	return nil
}

// One level up from WorkIgnoring: it was reported there, not again here.
func (s *SQLService) WorkTwice(ctx context.Context, jobID int64) error {
	return s.WorkIgnoring(ctx, jobID, 7)
}
