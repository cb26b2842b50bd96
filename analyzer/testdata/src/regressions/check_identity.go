package regressions

import "errors"

// Regression (precision): a check of the row's own id (it was found: the
// id is set) before a write by that id cannot go stale: a row's id does
// not change, and a row deleted in between makes the write match
// nothing. Expected: silent; the racy twin, a check of the row's state
// before the same write, is reported.

type Gallery struct {
	ID      int64
	Title   string
	Locked  bool
	Updated int64
}

var errNoGallery = errors.New("no gallery")

func (g *Gallery) HasID() bool { return g.ID > 0 }

func (s *GORMService) galleryByTitle(title string) (*Gallery, error) {
	var g Gallery
	err := s.db.Where("title = ?", title).First(&g).Error
	return &g, err
}

// silent: the map names the id too, as a struct of every field would.
func (s *GORMService) RenameGallery(title, next string) error {
	g, _ := s.galleryByTitle(title)
	if !g.HasID() {
		return errNoGallery
	}
	return s.db.Model(&Gallery{}).Where("id = ?", g.ID).Updates(map[string]interface{}{"title": next, "id": g.ID}).Error
}

// racy twin: Locked can change between the read and the write.
func (s *GORMService) RenameUnlockedGallery(title, next string) error {
	g, _ := s.galleryByTitle(title)
	if g.Locked {
		return errNoGallery
	}
	return s.db.Model(&Gallery{}).Where("id = ?", g.ID).Updates(map[string]interface{}{"title": next, "locked": false}).Error // want "RL001"
}
