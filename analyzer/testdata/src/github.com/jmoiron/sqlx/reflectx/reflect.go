// Package reflectx is a shape-only stub of github.com/jmoiron/sqlx/reflectx synthesized for racelint's tests; signatures match github.com/jmoiron/sqlx@v1.4.0.
package reflectx

// Mapper maps struct fields to column names.
type Mapper struct{}

// NewMapper returns a Mapper for tagName.
func NewMapper(tagName string) *Mapper { return nil }

// NewMapperFunc returns a Mapper for tagName that maps names with f.
func NewMapperFunc(tagName string, f func(string) string) *Mapper { return nil }
