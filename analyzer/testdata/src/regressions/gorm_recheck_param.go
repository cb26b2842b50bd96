package regressions

// Regression: a GORM conditional write whose Where re-checks the
// checked column through a bound argument ("redeemed = ?", false) and whose
// RowsAffected is returned is reported as RL001. Expected: no finding.
// safe: check in Go, then a conditional Updates(map) re-checking redeemed, count returned.
func (s *GORMService) RedeemSafe(id, userID int64) (bool, error) {
	var c Coupon
	if err := s.db.First(&c, id).Error; err != nil {
		return false, err
	}
	if c.Redeemed {
		return false, nil
	}
	res := s.db.Model(&Coupon{}).Where("id = ? AND redeemed = ?", id, false).Updates(map[string]interface{}{"redeemed": true, "used_by": userID})
	return res.RowsAffected == 1, res.Error
}

type Coupon struct {
	ID       int64
	Code     string
	Redeemed bool
	UsedBy   int64
}

// Control: the same with a literal false in the Where.
func (s *GORMService) RedeemSafeLiteral(id, userID int64) (bool, error) {
	var c Coupon
	if err := s.db.First(&c, id).Error; err != nil {
		return false, err
	}
	if c.Redeemed {
		return false, nil
	}
	res := s.db.Model(&Coupon{}).Where("id = ? AND redeemed = false", id).Updates(map[string]interface{}{"redeemed": true, "used_by": userID})
	return res.RowsAffected == 1, res.Error
}
