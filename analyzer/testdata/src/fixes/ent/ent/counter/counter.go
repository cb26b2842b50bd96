// Package counter holds the predicates of the Counter entity, as ent
// generates them.
package counter

// Predicate is a condition on Counter rows.
type Predicate func()

// NameEQ holds where name equals v.
func NameEQ(v string) Predicate { return nil }

// HitsGTE holds where hits is at least v.
func HitsGTE(v int64) Predicate { return nil }

// ClosedAtIsNil holds where closed_at is NULL.
func ClosedAtIsNil() Predicate { return nil }
