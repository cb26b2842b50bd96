package redis

import (
	"context"
	"sync"
)

// Scripter runs scripts (subset).
type Scripter interface {
	Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
	EvalSha(ctx context.Context, sha1 string, keys []string, args ...interface{}) *Cmd
	EvalRO(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
	EvalShaRO(ctx context.Context, sha1 string, keys []string, args ...interface{}) *Cmd
	ScriptLoad(ctx context.Context, script string) *StringCmd
}

// Script is a Lua script.
type Script struct {
	src  string
	mu   sync.RWMutex
	hash string
}

// NewScript returns a script.
func NewScript(src string) *Script { return &Script{src: src} }

// Hash returns the script's SHA-1.
func (s *Script) Hash() string { return s.hash }

// Load loads the script.
func (s *Script) Load(ctx context.Context, c Scripter) *StringCmd { return nil }

// Eval runs the script with EVAL.
func (s *Script) Eval(ctx context.Context, c Scripter, keys []string, args ...interface{}) *Cmd {
	return nil
}

// EvalSha runs the script with EVALSHA.
func (s *Script) EvalSha(ctx context.Context, c Scripter, keys []string, args ...interface{}) *Cmd {
	return nil
}

// Run runs the script with EVALSHA, falling back to EVAL.
func (s *Script) Run(ctx context.Context, c Scripter, keys []string, args ...interface{}) *Cmd {
	return nil
}

// RunRO is Run for read-only scripts.
func (s *Script) RunRO(ctx context.Context, c Scripter, keys []string, args ...interface{}) *Cmd {
	return nil
}
