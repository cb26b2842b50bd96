package modstub

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	stderr := `go: downloading github.com/a/nat v0.0.0-20260821095157-6b2c8c5c74e8
go: github.com/a/nat@v0.0.0-20260821095157-6b2c8c5c74e8: reading https://proxy.golang.org/github.com/a/nat/@v/v0.0.0-20260821095157-6b2c8c5c74e8.mod: 403 Forbidden
	server response: This module version is not available.
go: github.com/a/nat@v0.0.0-20260821095157-6b2c8c5c74e8: reading again: 403 Forbidden
go: example.com/b/v2@v2.1.0: verifying go.mod: checksum mismatch
go: go.mod requires go >= 1.27.0 (running go 1.26.8; GOTOOLCHAIN=local)
`
	want := []Module{
		{"github.com/a/nat", "v0.0.0-20260821095157-6b2c8c5c74e8", "reading https://proxy.golang.org/github.com/a/nat/@v/v0.0.0-20260821095157-6b2c8c5c74e8.mod: 403 Forbidden"},
		{"example.com/b/v2", "v2.1.0", "verifying go.mod: checksum mismatch"},
	}
	if got := parse(stderr); !reflect.DeepEqual(got, want) {
		t.Errorf("parse:\n got %+v\nwant %+v", got, want)
	}
}
