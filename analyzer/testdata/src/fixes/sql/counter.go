package fixsql

import "context"

// RL003: views+1 becomes SET views = views + $1 with argument 1.
func (s *Service) View(ctx context.Context, id int64) error {
	var views int64
	if err := s.db.QueryRowContext(ctx, `SELECT views FROM posts WHERE id = $1`, id).Scan(&views); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET views = $1 WHERE id = $2`, views+1, id) // want "RL003"
	return err
}

// RL003 with ? placeholders: balance - amount.
func (s *Service) Withdraw(ctx context.Context, id, amount int64) error {
	var balance int64
	if err := s.db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = ?", id).Scan(&balance); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "UPDATE accounts SET balance = ? WHERE id = ?", balance-amount, id) // want "RL003"
	return err
}

// RL003 with the delta first: bonus + credit.
func (s *Service) Credit(ctx context.Context, id, bonus int64) error {
	var credit int64
	if err := s.db.QueryRowContext(ctx, `SELECT credit FROM accounts WHERE id = $1`, id).Scan(&credit); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET credit = $2 WHERE id = $1`, id, bonus+credit) // want "RL003"
	return err
}

// RL003 by multiplication: no fix (not x ± delta).
func (s *Service) Double(ctx context.Context, id int64) error {
	var credit int64
	if err := s.db.QueryRowContext(ctx, `SELECT credit FROM accounts WHERE id = $1`, id).Scan(&credit); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET credit = $1 WHERE id = $2`, credit*2, id) // want "RL003"
	return err
}

// RL003 through a variable: no fix (the variable may be used again).
func (s *Service) Like(ctx context.Context, id int64) (int64, error) {
	var likes int64
	if err := s.db.QueryRowContext(ctx, `SELECT likes FROM posts WHERE id = $1`, id).Scan(&likes); err != nil {
		return 0, err
	}
	n := likes + 1
	_, err := s.db.ExecContext(ctx, `UPDATE posts SET likes = $1 WHERE id = $2`, n, id) // want "RL003"
	return n, err
}
