// Package service is the business layer of the layered example: it calls
// the store and the sqlc queries, and holds the checks. The races are here,
// split across packages; racelint follows them through function summaries.
package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/racelint/racelint/example/layered/queries"
	"github.com/racelint/racelint/example/layered/store"
)

// ErrTaken means someone else claimed the lead first.
var ErrTaken = errors.New("lead already claimed")

// EmailStore is what the tracking service needs from the repository.
type EmailStore interface {
	GetEmailByTrackingID(ctx context.Context, trackingID string) (*store.Email, error)
	MarkOpened(ctx context.Context, id int64) error
	MarkOpenedIfUnopened(ctx context.Context, trackingID string) (bool, error)
}

// Tracking records email opens.
type Tracking struct {
	emails EmailStore
	store  *store.Store
	q      *queries.Queries
}

// racy: the repository reads, the service checks opened_at, the repository writes.
func (t *Tracking) RecordOpenRacy(ctx context.Context, trackingID string) error {
	e, err := t.store.GetEmailByTrackingID(ctx, trackingID)
	if err != nil {
		return err
	}
	if e.OpenedAt.Valid {
		return nil
	}
	return t.store.MarkOpened(ctx, e.ID) // want "RL001"
}

// racy: the same, through the EmailStore interface.
func (t *Tracking) RecordOpenViaInterface(ctx context.Context, trackingID string) error {
	e, err := t.emails.GetEmailByTrackingID(ctx, trackingID)
	if err != nil {
		return err
	}
	if e.OpenedAt.Valid {
		return nil
	}
	return t.emails.MarkOpened(ctx, e.ID) // want "RL001"
}

// safe: the repository's conditional UPDATE reports whether this call won.
func (t *Tracking) RecordOpen(ctx context.Context, trackingID string) (bool, error) {
	first, err := t.store.MarkOpenedIfUnopened(ctx, trackingID)
	if err != nil {
		return false, err
	}
	if !first {
		return false, nil
	}
	return true, nil
}

// racy: two transactions both read the lead without a lock.
func (t *Tracking) ClaimLeadRacy(ctx context.Context, leadID, userID int64) error {
	tx, err := t.store.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	lead, err := t.store.GetLead(ctx, tx, leadID)
	if err != nil {
		return err
	}
	if lead.OwnerID.Valid {
		return ErrTaken
	}
	if err := t.store.SetLeadOwner(ctx, tx, leadID, userID); err != nil { // want "RL005"
		return err
	}
	return tx.Commit()
}

// safe: the repository locks the row in the caller's transaction.
func (t *Tracking) ClaimLead(ctx context.Context, leadID, userID int64) error {
	tx, err := t.store.DB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	lead, err := t.store.GetLeadForUpdate(ctx, tx, leadID)
	if err != nil {
		return err
	}
	if lead.OwnerID.Valid {
		return ErrTaken
	}
	if err := t.store.SetLeadOwner(ctx, tx, leadID, userID); err != nil {
		return err
	}
	return tx.Commit()
}

// racy: find, not found (the store's ErrNotFound), create.
func (t *Tracking) SignUpRacy(ctx context.Context, email string) (int64, error) {
	id, err := t.store.FindUserIDByEmail(ctx, email)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	return t.store.CreateUser(ctx, email) // want "RL002"
}

// safe: one conflict-safe statement.
func (t *Tracking) SignUp(ctx context.Context, email string) (int64, error) {
	return t.store.EnsureUser(ctx, email)
}

// racy: sqlc :one read, status checked, sqlc :exec write.
func (t *Tracking) StartJobRacy(ctx context.Context, id int64) error {
	job, err := t.q.GetJob(ctx, id)
	if err != nil {
		return err
	}
	if job.Status != "pending" {
		return fmt.Errorf("job %d is %s", id, job.Status)
	}
	return t.q.SetJobStatus(ctx, queries.SetJobStatusParams{ID: id, Status: "running"}) // want "RL001"
}

// safe: sqlc :execrows conditional update, count checked.
func (t *Tracking) StartJob(ctx context.Context, id int64) error {
	n, err := t.q.StartJob(ctx, id)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("job %d is not pending", id)
	}
	return nil
}

// racy: sqlc :execrows conditional update whose count is dropped.
func (t *Tracking) StartJobUnchecked(ctx context.Context, id int64) error {
	_, err := t.q.StartJob(ctx, id) // want "RL004"
	return err
}

// racy: sqlc count, then sqlc insert.
func (t *Tracking) RecordEventRacy(ctx context.Context, key string) error {
	n, err := t.q.CountEvents(ctx, key)
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return t.q.InsertEvent(ctx, key) // want "RL002"
}

// safe: ON CONFLICT DO NOTHING with the count checked.
func (t *Tracking) RecordEvent(ctx context.Context, key string) (bool, error) {
	n, err := t.q.InsertEventOnce(ctx, key)
	return n == 1, err
}
