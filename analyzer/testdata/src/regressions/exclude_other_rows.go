package regressions

import "errors"

// Regression (precision): after reading an account, an update whose WHERE
// leaves that account out (user_uid <> ?) moves the other accounts that
// hold the same identity to "unlinked": it does not write the row read,
// so the check on that row decides nothing it changes, and 0 rows is the
// normal outcome. Expected: silent; the racy twin, the same statement on
// the row read (user_uid = ?), is reported.

type LinkedAccount struct {
	UserUID string
	AuthID  string
	State   string
}

var errNotActive = errors.New("not active")

func (s *GORMService) findLinkedAccount(authID string) (*LinkedAccount, error) {
	var m LinkedAccount
	err := s.db.Where("auth_id = ?", authID).First(&m).Error
	return &m, err
}

// unlinkOthers moves every account but m that holds m's identity.
func (m *LinkedAccount) unlinkOthers(s *GORMService) error {
	return s.db.Model(&LinkedAccount{}).Where("user_uid <> ? AND auth_id = ?", m.UserUID, m.AuthID).
		Updates(map[string]interface{}{"state": "unlinked"}).Error
}

// silent
func (s *GORMService) ClaimIdentity(authID string) error {
	m, err := s.findLinkedAccount(authID)
	if err != nil {
		return err
	}
	if m.State != "active" {
		return errNotActive
	}
	return m.unlinkOthers(s)
}

// racy twin: the same statement on the row read.
func (s *GORMService) UnlinkIdentity(authID string) error {
	m, err := s.findLinkedAccount(authID)
	if err != nil {
		return err
	}
	if m.State != "active" {
		return errNotActive
	}
	return s.db.Model(&LinkedAccount{}).Where("user_uid = ? AND auth_id = ?", m.UserUID, m.AuthID).Updates(map[string]interface{}{"state": "unlinked"}).Error // want "RL001"
}
