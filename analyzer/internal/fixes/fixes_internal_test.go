package fixes

import (
	"go/format"
	"go/parser"
	"go/token"
	"testing"
)

func TestContentEnd(t *testing.T) {
	for _, tc := range []struct{ lit, want string }{
		{"`SELECT 1`", "SELECT 1"},
		{"`SELECT 1;`", "SELECT 1"},
		{"`SELECT 1 ;\n\t`", "SELECT 1"},
		{`"SELECT 1\n"`, "SELECT 1"},
		{`"SELECT 1 LIMIT 1;\n"`, "SELECT 1 LIMIT 1"},
		{`"SELECT '\\n'"`, `SELECT '\\n'`},
	} {
		l := &sqlLiteral{raw: tc.lit[0] == '`', body: tc.lit[1 : len(tc.lit)-1]}
		if got := l.body[:l.contentEnd()]; got != tc.want {
			t.Errorf("contentEnd(%s) keeps %q, want %q", tc.lit, got, tc.want)
		}
	}
}

func TestParamToken(t *testing.T) {
	for _, tc := range []struct {
		sql   string
		param int
		want  string
	}{
		{"UPDATE t SET n = $1 WHERE id = $2", 0, "$1"},
		{"UPDATE t SET n = $2 WHERE id = $1", 1, "$2"},
		{"UPDATE t SET n = $1, m = $1 WHERE id = $2", 0, ""}, // used twice
		{"UPDATE t SET s = '?', n = ? WHERE id = ?", 0, "?"},
		{"UPDATE t SET n = ? WHERE id = ?", 1, "?"},
	} {
		toks := lexSQL(tc.sql)
		got := ""
		if i := paramToken(toks, tc.param); i >= 0 {
			got = toks[i].text
		}
		if got != tc.want {
			t.Errorf("paramToken(%q, %d) = %q, want %q", tc.sql, tc.param, got, tc.want)
		}
	}
}

func TestLockable(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT a FROM t WHERE id = $1":                    true,
		"SELECT a FROM t WHERE id = $1 ORDER BY a LIMIT 1": true,
		"SELECT count(*) FROM t":                           false,
		"SELECT a FROM t FOR SHARE":                        false,
		"SELECT DISTINCT a FROM t":                         false,
		"SELECT a FROM t LEFT JOIN u ON u.id = t.u":        false,
		"SELECT a FROM t GROUP BY a":                       false,
	} {
		if got := lockable(lexSQL(sql)); got != want {
			t.Errorf("lockable(%q) = %v, want %v", sql, got, want)
		}
	}
}

// TestAddImport checks that the import edit leaves gofmt-clean source in
// every shape of import section.
func TestAddImport(t *testing.T) {
	for _, src := range []string{
		"package p\n\nfunc f() {}\n",
		"package p\n\nimport \"errors\"\n\nvar _ = errors.New\n",
		"package p\n\nimport (\n\t\"errors\"\n\n\t\"gorm.io/gorm\"\n)\n\nvar _ = errors.New\nvar _ *gorm.DB\n",
		"package p\n\nimport (\n\t\"errors\"\n\n\t\"gorm.io/gorm\"\n\t\"zz.example/x\"\n)\n\nvar _ = errors.New\n",
		"package p\n\nimport (\n\t\"errors\"\n\t\"strings\" // why\n)\n",
	} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		e := addImport(fset, f, "gorm.io/gorm/clause")
		off := fset.Position(e.Pos).Offset
		out := src[:off] + string(e.NewText) + src[off:]
		formatted, err := format.Source([]byte(out))
		if err != nil {
			t.Errorf("%q: %v\n%s", src, err, out)
			continue
		}
		if string(formatted) != out {
			t.Errorf("not gofmt-clean:\n%s\nwant\n%s", out, formatted)
		}
		g, err := parser.ParseFile(token.NewFileSet(), "p.go", out, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range g.Imports {
			found = found || s.Path.Value == `"gorm.io/gorm/clause"`
		}
		if !found {
			t.Errorf("import not added:\n%s", out)
		}
	}
}
