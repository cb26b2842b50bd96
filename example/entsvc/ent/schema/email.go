package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Email holds the schema definition for the Email entity.
type Email struct {
	ent.Schema
}

// Fields of the Email.
func (Email) Fields() []ent.Field {
	return []ent.Field{
		field.String("tracking_id").Unique(),
		field.Time("opened_at").Optional().Nillable(),
		field.Int("views").Default(0),
	}
}

// Edges of the Email.
func (Email) Edges() []ent.Edge {
	return nil
}
