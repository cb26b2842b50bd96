package ops

// Names: columns and tables as the engine compares them.

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/flow"
	"github.com/racelint/racelint/analyzer/internal/sqltext"
)

// namedField returns the value stored into field name of a struct literal
// passed as the single argument of a named query (sqlx :name).
func namedField(v ssa.Value, name string) ssa.Value {
	root, _ := flow.Root(flow.Strip(v))
	if l, ok := root.(*ssa.UnOp); ok {
		root, _ = flow.Root(l.X)
	}
	alloc, ok := root.(*ssa.Alloc)
	if !ok {
		return nil
	}
	want := normalizeColumn(name)
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.X != alloc {
			continue
		}
		if columnOfField(fa.X.Type(), fa.Field) != want {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
				return flow.Strip(st.Val)
			}
		}
	}
	return nil
}

// columnOfField maps a struct field to its normalized column: the db or
// gorm column tag when present, else the field name.
func columnOfField(t types.Type, i int) string {
	tag := flow.FieldTag(t, i)
	if c := tagColumn(tag); c != "" {
		return normalizeColumn(c)
	}
	return normalizeColumn(flow.FieldName(t, i))
}

func tagColumn(tag string) string {
	st := reflectTag(tag)
	if db := st("db"); db != "" && db != "-" {
		return strings.Split(db, ",")[0]
	}
	for _, part := range strings.Split(st("gorm"), ";") {
		if k, v, ok := strings.Cut(part, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "column") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// reflectTag returns a lookup of a struct tag's keys (reflect.StructTag
// without importing reflect's parsing rules we do not need).
func reflectTag(tag string) func(string) string {
	return func(key string) string {
		for tag != "" {
			i := 0
			for i < len(tag) && tag[i] == ' ' {
				i++
			}
			tag = tag[i:]
			i = 0
			for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' {
				i++
			}
			if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
				return ""
			}
			name := tag[:i]
			tag = tag[i+1:]
			i = 1
			for i < len(tag) && tag[i] != '"' {
				if tag[i] == '\\' {
					i++
				}
				i++
			}
			if i >= len(tag) {
				return ""
			}
			val := tag[1:i]
			tag = tag[i+1:]
			if name == key {
				return val
			}
		}
		return ""
	}
}

// NormalizeColumn makes Go field names and SQL column names comparable:
// OpenedAt, opened_at and "opened_at" all become openedat.
func normalizeColumn(s string) string {
	return strings.ReplaceAll(sqltext.Normalize(s), "_", "")
}

// NormalizeColumn is exported for the rules.
func NormalizeColumn(s string) string { return normalizeColumn(s) }

// table normalizes a table or model name for comparison: lower case, no
// underscores, no plural ending (emails, Email and email all match).
func table(name string) string {
	n := normalizeColumn(name)
	if n == "" || strings.Contains(n, flow.Unknown) || strings.Contains(n, strings.ReplaceAll(flow.Unknown, "_", "")) {
		return ""
	}
	switch {
	case strings.HasSuffix(n, "ies") && len(n) > 4:
		n = n[:len(n)-3] + "y"
	case strings.HasSuffix(n, "sses"), strings.HasSuffix(n, "xes"), strings.HasSuffix(n, "ches"), strings.HasSuffix(n, "shes"):
		n = n[:len(n)-2]
	case strings.HasSuffix(n, "ss"):
	case strings.HasSuffix(n, "s") && len(n) > 1:
		n = n[:len(n)-1]
	}
	return n
}

// Table is the exported form of table, for configuration matching.
func Table(name string) string { return table(name) }
