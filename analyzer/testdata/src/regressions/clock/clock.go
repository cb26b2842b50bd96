// Package clock stands for a service's time helpers, in a package that
// touches no database: what they return is written as a timestamp.
package clock

import "time"

// Unix is a clock reading.
func Unix() int64 { return time.Now().Unix() }

// Millis is a clock reading, scaled.
func Millis() int64 { return time.Now().UnixNano() / int64(time.Millisecond) }

// Stamp is a clock reading through another one.
func Stamp() int64 { return Millis() }

// In is a time away from now, not a reading of it.
func In(d time.Duration) int64 { return time.Now().Add(d).Unix() }

// Epoch is a constant, not a reading.
func Epoch() int64 { return 0 }
