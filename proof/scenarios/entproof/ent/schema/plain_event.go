package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// PlainEvent is a webhook event in a table without a unique constraint.
type PlainEvent struct {
	ent.Schema
}

// Fields of the PlainEvent.
func (PlainEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("dedup_key"),
		field.Time("created_at").Default(time.Now),
	}
}
