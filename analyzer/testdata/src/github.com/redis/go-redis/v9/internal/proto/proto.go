// Package proto is a shape-only stub of github.com/redis/go-redis/v9/internal/proto synthesized for racelint's tests; signatures match github.com/redis/go-redis/v9@v9.23.0.
package proto

// Nil is the reply error of a missing key.
const Nil = RedisError("redis: nil") // nolint:errname

// RedisError is an error reply of the server.
type RedisError string

// Error implements error.
func (e RedisError) Error() string { return string(e) }

// RedisError marks the type as a server error.
func (RedisError) RedisError() {}
