package rl004sql

import (
	"context"
	"errors"
)

var errCouponUsed = errors.New("coupon used up")

// racy: the coupon's bounded counter is taken without reading the count,
// then the grant runs for every caller, also the ones the WHERE refused.
func (s *Service) Redeem(ctx context.Context, couponID, userID int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE coupons SET uses = uses + 1 WHERE id = $1 AND uses < max_uses`, couponID); err != nil { // want `RL004 unchecked-conditional-write: s.db.ExecContext writes uses only if uses still allows it but ignores the count`
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO grants (coupon_id, user_id) VALUES ($1, $2)`, couponID, userID)
	return err
}

// safe: the count decides whether the grant runs.
func (s *Service) RedeemChecked(ctx context.Context, couponID, userID int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE coupons SET uses = uses + 1 WHERE id = $1 AND uses < max_uses`, couponID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errCouponUsed
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO grants (coupon_id, user_id) VALUES ($1, $2)`, couponID, userID)
	return err
}

// near-miss: the bounded counter alone; nothing assumes it matched.
func (s *Service) CountUse(ctx context.Context, couponID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE coupons SET uses = uses + 1 WHERE id = $1 AND uses < max_uses`, couponID)
	return err
}

// racy: the first click is stamped without reading the count, then
// credited to the owner by every caller.
func (s *Service) FirstClick(ctx context.Context, linkID, ownerID int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE links SET first_clicked_at = now() WHERE id = $1 AND first_clicked_at IS NULL`, linkID); err != nil { // want "RL004"
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE users SET credits = credits + 1 WHERE id = $1`, ownerID)
	return err
}

// near-miss: the stamp alone is idempotent.
func (s *Service) StampFirstClick(ctx context.Context, linkID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE links SET first_clicked_at = now() WHERE id = $1 AND first_clicked_at IS NULL`, linkID)
	return err
}

// near-miss: a soft delete and its cascade are all guarded touches; a
// caller that lost changes nothing anywhere.
func (s *Service) SoftDeleteProject(ctx context.Context, projectID int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE projects SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, projectID); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE endpoints SET deleted_at = now() WHERE project_id = $1 AND deleted_at IS NULL`, projectID)
	return err
}

// racy: an optimistic lock whose count is ignored: the loser's edit is
// dropped and the caller reports success.
func (s *Service) SaveDoc(ctx context.Context, id, version int64, body string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE docs SET body = $1, version = version + 1 WHERE id = $2 AND version = $3`, body, id, version) // want `RL004 unchecked-conditional-write: s.db.ExecContext updates only if version is unchanged but ignores the count`
	return err
}

// safe: the optimistic lock's count decides.
func (s *Service) SaveDocChecked(ctx context.Context, id, version int64, body string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE docs SET body = $1, version = version + 1 WHERE id = $2 AND version = $3`, body, id, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errCouponUsed
	}
	return nil
}
