package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Event is a webhook event, unique by its dedup key.
type Event struct {
	ent.Schema
}

// Fields of the Event.
func (Event) Fields() []ent.Field {
	return []ent.Field{
		field.String("dedup_key").Unique(),
		field.Time("created_at").Default(time.Now),
	}
}
