package regressions

import "gorm.io/gorm"

// Regression (debatable volume): a start-up step ensures default rows
// with FirstOrCreate, looking them up by a table of package-level data,
// by constants and by what an earlier read found, inside a transaction
// callback: every run looks up the same rows, so its FirstOrCreates are
// one RL006 finding, the others related positions. Expected: one RL006
// for EnsureDefaultRoutes; RegisterRoutes, which takes its rows from its
// caller, reports each of its FirstOrCreates.

type Route struct {
	ID     uint
	Path   string
	Method string
}

type RouteGroup struct {
	ID       uint
	Name     string
	ParentID uint
}

var defaultRoutes = []Route{{Path: "/logs", Method: "GET"}, {Path: "/logs/tail", Method: "GET"}}

func EnsureDefaultRoutes(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		for _, r := range defaultRoutes {
			if err := tx.Where("path = ? AND method = ?", r.Path, r.Method).FirstOrCreate(&Route{}).Error; err != nil { // want "RL006"
				return err
			}
		}
		var parent RouteGroup
		if err := tx.Where("name = ?", "monitor").First(&parent).Error; err != nil {
			return err
		}
		group := RouteGroup{Name: "logs", ParentID: parent.ID}
		if err := tx.Where("name = ? AND parent_id = ?", "logs", parent.ID).FirstOrCreate(&group).Error; err != nil {
			return err
		}
		return nil
	})
}

func RegisterRoutes(db *gorm.DB, routes []Route) error {
	for _, r := range routes {
		if err := db.Where("path = ? AND method = ?", r.Path, r.Method).FirstOrCreate(&Route{}).Error; err != nil { // want "RL006"
			return err
		}
	}
	if err := db.Where("name = ?", "custom").FirstOrCreate(&RouteGroup{}).Error; err != nil { // want "RL006"
		return err
	}
	return nil
}
