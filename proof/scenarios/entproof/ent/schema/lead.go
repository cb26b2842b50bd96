package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Lead is a sales lead; OwnerID is nil until someone claims it.
type Lead struct {
	ent.Schema
}

// Fields of the Lead.
func (Lead) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("owner_id").Optional().Nillable(),
		field.Time("claimed_at").Optional().Nillable(),
	}
}
