package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Account is holds a balance.
type Account struct {
	ent.Schema
}

// Fields of the Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("balance"),
	}
}
