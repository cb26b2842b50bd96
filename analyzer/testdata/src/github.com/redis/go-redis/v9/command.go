package redis

import (
	"context"
	"time"
)

// Cmder is a queued or executed command (exported subset of the real
// interface).
type Cmder interface {
	Name() string
	FullName() string
	Args() []interface{}
	String() string
	SetErr(error)
	Err() error
}

type baseCmd struct {
	ctx  context.Context
	args []interface{}
	err  error
}

// Name returns the command name.
func (cmd *baseCmd) Name() string { return "" }

// FullName returns the full command name.
func (cmd *baseCmd) FullName() string { return "" }

// Args returns the command arguments.
func (cmd *baseCmd) Args() []interface{} { return cmd.args }

// SetErr sets the command error.
func (cmd *baseCmd) SetErr(e error) { cmd.err = e }

// Err returns the command error.
func (cmd *baseCmd) Err() error { return cmd.err }

// Cmd is a command with an untyped reply.
type Cmd struct {
	baseCmd

	val interface{}
}

// String formats the command.
func (cmd *Cmd) String() string { return "" }

// Val returns the reply.
func (cmd *Cmd) Val() interface{} { return cmd.val }

// Result returns the reply and the error.
func (cmd *Cmd) Result() (interface{}, error) { return cmd.val, cmd.err }

// Text returns the reply as a string.
func (cmd *Cmd) Text() (string, error) { return "", nil }

// Int returns the reply as an int.
func (cmd *Cmd) Int() (int, error) { return 0, nil }

// Int64 returns the reply as an int64.
func (cmd *Cmd) Int64() (int64, error) { return 0, nil }

// Float64 returns the reply as a float64.
func (cmd *Cmd) Float64() (float64, error) { return 0, nil }

// Bool returns the reply as a bool.
func (cmd *Cmd) Bool() (bool, error) { return false, nil }

// Slice returns the reply as a slice.
func (cmd *Cmd) Slice() ([]interface{}, error) { return nil, nil }

// StatusCmd is a command with a status reply.
type StatusCmd struct {
	baseCmd

	val string
}

// Val returns the reply.
func (cmd *StatusCmd) Val() string { return cmd.val }

// Result returns the reply and the error.
func (cmd *StatusCmd) Result() (string, error) { return cmd.val, cmd.err }

// Bytes returns the reply as bytes.
func (cmd *StatusCmd) Bytes() ([]byte, error) { return nil, nil }

// String formats the command.
func (cmd *StatusCmd) String() string { return "" }

// IntCmd is a command with an integer reply.
type IntCmd struct {
	baseCmd

	val int64
}

// Val returns the reply.
func (cmd *IntCmd) Val() int64 { return cmd.val }

// Result returns the reply and the error.
func (cmd *IntCmd) Result() (int64, error) { return cmd.val, cmd.err }

// Uint64 returns the reply as a uint64.
func (cmd *IntCmd) Uint64() (uint64, error) { return 0, nil }

// String formats the command.
func (cmd *IntCmd) String() string { return "" }

// BoolCmd is a command with a boolean reply.
type BoolCmd struct {
	baseCmd

	val bool
}

// Val returns the reply.
func (cmd *BoolCmd) Val() bool { return cmd.val }

// Result returns the reply and the error.
func (cmd *BoolCmd) Result() (bool, error) { return cmd.val, cmd.err }

// String formats the command.
func (cmd *BoolCmd) String() string { return "" }

// StringCmd is a command with a string reply.
type StringCmd struct {
	baseCmd

	val string
}

// Val returns the reply.
func (cmd *StringCmd) Val() string { return cmd.val }

// Result returns the reply and the error.
func (cmd *StringCmd) Result() (string, error) { return cmd.val, cmd.err }

// Bytes returns the reply as bytes.
func (cmd *StringCmd) Bytes() ([]byte, error) { return nil, nil }

// Bool parses the reply as a bool.
func (cmd *StringCmd) Bool() (bool, error) { return false, nil }

// Int parses the reply as an int.
func (cmd *StringCmd) Int() (int, error) { return 0, nil }

// Int64 parses the reply as an int64.
func (cmd *StringCmd) Int64() (int64, error) { return 0, nil }

// Uint64 parses the reply as a uint64.
func (cmd *StringCmd) Uint64() (uint64, error) { return 0, nil }

// Float64 parses the reply as a float64.
func (cmd *StringCmd) Float64() (float64, error) { return 0, nil }

// Time parses the reply as a time.
func (cmd *StringCmd) Time() (time.Time, error) { return time.Time{}, nil }

// Scan scans the reply into val.
func (cmd *StringCmd) Scan(val interface{}) error { return nil }

// String formats the command.
func (cmd *StringCmd) String() string { return "" }

// FloatCmd is a command with a float reply.
type FloatCmd struct {
	baseCmd

	val float64
}

// Val returns the reply.
func (cmd *FloatCmd) Val() float64 { return cmd.val }

// Result returns the reply and the error.
func (cmd *FloatCmd) Result() (float64, error) { return cmd.val, cmd.err }

// String formats the command.
func (cmd *FloatCmd) String() string { return "" }

// MapStringStringCmd is a command with a map reply.
type MapStringStringCmd struct {
	baseCmd

	val map[string]string
}

// Val returns the reply.
func (cmd *MapStringStringCmd) Val() map[string]string { return cmd.val }

// Result returns the reply and the error.
func (cmd *MapStringStringCmd) Result() (map[string]string, error) { return cmd.val, cmd.err }

// String formats the command.
func (cmd *MapStringStringCmd) String() string { return "" }

// Scan scans the reply into the struct dest.
func (cmd *MapStringStringCmd) Scan(dest interface{}) error { return nil }
