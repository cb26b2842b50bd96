// Package schema is a shape-only stub of github.com/uptrace/bun/schema synthesized for racelint's tests; signatures match github.com/uptrace/bun@v1.3.0.
package schema

// Ident is a SQL identifier.
type Ident string

// BaseModel is embedded into user models to carry the bun:"table:..." tag.
type BaseModel struct{}
