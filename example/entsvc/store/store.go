// Package store is a repository over the ent client; entsvc calls it
// from another package, so its reads and writes reach the service as
// summaries.
package store

import (
	"context"
	"time"

	"github.com/racelint/racelint/example/entsvc/ent"
	"github.com/racelint/racelint/example/entsvc/ent/email"
)

// Emails reads and writes emails.
type Emails struct {
	client *ent.Client
}

// NewEmails returns the repository.
func NewEmails(client *ent.Client) *Emails { return &Emails{client: client} }

// ByTrackingID loads one email.
func (r *Emails) ByTrackingID(ctx context.Context, trackingID string) (*ent.Email, error) {
	return r.client.Email.Query().Where(email.TrackingID(trackingID)).Only(ctx)
}

// MarkOpened sets opened_at unconditionally.
func (r *Emails) MarkOpened(ctx context.Context, id int) error {
	return r.client.Email.UpdateOneID(id).SetOpenedAt(time.Now()).Exec(ctx)
}

// MarkFirstOpen sets opened_at only while it is NULL; the not-found error
// of UpdateOne tells the caller it lost.
func (r *Emails) MarkFirstOpen(ctx context.Context, id int) error {
	return r.client.Email.UpdateOneID(id).Where(email.OpenedAtIsNil()).SetOpenedAt(time.Now()).Exec(ctx)
}
