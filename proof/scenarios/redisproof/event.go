package redisproof

import (
	"context"
	"fmt"
	"time"
)

// RecordEventRacy is racy (RL002): EXISTS finds the event unseen, then
// SET records it; every caller that checked before the first SET goes on
// to apply the event.
func (s *Store) RecordEventRacy(ctx context.Context, eventID string, pause func()) (bool, error) {
	key := "webhook_event:" + eventID
	n, err := s.rdb.Exists(ctx, key).Result()
	pause()
	if err != nil {
		return false, fmt.Errorf("check event %s: %w", eventID, err)
	}
	if n > 0 {
		return false, nil // seen before
	}
	if err := s.rdb.Set(ctx, key, time.Now().Unix(), 0).Err(); err != nil { // want "RL002"
		return false, fmt.Errorf("record event %s: %w", eventID, err)
	}
	return true, nil
}

// RecordEvent is atomic: SETNX records the event only when it is unseen,
// and its reply says who recorded it.
func (s *Store) RecordEvent(ctx context.Context, eventID string, pause func()) (bool, error) {
	pause()
	ok, err := s.rdb.SetNX(ctx, "webhook_event:"+eventID, time.Now().Unix(), 0).Result()
	if err != nil {
		return false, fmt.Errorf("record event %s: %w", eventID, err)
	}
	return ok, nil
}
