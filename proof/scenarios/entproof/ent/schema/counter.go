package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Counter is counts hits.
type Counter struct {
	ent.Schema
}

// Fields of the Counter.
func (Counter) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("hits").Default(0),
	}
}
