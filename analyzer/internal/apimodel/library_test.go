package apimodel

import "testing"

func TestTagColumn(t *testing.T) {
	for _, tc := range []struct{ tag, want string }{
		{`db:"opened_at"`, "opened_at"},
		{`db:"opened_at,omitempty" json:"x"`, "opened_at"},
		{`db:"-" bun:"opened"`, "opened"},
		{`bun:"opened_at,nullzero"`, "opened_at"},
		{`bun:"table:emails,alias:e"`, ""},
		{`gorm:"column:opened_at;not null"`, "opened_at"},
		{`gorm:"not null; Column: opened_at "`, "opened_at"},
		{`orm:"size(100);unique;column(account)"`, "account"},
		{`orm:"pk;auto"`, ""},
		{`json:"openedAt"`, ""},
		{``, ""},
	} {
		if got := TagColumn(tc.tag); got != tc.want {
			t.Errorf("TagColumn(%q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
}

// TestRegistry checks what the registry derives from the Library values.
func TestRegistry(t *testing.T) {
	if got := Canonical("github.com/xorm-io/xorm"); got != PkgXorm {
		t.Errorf("Canonical(xorm fork) = %q", got)
	}
	for _, p := range []string{"database/sql", "github.com/jackc/pgx/v5/pgxpool", "github.com/xorm-io/xorm", "go.mongodb.org/mongo-driver/v2/mongo"} {
		if LibraryOf(p) == nil {
			t.Errorf("LibraryOf(%q) = nil", p)
		}
	}
	for _, p := range []string{"github.com/lib/pq", "entgo.io/ent/dialect/sql", "github.com/go-redis/redis/v8"} {
		if !IsOpaque(p) {
			t.Errorf("IsOpaque(%q) = false", p)
		}
	}
	if IsOpaque("example.com/app/store") {
		t.Error("an application package is opaque")
	}
	for path, want := range map[string]Dialect{
		"github.com/mattn/go-sqlite3": DialectSQLite, "github.com/go-sql-driver/mysql": DialectMySQL,
		"github.com/lib/pq": DialectPostgres, "github.com/jackc/pgx/v5/stdlib": DialectPostgres, "net/http": DialectUnknown,
	} {
		if got := DialectOfImport(path); got != want {
			t.Errorf("DialectOfImport(%q) = %v, want %v", path, got, want)
		}
	}
	m := Default()
	for _, lib := range Registry() {
		for _, e := range lib.Methods {
			got, ok := m.methods[e.key()]
			if !ok || got.Lib != lib.ID || got.Library() != lib {
				t.Errorf("%s.%s.%s: indexed as library %v, want %v", e.Pkg, e.Recv, e.Name, got.Lib, lib.ID)
			}
		}
	}
}

// TestMethodEncoding round-trips every registry row through the compact
// fact encoding.
func TestMethodEncoding(t *testing.T) {
	for _, lib := range Registry() {
		for _, m := range lib.Methods {
			m.Lib = lib.ID
			b, err := m.GobEncode()
			if err != nil {
				t.Fatal(err)
			}
			var got Method
			if err := got.GobDecode(b); err != nil {
				t.Fatalf("%s.%s: %v", m.Recv, m.Name, err)
			}
			if got != m {
				t.Errorf("round trip of %s.%s.%s: got %+v, want %+v", m.Pkg, m.Recv, m.Name, got, m)
			}
		}
	}
	all := Method{Pkg: "p", LockedForm: "ReadForUpdate", Or: true, InPlace: true, Retries: true, Positional: true, KeyIsID: true, ReturnsRecord: true, Locks: true, Optimistic: true, SQL: -1, Value: 7}
	b, _ := all.GobEncode()
	var got Method
	if err := got.GobDecode(b); err != nil || got != all {
		t.Errorf("flags round trip: %+v, %v", got, err)
	}
	if err := got.GobDecode(b[:len(b)-1]); err == nil {
		t.Error("a truncated encoding decoded")
	}
}
