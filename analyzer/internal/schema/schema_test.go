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
	fields := []*types.Var{field("Email", ""), field("Slug", ""), field("Code", ""), field("Nick", ""), field("Name", ""), field("Login", ""), field("Label", ""), field("AlbumUID", ""), field("Key", ""), field("Ref", "")}
	tags := []string{`gorm:"uniqueIndex"`, `xorm:"varchar(64) unique"`, `bun:"code,unique"`, `db:"nick" gorm:"column:nick;unique"`, `gorm:"index"`,
		`orm:"size(100);unique;column(account)"`, `orm:"column(label_name);size(50)"`,
		`gorm:"type:VARBINARY(42);unique_index;"`, // GORM v1 spells it unique_index
		`db:"pk"`, `db:"ref"`} // dbx marks its primary key db:"pk"
	model := types.NewPointer(types.NewStruct(fields, tags))
	var ix *Index
	for col, want := range map[string]bool{"email": true, "slug": true, "code": true, "nick": true, "name": false, "account": true, "labelname": false, "albumuid": true, "key": true, "ref": false} {
		if got := ix.Unique("users", col, model, lower); got != want {
			t.Errorf("Unique(users, %s) from tags = %v, want %v", col, got, want)
		}
	}
}

// TestSQLFiles reads DDL from *.sql files anywhere in the module, in the
// three dialects, and not from vendored code or nested modules.
func TestSQLFiles(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module m\n")
	write("db/migrations/0001_init.up.sql", "CREATE TABLE invites (id serial PRIMARY KEY, code text NOT NULL UNIQUE);\nCREATE UNIQUE INDEX ON users (email);\n")
	write("sql/schema/mysql/schema.sql", "CREATE TABLE `accounts` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `username` varchar(64) NOT NULL,\n  `nick` varchar(64),\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `idx_username` (`username`)\n) ENGINE=InnoDB;\n")
	write("internal/store/sqlite/migrations/0002_tags.up.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\nALTER TABLE tags ADD CONSTRAINT tags_name UNIQUE (name);\n")
	write("vendor/x/schema.sql", "CREATE TABLE vendored (k text UNIQUE);\n")
	write("tools/go.mod", "module tools\n")
	write("tools/schema.sql", "CREATE TABLE nested (k text UNIQUE);\n")
	pkg := filepath.Join(root, "internal", "store")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	files := NewSQLFiles()
	ix := FromFiles(nil, lower)
	ix.Merge(files.Of(pkg, lower))
	for _, c := range []struct {
		table, column string
		want          bool
	}{
		{"invites", "code", true}, {"invites", "id", true}, {"users", "email", true}, {"users", "name", false},
		{"accounts", "username", true}, {"accounts", "id", true}, {"accounts", "nick", false},
		{"tags", "name", true},
		{"vendored", "k", false}, {"nested", "k", false},
	} {
		if got := ix.Unique(c.table, c.column, nil, lower); got != c.want {
			t.Errorf("Unique(%s, %s) = %v, want %v", c.table, c.column, got, c.want)
		}
	}
	for table, want := range map[string]bool{"accounts": true, "tags": true, "users": false, "nested": false} {
		if got := ix.Declared(table); got != want {
			t.Errorf("Declared(%s) = %v, want %v", table, got, want)
		}
	}
	if again := files.Of(filepath.Join(root, "db"), lower); again != files.Of(pkg, lower) {
		t.Error("a second package of the module read the files again")
	}
}

// TestCompositeTags: a primary key or a xorm unique group over several
// fields is a composite key, not a unique key on one of its fields; one
// field alone keeps the key unique.
func TestCompositeTags(t *testing.T) {
	field := func(name string) *types.Var {
		return types.NewField(token.NoPos, nil, name, types.Typ[types.String], false)
	}
	link := types.NewStruct(
		[]*types.Var{field("Owner"), field("Name"), field("Provider"), field("Handle")},
		[]string{`xorm:"varchar(100) notnull pk unique(link)"`, `xorm:"varchar(100) notnull pk"`, `xorm:"unique(link)"`, `xorm:"unique(one)"`})
	var ix *Index
	for col, want := range map[string][2]bool{ // unique, composite
		"owner": {false, true}, "name": {false, true}, "provider": {false, true}, "handle": {true, false},
	} {
		if got := ix.Unique("links", col, link, lower); got != want[0] {
			t.Errorf("Unique(links, %s) = %v, want %v", col, got, want[0])
		}
		if got := ix.InCompositeKeyOf("links", col, link, lower); got != want[1] {
			t.Errorf("InCompositeKeyOf(links, %s) = %v, want %v", col, got, want[1])
		}
	}
	single := types.NewStruct([]*types.Var{field("Key"), field("Note")}, []string{`xorm:"pk"`, `xorm:"text"`})
	if !ix.Unique("notes", "key", single, lower) || ix.InCompositeKeyOf("notes", "key", single, lower) {
		t.Errorf("a primary key of one field is unique, not composite")
	}
}
