package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// PlainContact is an address-book entry in a table without a unique constraint.
type PlainContact struct {
	ent.Schema
}

// Fields of the PlainContact.
func (PlainContact) Fields() []ent.Field {
	return []ent.Field{
		field.String("email"),
		field.Time("created_at").Default(time.Now),
	}
}
