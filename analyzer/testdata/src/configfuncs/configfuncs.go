// Package configfuncs talks to its data layer only through an interface
// whose implementation lives elsewhere; the configuration declares what
// its methods do (TestConfigFunctions).
package configfuncs

import (
	"context"
	"errors"
)

type User struct {
	ID     int64
	Status string
}

// Users is implemented in a package this one does not import.
type Users interface {
	Get(ctx context.Context, id int64) (*User, error)
	SetStatus(ctx context.Context, id int64, status string) error
	Lock(ctx context.Context, id int64) error
}

var errBanned = errors.New("banned")

// racy: status checked on what Get read, then written by SetStatus.
func Activate(ctx context.Context, users Users, id int64) error {
	u, err := users.Get(ctx, id)
	if err != nil {
		return err
	}
	if u.Status == "banned" {
		return errBanned
	}
	return users.SetStatus(ctx, id, "active") // want "RL001"
}

// near-miss: a different user is written.
func ActivateOther(ctx context.Context, users Users, id, other int64) error {
	u, err := users.Get(ctx, id)
	if err != nil {
		return err
	}
	if u.Status == "banned" {
		return errBanned
	}
	return users.SetStatus(ctx, other, "active")
}
