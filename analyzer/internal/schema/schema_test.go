package schema

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var lower = Normalizer{Table: strings.ToLower, Column: func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }}

func TestDDL(t *testing.T) {
	src := "package p\n\nconst migration = `\n" +
		"CREATE TABLE IF NOT EXISTS users (\n  id BIGSERIAL PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE,\n  name TEXT,\n  tenant_id BIGINT,\n  handle TEXT,\n  UNIQUE (handle),\n  CONSTRAINT u_pair UNIQUE (tenant_id, name)\n);\n" +
		"CREATE UNIQUE INDEX IF NOT EXISTS events_key ON events (dedup_key);\n" +
		"CREATE INDEX posts_author ON posts (author_id);\n`\n"
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	ix := FromFiles([]*ast.File{f}, lower)
	for _, c := range []struct {
		table, column string
		want          bool
	}{
		{"users", "id", true},
		{"users", "email", true},
		{"users", "handle", true},
		{"users", "name", false},     // only unique together with tenant_id
		{"users", "tenantid", false}, // likewise
		{"events", "dedupkey", true},
		{"posts", "authorid", false}, // a plain index
		{"orders", "id", false},      // never declared
	} {
		if got := ix.Unique(c.table, c.column, nil, lower); got != c.want {
			t.Errorf("Unique(%s, %s) = %v, want %v", c.table, c.column, got, c.want)
		}
	}
}

func TestTags(t *testing.T) {
	field := func(name, tag string) *types.Var {
		return types.NewField(token.NoPos, nil, name, types.Typ[types.String], false)
	}
	fields := []*types.Var{field("Email", ""), field("Slug", ""), field("Code", ""), field("Nick", ""), field("Name", "")}
	tags := []string{`gorm:"uniqueIndex"`, `xorm:"varchar(64) unique"`, `bun:"code,unique"`, `db:"nick" gorm:"column:nick;unique"`, `gorm:"index"`}
	model := types.NewPointer(types.NewStruct(fields, tags))
	var ix *Index
	for col, want := range map[string]bool{"email": true, "slug": true, "code": true, "nick": true, "name": false} {
		if got := ix.Unique("users", col, model, lower); got != want {
			t.Errorf("Unique(users, %s) from tags = %v, want %v", col, got, want)
		}
	}
}

func TestMigrations(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mig := filepath.Join(root, "db", "migrations")
	if err := os.MkdirAll(mig, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mig, "0001_init.up.sql"), []byte("CREATE TABLE invites (id serial PRIMARY KEY, code text NOT NULL UNIQUE);\nCREATE UNIQUE INDEX ON users (email);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(root, "internal", "store")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	ix := FromFiles(nil, lower)
	ix.AddMigrations(pkg, lower)
	for _, c := range []struct {
		table, column string
		want          bool
	}{{"invites", "code", true}, {"invites", "id", true}, {"users", "email", true}, {"users", "name", false}} {
		if got := ix.Unique(c.table, c.column, nil, lower); got != c.want {
			t.Errorf("Unique(%s, %s) = %v, want %v", c.table, c.column, got, c.want)
		}
	}
}
