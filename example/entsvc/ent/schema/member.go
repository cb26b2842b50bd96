package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Member holds the schema definition for the Member entity: a sign-up,
// unique by email and by handle.
type Member struct {
	ent.Schema
}

// Fields of the Member.
func (Member) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").Unique(),
		field.String("handle").Unique(),
	}
}

// Edges of the Member.
func (Member) Edges() []ent.Edge {
	return nil
}
