// Package ent is a shape-only stub of entgo.io/ent synthesized for
// racelint's tests; signatures match entgo.io/ent@v0.14.5. Generated
// clients import it, which is how racelint recognises them.
package ent

// Op is the operation of a mutation.
type Op uint
