// Package pgtype is a shape-only stub of github.com/jackc/pgx/v5/pgtype synthesized for racelint's tests; signatures match github.com/jackc/pgx/v5@v5.12.0.
package pgtype

// Map is the registry of PostgreSQL types.
type Map struct{}

// NewMap returns a Map.
func NewMap() *Map { return nil }
