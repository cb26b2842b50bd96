package regressions

import (
	"errors"
	"sync"

	"regressions/clock"
)

// Regression (precision): a session lookup refreshes the session's
// last-active time through the record's own helper (the clock stored in
// the field, then UpdateColumn of that column) while it has not expired,
// and deletes it once it has. Two callers that both see it expired both
// delete it and both return errSessionExpired: every way out of the
// delete's branch is an error, so neither goes on as the one that deleted
// it.
// Expected: silent; the racy twins are reported: a helper that stamps a
// first-use time after a check that there was none, and a deletion that
// also writes an audit row for each caller.

type WebSession struct {
	ID         string
	LastActive int64
	FirstUsed  int64
	ExpiresAt  int64
}

var errSessionExpired = errors.New("session expired")

// sessionCache is the process-wide session cache.
var sessionCache = struct {
	sync.Mutex
	byID map[string]*WebSession
}{byID: map[string]*WebSession{}}

func cacheSession(m *WebSession) {
	sessionCache.Lock()
	defer sessionCache.Unlock()
	sessionCache.byID[m.ID] = m
}

// SessionAudit records that a session was dropped.
type SessionAudit struct {
	ID        int64
	SessionID string
}

func (m *WebSession) Expired() bool {
	return m.ExpiresAt > 0 && m.ExpiresAt < clock.Unix()
}

// Touch refreshes the last-active time, in the database when save is set.
func (s *GORMService) Touch(m *WebSession, save bool) *WebSession {
	if m == nil || m.ID == "" {
		return m
	}
	m.LastActive = clock.Unix()
	if !save {
		return m
	}
	_ = s.db.Model(m).UpdateColumn("last_active", m.LastActive).Error
	return m
}

// silent: the session is refreshed when it has not expired.
func (s *GORMService) FindSession(id string) (*WebSession, error) {
	found := &WebSession{}
	if err := s.db.First(found, "id = ?", id).Error; err != nil {
		return nil, err
	} else if !found.Expired() {
		s.Touch(found, true)
		cacheSession(found)
		return found, nil
	} else if err := s.db.Delete(found).Error; err != nil {
		return nil, err
	}
	return nil, errSessionExpired
}

// MarkFirstUse stamps the first-use time.
func (s *GORMService) MarkFirstUse(m *WebSession) {
	m.FirstUsed = clock.Unix()
	_ = s.db.Model(m).UpdateColumn("first_used", m.FirstUsed).Error
}

// racy twin: the first use is stamped after a check that there was none;
// both callers believe they used it first.
func (s *GORMService) UseSession(id string) (first bool, err error) {
	found := &WebSession{}
	if err := s.db.First(found, "id = ?", id).Error; err != nil {
		return false, err
	}
	if found.FirstUsed != 0 {
		return false, nil
	}
	s.MarkFirstUse(found) // want "RL001"
	return true, nil
}

// racy twin: each caller that deletes the expired session also records
// the deletion, so two callers record it twice.
func (s *GORMService) DropSessionAudited(id string) error {
	found := &WebSession{}
	if err := s.db.First(found, "id = ?", id).Error; err != nil {
		return err
	}
	if !found.Expired() {
		return nil
	}
	if err := s.db.Delete(found).Error; err != nil { // want "RL001"
		return err
	}
	_ = s.db.Create(&SessionAudit{SessionID: found.ID}).Error
	return errSessionExpired
}
