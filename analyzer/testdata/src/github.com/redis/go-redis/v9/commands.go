package redis

import (
	"context"
	"time"
)

// Cmdable is the command set shared by clients and pipelines (subset).
type Cmdable interface {
	Pipeline() Pipeliner
	Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)
	TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)
	TxPipeline() Pipeliner

	Ping(ctx context.Context) *StatusCmd

	Del(ctx context.Context, keys ...string) *IntCmd
	Exists(ctx context.Context, keys ...string) *IntCmd
	Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd

	Decr(ctx context.Context, key string) *IntCmd
	DecrBy(ctx context.Context, key string, decrement int64) *IntCmd
	Get(ctx context.Context, key string) *StringCmd
	GetSet(ctx context.Context, key string, value interface{}) *StringCmd
	Incr(ctx context.Context, key string) *IntCmd
	IncrBy(ctx context.Context, key string, value int64) *IntCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
	SetArgs(ctx context.Context, key string, value interface{}, a SetArgs) *StatusCmd
	SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd
	SetXX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd

	HExists(ctx context.Context, key, field string) *BoolCmd
	HGet(ctx context.Context, key, field string) *StringCmd
	HGetAll(ctx context.Context, key string) *MapStringStringCmd
	HIncrBy(ctx context.Context, key, field string, incr int64) *IntCmd
	LLen(ctx context.Context, key string) *IntCmd
	RPush(ctx context.Context, key string, values ...interface{}) *IntCmd
	HSet(ctx context.Context, key string, values ...interface{}) *IntCmd
	HSetNX(ctx context.Context, key, field string, value interface{}) *BoolCmd

	SAdd(ctx context.Context, key string, members ...interface{}) *IntCmd
	SIsMember(ctx context.Context, key string, member interface{}) *BoolCmd
	SRem(ctx context.Context, key string, members ...interface{}) *IntCmd

	ZAdd(ctx context.Context, key string, members ...Z) *IntCmd
	ZScore(ctx context.Context, key, member string) *FloatCmd

	Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
	EvalSha(ctx context.Context, sha1 string, keys []string, args ...interface{}) *Cmd
	EvalRO(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
	EvalShaRO(ctx context.Context, sha1 string, keys []string, args ...interface{}) *Cmd
	ScriptLoad(ctx context.Context, script string) *StringCmd
}

// StatefulCmdable adds the connection-state commands (none in the stub).
type StatefulCmdable interface {
	Cmdable
}

// UniversalClient is implemented by Client, ClusterClient and Ring (subset).
type UniversalClient interface {
	Cmdable
	Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error
	Do(ctx context.Context, args ...interface{}) *Cmd
	Process(ctx context.Context, cmd Cmder) error
	Close() error
}

// Pipeliner queues commands (subset).
type Pipeliner interface {
	StatefulCmdable
	Len() int
	Do(ctx context.Context, args ...interface{}) *Cmd
	Process(ctx context.Context, cmd Cmder) error
	Discard()
	Exec(ctx context.Context) ([]Cmder, error)
}

type cmdable func(ctx context.Context, cmd Cmder) error

type statefulCmdable func(ctx context.Context, cmd Cmder) error

// SetArgs are the arguments of SetArgs (subset of the real fields).
type SetArgs struct {
	Mode     string
	TTL      time.Duration
	ExpireAt time.Time
	Get      bool
	KeepTTL  bool
}

// Z is a sorted-set member.
type Z struct {
	Score  float64
	Member interface{}
}

// Ping pings the server.
func (c cmdable) Ping(ctx context.Context) *StatusCmd { return nil }

// Do runs an arbitrary command.
func (c cmdable) Do(ctx context.Context, args ...interface{}) *Cmd { return nil }

// Del deletes keys.
func (c cmdable) Del(ctx context.Context, keys ...string) *IntCmd { return nil }

// Exists counts the existing keys.
func (c cmdable) Exists(ctx context.Context, keys ...string) *IntCmd { return nil }

// Expire sets a key's time to live.
func (c cmdable) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return nil
}

// Decr decrements a key.
func (c cmdable) Decr(ctx context.Context, key string) *IntCmd { return nil }

// DecrBy decrements a key by decrement.
func (c cmdable) DecrBy(ctx context.Context, key string, decrement int64) *IntCmd { return nil }

// Get reads a key.
func (c cmdable) Get(ctx context.Context, key string) *StringCmd { return nil }

// GetSet sets a key and returns its old value.
func (c cmdable) GetSet(ctx context.Context, key string, value interface{}) *StringCmd { return nil }

// Incr increments a key.
func (c cmdable) Incr(ctx context.Context, key string) *IntCmd { return nil }

// IncrBy increments a key by value.
func (c cmdable) IncrBy(ctx context.Context, key string, value int64) *IntCmd { return nil }

// Set writes a key.
func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return nil
}

// SetArgs writes a key with SET options.
func (c cmdable) SetArgs(ctx context.Context, key string, value interface{}, a SetArgs) *StatusCmd {
	return nil
}

// SetNX writes a key that does not exist.
func (c cmdable) SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd {
	return nil
}

// SetXX writes a key that exists.
func (c cmdable) SetXX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd {
	return nil
}

// HExists reports whether a hash field exists.
func (c cmdable) HExists(ctx context.Context, key, field string) *BoolCmd { return nil }

// HGet reads a hash field.
func (c cmdable) HGet(ctx context.Context, key, field string) *StringCmd { return nil }

// HGetAll reads a whole hash.
func (c cmdable) HGetAll(ctx context.Context, key string) *MapStringStringCmd { return nil }

// HIncrBy increments a hash field.
func (c cmdable) HIncrBy(ctx context.Context, key, field string, incr int64) *IntCmd { return nil }

// LLen reads the length of a list.
func (c cmdable) LLen(ctx context.Context, key string) *IntCmd { return nil }

// RPush appends to a list.
func (c cmdable) RPush(ctx context.Context, key string, values ...interface{}) *IntCmd { return nil }

// HSet writes hash fields.
func (c cmdable) HSet(ctx context.Context, key string, values ...interface{}) *IntCmd { return nil }

// HSetNX writes a hash field that does not exist.
func (c cmdable) HSetNX(ctx context.Context, key, field string, value interface{}) *BoolCmd {
	return nil
}

// SAdd adds set members.
func (c cmdable) SAdd(ctx context.Context, key string, members ...interface{}) *IntCmd { return nil }

// SIsMember reports set membership.
func (c cmdable) SIsMember(ctx context.Context, key string, member interface{}) *BoolCmd {
	return nil
}

// SRem removes set members.
func (c cmdable) SRem(ctx context.Context, key string, members ...interface{}) *IntCmd { return nil }

// ZAdd adds sorted-set members.
func (c cmdable) ZAdd(ctx context.Context, key string, members ...Z) *IntCmd { return nil }

// ZScore reads a member's score.
func (c cmdable) ZScore(ctx context.Context, key, member string) *FloatCmd { return nil }

// Eval runs a Lua script.
func (c cmdable) Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd {
	return nil
}

// EvalSha runs a cached Lua script.
func (c cmdable) EvalSha(ctx context.Context, sha1 string, keys []string, args ...interface{}) *Cmd {
	return nil
}

// EvalRO runs a read-only Lua script.
func (c cmdable) EvalRO(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd {
	return nil
}

// EvalShaRO runs a cached read-only Lua script.
func (c cmdable) EvalShaRO(ctx context.Context, sha1 string, keys []string, args ...interface{}) *Cmd {
	return nil
}

// ScriptLoad loads a Lua script.
func (c cmdable) ScriptLoad(ctx context.Context, script string) *StringCmd { return nil }
