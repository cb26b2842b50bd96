package entproof

import (
	"context"
	"fmt"

	"github.com/racelint/racelint/proof/scenarios/entproof/ent"
	"github.com/racelint/racelint/proof/scenarios/entproof/ent/contact"
	"github.com/racelint/racelint/proof/scenarios/entproof/ent/plaincontact"
)

// EnsureContactRacy is racy (RL002): find-or-create by hand; every caller
// that got a not-found error creates the contact (the table has no unique
// constraint).
func (s *Store) EnsureContactRacy(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	c, err := s.client.PlainContact.Query().Where(plaincontact.Email(email)).First(ctx)
	pause()
	if err == nil {
		return int64(c.ID), false, nil
	}
	if !ent.IsNotFound(err) {
		return 0, false, fmt.Errorf("lookup contact %s: %w", email, err)
	}
	nc, err := s.client.PlainContact.Create().SetEmail(email).Save(ctx) // want "RL002"
	if err != nil {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	return int64(nc.ID), true, nil
}

// EnsureContact is atomic: Create on the unique email; the caller that
// loses gets a constraint error (ent.IsConstraintError) and reads the
// contact the winner created.
func (s *Store) EnsureContact(ctx context.Context, email string, pause func()) (id int64, created bool, err error) {
	pause()
	c, err := s.client.Contact.Create().SetEmail(email).Save(ctx)
	if err == nil {
		return int64(c.ID), true, nil
	}
	if !ent.IsConstraintError(err) {
		return 0, false, fmt.Errorf("create contact %s: %w", email, err)
	}
	existing, err := s.client.Contact.Query().Where(contact.Email(email)).Only(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("load contact %s: %w", email, err)
	}
	return int64(existing.ID), false, nil
}
