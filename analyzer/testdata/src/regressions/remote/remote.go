// Package remote stands for another package of the service (an HTTP
// client) whose functions take read data as arguments.
package remote

// Fetch returns the body at url.
func Fetch(url string) (string, error) { return url, nil }

// Profile is a model declared away from the code that loads it; its
// predicates are checks in the packages that call them.
type Profile struct {
	Role   string
	TierID int64
}

// IsAdmin reads Role only.
func (p *Profile) IsAdmin() bool { return p != nil && p.Role == "admin" }

// HasTier reads TierID.
func (p *Profile) HasTier() bool { return p.TierID != 0 }
