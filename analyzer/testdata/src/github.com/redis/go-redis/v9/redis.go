// Package redis is a shape-only stub of github.com/redis/go-redis/v9 synthesized for racelint's tests; signatures match github.com/redis/go-redis/v9@v9.23.0.
package redis

import (
	"context"

	"github.com/redis/go-redis/v9/internal/proto"
)

// Nil reply returned by Redis when a key does not exist.
const Nil = proto.Nil

// TxFailedErr transaction redis failed.
const TxFailedErr = proto.RedisError("redis: transaction failed")

// Options configures a Client (subset of the real fields).
type Options struct {
	Addr     string
	Username string
	Password string
	DB       int
}

type baseClient struct{}

// Client is a Redis client. Its commands are promoted from the embedded
// cmdable function type, as in the real package.
type Client struct {
	*baseClient
	cmdable
}

// NewClient returns a client to the Redis server specified by Options.
func NewClient(opt *Options) *Client { return nil }

// Close closes the client.
func (c *Client) Close() error { return nil }

// Process runs cmd.
func (c *Client) Process(ctx context.Context, cmd Cmder) error { return nil }

// Pipelined runs fn in a pipeline.
func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// Pipeline returns a pipeline.
func (c *Client) Pipeline() Pipeliner { return nil }

// TxPipelined runs fn in a MULTI/EXEC pipeline.
func (c *Client) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// TxPipeline returns a MULTI/EXEC pipeline.
func (c *Client) TxPipeline() Pipeliner { return nil }

// Watch runs fn in a transaction that fails when a watched key changes.
func (c *Client) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error { return nil }

// Tx is the connection handed to a Watch callback.
type Tx struct {
	baseClient
	cmdable
	statefulCmdable
}

// Process runs cmd.
func (c *Tx) Process(ctx context.Context, cmd Cmder) error { return nil }

// Close closes the transaction.
func (c *Tx) Close(ctx context.Context) error { return nil }

// Watch watches keys.
func (c *Tx) Watch(ctx context.Context, keys ...string) *StatusCmd { return nil }

// Unwatch unwatches keys.
func (c *Tx) Unwatch(ctx context.Context, keys ...string) *StatusCmd { return nil }

// Pipeline returns a pipeline.
func (c *Tx) Pipeline() Pipeliner { return nil }

// Pipelined runs fn in a pipeline.
func (c *Tx) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// TxPipelined runs fn in a MULTI/EXEC pipeline.
func (c *Tx) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// TxPipeline returns a MULTI/EXEC pipeline.
func (c *Tx) TxPipeline() Pipeliner { return nil }
