package ops

// Names: columns and tables as the engine compares them.

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
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
	if c := apimodel.TagColumn(tag); c != "" {
		return normalizeColumn(c)
	}
	return normalizeColumn(flow.FieldName(t, i))
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
