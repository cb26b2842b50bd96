package schema

import (
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
)

// Job is a queued background job.
type Job struct {
	ent.Schema
}

// Fields of the Job.
func (Job) Fields() []ent.Field {
	return []ent.Field{
		field.String("queue"),
		field.String("status").Default("pending"),
		field.Time("started_at").Optional().Nillable(),
		field.Time("created_at").Default(time.Now),
	}
}
