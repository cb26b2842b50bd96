// Package bson is a shape-only stub of go.mongodb.org/mongo-driver/v2/bson synthesized for racelint's tests; signatures match go.mongodb.org/mongo-driver/v2@v2.10.0.
package bson

// D is an ordered document.
type D []E

// E is an element of a D.
type E struct {
	Key   string
	Value any
}

// M is an unordered document.
type M map[string]any

// A is an array.
type A []any

// Raw is a raw BSON document.
type Raw []byte

// ObjectID is a MongoDB ObjectID.
type ObjectID [12]byte

// NilObjectID is the zero ObjectID.
var NilObjectID ObjectID

// NewObjectID generates a new ObjectID.
func NewObjectID() ObjectID { return ObjectID{} }

// ObjectIDFromHex parses a hex ObjectID.
func ObjectIDFromHex(s string) (ObjectID, error) { return ObjectID{}, nil }

// Hex returns the hex encoding of id.
func (id ObjectID) Hex() string { return "" }

// String returns the ObjectID("...") form of id.
func (id ObjectID) String() string { return "" }

// IsZero reports whether id is the zero ObjectID.
func (id ObjectID) IsZero() bool { return id == NilObjectID }
