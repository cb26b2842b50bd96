package regressions

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"time"

	"gorm.io/gorm"

	"regressions/remote"
)

// Cases found by running racelint on open-source services (miniflux,
// go-admin, listmonk, memos); paraphrased, each with what it must report.

// silent: a bulk, idempotent status change; nothing acts as its winner.
func (s *SQLService) MarkAllRead(userID int64) error {
	res, err := s.db.Exec(`UPDATE entries SET status='read' WHERE user_id=$1 AND status='unread'`, userID)
	if err != nil {
		return err
	}
	n, _ := res.RowsAffected()
	log.Printf("marked %d", n)
	return nil
}

// silent: releasing every job is a reset, not a claim.
func (s *GORMService) ResetAll() error {
	return s.db.Table("sys_job").Where("entry_id > ?", 0).Update("entry_id", 0).Error
}

// silent: a backfill with no row key.
func (s *SQLService) Backfill(prov string) error {
	_, err := s.db.Exec(`UPDATE media SET provider=$1 WHERE provider=''`, prov)
	return err
}

// silent: a soft delete stamped with a Go timestamp is idempotent.
func (s *SQLService) SoftDelete(id int64) error {
	_, err := s.db.Exec(`UPDATE users SET deleted_at=$1 WHERE id=$2 AND deleted_at=0`, time.Now().UnixMilli(), id)
	return err
}

type Config struct {
	ID    int64
	Key   string
	Value string
}

type setReq struct{ Key, Value string }

func (r *setReq) generate(m *Config) { m.Value = r.Value }

// silent: m.ID != 0 asks whether First found the row; Save never writes the key.
func (s *GORMService) SetConfigs(reqs []setReq) error {
	for _, req := range reqs {
		var m Config
		s.db.Where("key = ?", req.Key).First(&m)
		if m.ID != 0 {
			req.generate(&m)
			if err := s.db.Save(&m).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// silent: the check compares the column with the value the write stores.
func (s *GORMService) UpdateConfig(key, val string) error {
	var m Config
	if err := s.db.Where("key = ?", key).First(&m).Error; err != nil {
		return err
	}
	if m.Value != val {
		m.Value = val
		return s.db.Save(&m).Error
	}
	return nil
}

type Role struct {
	ID    int64
	Name  string
	Menus []int64
}

// silent: the error of another database call that takes read data is not a check.
func (s *GORMService) UpdateRole(id int64, name string) error {
	var r Role
	s.db.First(&r, id)
	err := s.db.Model(&r).Where("id = ?", r.ID).Delete(r.Menus).Error
	if err != nil {
		return err
	}
	r.Name = name
	return s.db.Save(&r).Error
}

// silent: deleting exactly what was found, guarded by whether anything was.
func (s *GORMService) RemoveByPath(path string) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var ids []int64
		if err := tx.Model(&Config{}).Where("key = ?", path).Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) > 0 {
			return tx.Where("id IN ?", ids).Delete(&Config{}).Error
		}
		return nil
	})
}

// retryable classifies errors for a retry loop that lives in a caller.
func retryable(err error) bool {
	var code interface{ SQLState() string }
	return errors.As(err, &code) && code.SQLState() == "40001"
}

// silent: the package retries serialization failures elsewhere (retryable).
func (s *SQLService) ApplySerializable(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM idp WHERE id=$1`, 1); err != nil {
		return err
	}
	return tx.Commit()
}

// silent: BEGIN IMMEDIATE takes SQLite's write lock on this connection.
func (s *SQLService) Bind(ctx context.Context, id, memo int32) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	var cur sql.NullInt32
	if err := conn.QueryRowContext(ctx, `SELECT memo_id FROM attachment WHERE id=?`, id).Scan(&cur); err != nil {
		return err
	}
	if cur.Valid {
		return errors.New("taken")
	}
	if _, err := conn.ExecContext(ctx, `UPDATE attachment SET memo_id=? WHERE id=?`, memo, id); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

func randomHex() string { return "c0ffee" }

// racy: the value written is fresh, so this is a check-then-update, not a lost update.
func (s *SQLService) ShareCode(id int64) (code string, err error) {
	if err = s.db.QueryRow(`SELECT share_code FROM entries WHERE id=$1`, id).Scan(&code); err != nil {
		return
	}
	if code == "" {
		code = randomHex()
		_, err = s.db.Exec(`UPDATE entries SET share_code=$1 WHERE id=$2`, code, id) // want "RL001"
	}
	return
}

// racy: count on a field of the struct that is then created.
func (s *GORMService) InsertConfig(c Config) error {
	var n int64
	if err := s.db.Model(&c).Where("key = ?", c.Key).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return errors.New("exists")
	}
	return s.db.Create(&c).Error // want "RL002"
}

type Order struct {
	ID     int64
	Status string
	URL    string
}

// canShip is a verdict on the data: its error is a check.
func (o *Order) canShip() error {
	if o.Status != "paid" {
		return errors.New("not paid")
	}
	return nil
}

// racy: the state check is a method returning an error.
func (s *SQLService) Ship(id int64) error {
	var o Order
	if err := s.db.QueryRow(`SELECT id, status, url FROM orders WHERE id = $1`, id).Scan(&o.ID, &o.Status, &o.URL); err != nil {
		return err
	}
	if err := o.canShip(); err != nil {
		return err
	}
	_, err := s.db.Exec(`UPDATE orders SET status = 'shipped' WHERE id = $1`, id) // want "RL001"
	return err
}

// silent: the error of a call that merely used the stored URL is not a check.
func (s *SQLService) Refresh(id int64) error {
	var o Order
	if err := s.db.QueryRow(`SELECT id, status, url FROM orders WHERE id = $1`, id).Scan(&o.ID, &o.Status, &o.URL); err != nil {
		return err
	}
	body, err := remote.Fetch(o.URL)
	if err != nil {
		return err
	}
	_, err = s.db.Exec(`UPDATE orders SET status = $1 WHERE id = $2`, body, id)
	return err
}
