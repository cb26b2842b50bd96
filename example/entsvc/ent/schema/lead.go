package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Lead holds the schema definition for the Lead entity.
type Lead struct {
	ent.Schema
}

// Fields of the Lead.
func (Lead) Fields() []ent.Field {
	return []ent.Field{
		field.Int("owner_id").Optional().Nillable(),
		field.String("status").Default("pending"),
	}
}

// Edges of the Lead.
func (Lead) Edges() []ent.Edge {
	return nil
}
