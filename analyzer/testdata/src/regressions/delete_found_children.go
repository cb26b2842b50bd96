package regressions

import "errors"

// Regression (precision): a delete of a parent's child rows, guarded by a
// test that the preload found some, is only a shortcut: two callers that
// both see children both delete them, and the second deletes nothing.
// The bare return of the earlier err on the other side is the same for
// both. Expected: silent; the near miss, whose guarded region also
// records an audit row that only the winner should write, is reported.

type Glossary struct {
	ID    uint
	Terms []GlossaryTerm
}

type GlossaryTerm struct {
	ID         uint
	GlossaryID uint
}

type GlossaryAudit struct {
	ID         uint
	GlossaryID uint
}

// silent
func (s *GORMService) DeleteGlossary(g Glossary) (err error) {
	err = s.db.Where("id = ?", g.ID).Preload("Terms").First(&g).Error
	if err != nil {
		return errors.New("no such glossary")
	}
	if err = s.db.Delete(&g).Error; err != nil {
		return err
	}
	if g.Terms != nil {
		return s.db.Where("glossary_id = ?", g.ID).Delete(g.Terms).Error
	}
	return
}

// racy twin: the audit row is written once per caller that passed.
func (s *GORMService) DeleteGlossaryAudited(g Glossary) (err error) {
	err = s.db.Where("id = ?", g.ID).Preload("Terms").First(&g).Error
	if err != nil {
		return errors.New("no such glossary")
	}
	if err = s.db.Delete(&g).Error; err != nil {
		return err
	}
	if g.Terms != nil {
		if err = s.db.Where("glossary_id = ?", g.ID).Delete(g.Terms).Error; err != nil { // want "RL001"
			return err
		}
		return s.db.Create(&GlossaryAudit{GlossaryID: g.ID}).Error
	}
	return
}
