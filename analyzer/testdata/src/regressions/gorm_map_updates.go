package regressions

import "errors"

// Regression (precision): a repository helper that runs
// Model(&T{}).Where("id = ?", id).Updates(vars) writes the columns its
// caller puts in the map literal, not every column. A check on a column
// the map leaves alone decides nothing the write changes; a flag the
// write clears to what the check tested for converges.
// Expected: those two are silent; the racy twin, a status the map
// changes after a check on it, is reported.

type DatabaseEntry struct {
	ID       uint
	Name     string
	From     string
	Password string
	IsDelete bool
	Status   string
}

func (s *GORMService) getDatabaseEntry(name string) (DatabaseEntry, error) {
	var d DatabaseEntry
	err := s.db.Where("name = ?", name).First(&d).Error
	return d, err
}

func (s *GORMService) updateDatabaseEntry(id uint, vars map[string]interface{}) error {
	return s.db.Model(&DatabaseEntry{}).Where("id = ?", id).Updates(vars).Error
}

// silent: the check tests from, the write sets only password.
func (s *GORMService) ChangeEntryPassword(name, pass string) error {
	d, err := s.getDatabaseEntry(name)
	if err != nil {
		return err
	}
	if d.From == "local" {
		return s.updateDatabaseEntry(d.ID, map[string]interface{}{"password": pass})
	}
	return nil
}

// silent: the check tests is_delete and the write clears it; every
// caller that passes writes the same value, and nothing depends on
// winning.
func (s *GORMService) RestoreEntry(name string) error {
	d, err := s.getDatabaseEntry(name)
	if err != nil {
		return err
	}
	if d.IsDelete {
		_ = s.updateDatabaseEntry(d.ID, map[string]interface{}{"is_delete": false})
	}
	return nil
}

// racy: the check tests status and the map moves it on; two callers both
// see "pending" and both start.
func (s *GORMService) StartEntry(name string) error {
	d, err := s.getDatabaseEntry(name)
	if err != nil {
		return err
	}
	if d.Status == "pending" {
		return s.updateDatabaseEntry(d.ID, map[string]interface{}{"status": "running"}) // want "RL001"
	}
	return nil
}

func (s *GORMService) listDatabaseEntries(from string) ([]DatabaseEntry, error) {
	var ds []DatabaseEntry
	err := s.db.Where("from = ?", from).Find(&ds).Error
	return ds, err
}

// silent: the same flag cleared for each listed row that still exists
// remotely.
func (s *GORMService) SyncEntries(from string, remote []string) error {
	ds, err := s.listDatabaseEntries(from)
	if err != nil {
		return err
	}
	for _, name := range remote {
		for i := 0; i < len(ds); i++ {
			if ds[i].Name == name {
				if ds[i].IsDelete {
					_ = s.updateDatabaseEntry(ds[i].ID, map[string]interface{}{"is_delete": false})
				}
				break
			}
		}
	}
	return nil
}

// silent: the flag is cleared inside a loop whose later statements both
// sides run, and return errors computed after the check.
func (s *GORMService) SyncEntriesCreating(from string, remote []string) error {
	ds, err := s.listDatabaseEntries(from)
	if err != nil {
		return err
	}
	for _, name := range remote {
		found := false
		for i := 0; i < len(ds); i++ {
			if ds[i].Name == name {
				found = true
				if ds[i].IsDelete {
					_ = s.updateDatabaseEntry(ds[i].ID, map[string]interface{}{"is_delete": false})
				}
				break
			}
		}
		if !found {
			if err := s.db.Create(&DatabaseEntry{Name: name, From: from}).Error; err != nil {
				return errors.New("create " + name + ": " + err.Error())
			}
		}
	}
	return nil
}

// racy twin: the region's effect leaves the function in a result (the
// caller learns it restored the entry), so both callers think they did.
func (s *GORMService) RestoreEntryReport(name string) (bool, error) {
	d, err := s.getDatabaseEntry(name)
	if err != nil {
		return false, err
	}
	restored := false
	if d.IsDelete {
		_ = s.updateDatabaseEntry(d.ID, map[string]interface{}{"is_delete": false}) // want "RL001"
		restored = true
	}
	return restored, nil
}
