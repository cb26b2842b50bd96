package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Email is a tracked outgoing email; OpenedAt is nil until the first open.
type Email struct {
	ent.Schema
}

// Fields of the Email.
func (Email) Fields() []ent.Field {
	return []ent.Field{
		field.String("tracking_id").Unique(),
		field.Time("opened_at").Optional().Nillable(),
	}
}
