package apimodel

// Random sources: a key a request draws at random (a token, a short
// code, a UUID) is its own; two requests do not draw the same one, so a
// lookup of it before its insert is a collision check, not a race.

// randomSources are the functions and methods (Recv set) whose results
// are drawn at random, and the buffer-filling Read functions.
var randomSources = []Method{
	{Pkg: "math/rand", Name: "Int"}, {Pkg: "math/rand", Name: "Intn"}, {Pkg: "math/rand", Name: "Int31"},
	{Pkg: "math/rand", Name: "Int31n"}, {Pkg: "math/rand", Name: "Int63"}, {Pkg: "math/rand", Name: "Int63n"},
	{Pkg: "math/rand", Name: "Uint32"}, {Pkg: "math/rand", Name: "Uint64"}, {Pkg: "math/rand", Name: "Read"},
	{Pkg: "math/rand", Recv: "Rand", Name: "Int"}, {Pkg: "math/rand", Recv: "Rand", Name: "Intn"},
	{Pkg: "math/rand", Recv: "Rand", Name: "Int63"}, {Pkg: "math/rand", Recv: "Rand", Name: "Int63n"},
	{Pkg: "math/rand", Recv: "Rand", Name: "Read"},
	{Pkg: "math/rand/v2", Name: "Int"}, {Pkg: "math/rand/v2", Name: "IntN"}, {Pkg: "math/rand/v2", Name: "N"},
	{Pkg: "math/rand/v2", Name: "Int64"}, {Pkg: "math/rand/v2", Name: "Int64N"}, {Pkg: "math/rand/v2", Name: "Uint32"},
	{Pkg: "math/rand/v2", Name: "Uint64"},
	{Pkg: "crypto/rand", Name: "Read"}, {Pkg: "crypto/rand", Name: "Int"}, {Pkg: "crypto/rand", Name: "Text"},
	{Pkg: "github.com/google/uuid", Name: "New"}, {Pkg: "github.com/google/uuid", Name: "NewString"},
	{Pkg: "github.com/google/uuid", Name: "NewRandom"}, {Pkg: "github.com/google/uuid", Name: "NewV7"},
	{Pkg: "github.com/gofrs/uuid", Name: "NewV4"}, {Pkg: "github.com/gofrs/uuid", Name: "NewV7"},
	{Pkg: "github.com/gofrs/uuid/v5", Name: "NewV4"}, {Pkg: "github.com/gofrs/uuid/v5", Name: "NewV7"},
	{Pkg: "github.com/satori/go.uuid", Name: "NewV4"},
	{Pkg: "github.com/rs/xid", Name: "New"},
	{Pkg: "github.com/segmentio/ksuid", Name: "New"},
	{Pkg: "github.com/oklog/ulid/v2", Name: "Make"}, {Pkg: "github.com/oklog/ulid/v2", Name: "New"},
	{Pkg: "github.com/oklog/ulid/v2", Name: "MustNew"},
	{Pkg: "github.com/lithammer/shortuuid/v4", Name: "New"}, {Pkg: "github.com/lithammer/shortuuid/v3", Name: "New"},
	{Pkg: "github.com/matoous/go-nanoid/v2", Name: "New"}, {Pkg: "github.com/matoous/go-nanoid/v2", Name: "Generate"},
	{Pkg: "github.com/matoous/go-nanoid/v2", Name: "Must"},
}

// IsRandomSource reports whether pkg.[recv.]name draws its result, or
// fills its buffer argument, at random.
func IsRandomSource(pkg, recv, name string) bool {
	for _, m := range randomSources {
		if m.Pkg == pkg && m.Recv == recv && m.Name == name {
			return true
		}
	}
	return false
}
