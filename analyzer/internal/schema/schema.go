// Package schema collects what the code declares about unique
// constraints, so that check-then-insert findings can say whether the
// losing insert fails (a unique constraint exists) or silently duplicates
// (none is declared): ORM struct tags (GORM, xorm, bun) and SQL DDL in the
// package's string literals (embedded migrations).
//
// It only reports what it sees: constraints declared in migration files or
// in another repository are unknown, and the rules word their advice
// accordingly.
package schema

import (
	"go/ast"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
	"github.com/racelint/racelint/analyzer/internal/scope"
)

// Index is the set of columns the code declares unique, per table.
type Index struct {
	unique map[string]map[string]bool // normalized table -> normalized column
	tables map[string]bool            // normalized tables whose CREATE TABLE was read
	// composite holds, per normalized table, the columns that are part of
	// a unique key of several columns (UNIQUE (step_id, user_id)).
	composite map[string]map[string]bool
}

func newIndex() *Index {
	return &Index{unique: map[string]map[string]bool{}, tables: map[string]bool{}, composite: map[string]map[string]bool{}}
}

// Normalizer maps table and column names to the engine's comparable form.
type Normalizer struct {
	Table, Column func(string) string
}

var (
	// Names may be quoted "like_this" (PostgreSQL, SQLite) or `like_this`
	// (MySQL), and schema-qualified.
	uniqueIndexRE = regexp.MustCompile("(?is)create\\s+unique\\s+index\\s+(?:concurrently\\s+)?(?:if\\s+not\\s+exists\\s+)?(?:[\\w.\"`]+\\s+)?on\\s+(?:only\\s+)?([\\w.\"`]+)\\s*(?:using\\s+\\w+\\s*)?\\(([^)]*)\\)")
	createTableRE = regexp.MustCompile("(?is)create\\s+(?:temporary\\s+|temp\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([\\w.\"`]+)\\s*\\((.*)\\)")
	// UNIQUE (col), UNIQUE KEY name (col), UNIQUE INDEX name (col), PRIMARY KEY (col).
	tableUniqueRE = regexp.MustCompile("(?is)(?:unique(?:\\s+(?:key|index))?(?:\\s+[\\w\"`]+)?|primary\\s+key)\\s*\\(([^)]*)\\)")
	columnDefRE   = regexp.MustCompile("(?is)^\\s*([\\w\"`]+)\\s+[^,]*?\\b(unique|primary\\s+key)\\b")
	// ALTER TABLE t ADD [CONSTRAINT c] UNIQUE [KEY k] (col)
	alterUniqueRE = regexp.MustCompile("(?is)alter\\s+table\\s+(?:only\\s+)?(?:if\\s+exists\\s+)?([\\w.\"`]+)\\s+add\\s+(?:constraint\\s+[\\w\"`]+\\s+)?(?:unique(?:\\s+(?:key|index))?(?:\\s+[\\w\"`]+)?|primary\\s+key)\\s*\\(([^)]*)\\)")
)

// FromFiles reads the DDL in the string literals of files.
func FromFiles(files []*ast.File, n Normalizer) *Index {
	ix := newIndex()
	for _, f := range files {
		ast.Inspect(f, func(node ast.Node) bool {
			lit, ok := node.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || len(s) > 1<<20 {
				return true
			}
			ix.addDDL(s, n)
			return true
		})
	}
	return ix
}

func (ix *Index) add(table, column string, n Normalizer) {
	t, c := n.Table(unquote(table)), n.Column(unquote(column))
	if t == "" || c == "" {
		return
	}
	if ix.unique[t] == nil {
		ix.unique[t] = map[string]bool{}
	}
	ix.unique[t][c] = true
}

// addKey records a unique key on cols of table: a single column is unique
// by itself, each of several is part of a composite key.
func (ix *Index) addKey(table string, cols []string, n Normalizer) {
	if len(cols) == 1 {
		ix.add(table, cols[0], n)
		return
	}
	t := n.Table(unquote(table))
	if t == "" {
		return
	}
	for _, col := range cols {
		if c := n.Column(unquote(col)); c != "" {
			if ix.composite[t] == nil {
				ix.composite[t] = map[string]bool{}
			}
			ix.composite[t][c] = true
		}
	}
}

// InCompositeKey reports whether column of table is part of a unique key
// of several columns: a second insert of the same column value may or may
// not conflict, depending on the other columns.
func (ix *Index) InCompositeKey(table, column string) bool {
	return ix != nil && ix.composite[table][column]
}

// unquote strips SQL identifier quotes ("x", `x`) and blanks.
func unquote(name string) string { return strings.Trim(strings.TrimSpace(name), "\"`") }

func (ix *Index) addDDL(sql string, n Normalizer) {
	for _, m := range alterUniqueRE.FindAllStringSubmatch(sql, -1) {
		ix.addKey(m[1], strings.Split(m[2], ","), n)
	}
	for _, m := range uniqueIndexRE.FindAllStringSubmatch(sql, -1) {
		ix.addKey(m[1], strings.Split(m[2], ","), n)
	}
	for _, stmt := range strings.Split(sql, ";") {
		m := createTableRE.FindStringSubmatch(stmt)
		if m == nil {
			continue
		}
		if t := n.Table(unquote(m[1])); t != "" {
			ix.tables[t] = true
		}
		for _, def := range splitTop(m[2]) {
			d := strings.ToLower(strings.TrimSpace(def))
			if strings.HasPrefix(d, "unique") || strings.HasPrefix(d, "primary") || strings.HasPrefix(d, "constraint") {
				// A table constraint: UNIQUE (email), PRIMARY KEY (id).
				if u := tableUniqueRE.FindStringSubmatch(def); u != nil {
					ix.addKey(m[1], strings.Split(u[1], ","), n)
				}
				continue
			}
			if c := columnDefRE.FindStringSubmatch(def); c != nil {
				ix.add(m[1], c[1], n) // email TEXT NOT NULL UNIQUE
			}
		}
	}
}

// splitTop splits a CREATE TABLE body at commas outside parentheses.
func splitTop(body string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range body {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, body[start:i])
				start = i + 1
			}
		}
	}
	return append(out, body[start:])
}

// Declared reports whether racelint read the CREATE TABLE of table, so
// that a constraint missing from it is missing from the table.
func (ix *Index) Declared(table string) bool { return ix != nil && ix.tables[table] }

// Unique reports whether the code declares column of table unique, in the
// DDL it has seen or in the struct tags of model (a GORM, xorm, bun or
// beego model type; nil when the write has none). A primary key or a
// named unique group (xorm's unique(name)) spread over several fields is
// a composite key: not unique on one of them (InCompositeKeyOf).
func (ix *Index) Unique(table, column string, model types.Type, n Normalizer) bool {
	if ix != nil && ix.unique[table][column] {
		return true
	}
	k, keys := fieldKey(model, column, n)
	return k.unique || k.pk && keys.pk == 1 || k.group != "" && keys.groups[k.group] == 1
}

// InCompositeKeyOf is InCompositeKey with model's struct tags too: the
// column is one field of a primary key or a unique group of several.
func (ix *Index) InCompositeKeyOf(table, column string, model types.Type, n Normalizer) bool {
	if ix.InCompositeKey(table, column) {
		return true
	}
	k, keys := fieldKey(model, column, n)
	return !k.unique && (k.pk && keys.pk > 1 || k.group != "" && keys.groups[k.group] > 1)
}

// modelKeys counts the fields of a model in its primary key and in each
// unique group.
type modelKeys struct {
	pk     int
	groups map[string]int
}

// fieldKey returns what the tags of model's field for column declare, and
// the model's key counts.
func fieldKey(model types.Type, column string, n Normalizer) (tagKey, modelKeys) {
	keys := modelKeys{groups: map[string]int{}}
	st := structOf(model)
	if st == nil {
		return tagKey{}, keys
	}
	var found tagKey
	for i := 0; i < st.NumFields(); i++ {
		k := keyOfTag(st.Tag(i))
		if k.pk {
			keys.pk++
		}
		if k.group != "" {
			keys.groups[k.group]++
		}
		if n.Column(st.Field(i).Name()) == column || n.Column(apimodel.TagColumn(st.Tag(i))) == column {
			found = k
		}
	}
	return found, keys
}

func structOf(t types.Type) *types.Struct {
	for i := 0; i < 4 && t != nil; i++ {
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Struct:
			return u
		default:
			return nil
		}
	}
	return nil
}

// tagKey is what a struct tag declares about the field's keys, in GORM,
// xorm, bun, beego or dbx syntax.
type tagKey struct {
	unique bool   // unique on its own
	pk     bool   // part of the primary key
	group  string // in the named unique group (xorm: unique(name))
}

func keyOfTag(tag string) tagKey {
	var k tagKey
	st := reflect.StructTag(tag)
	for _, part := range strings.Split(st.Get("gorm"), ";") {
		switch strings.ToLower(strings.TrimSpace(strings.SplitN(part, ":", 2)[0])) {
		case "unique", "uniqueindex", "unique_index": // unique_index: GORM v1
			k.unique = true
		case "primarykey", "primary_key":
			k.pk = true
		}
	}
	for _, w := range strings.Fields(st.Get("xorm")) {
		switch w := strings.ToLower(w); {
		case w == "unique":
			k.unique = true
		case w == "pk":
			k.pk = true
		case strings.HasPrefix(w, "unique(") && strings.HasSuffix(w, ")"):
			k.group = w[len("unique(") : len(w)-1]
		}
	}
	for _, opt := range strings.Split(st.Get("bun"), ",")[1:] {
		switch strings.ToLower(strings.TrimSpace(opt)) {
		case "unique":
			k.unique = true
		case "pk":
			k.pk = true
		}
	}
	for _, opt := range strings.Split(st.Get("orm"), ";") { // beego: orm:"column(email);unique"
		switch strings.ToLower(strings.TrimSpace(opt)) {
		case "unique":
			k.unique = true
		case "pk":
			k.pk = true
		}
	}
	// pocketbase/dbx: db:"pk" or db:"name,pk" marks the primary key.
	if db := st.Get("db"); db == "pk" || strings.HasSuffix(db, ",pk") {
		k.pk = true
	}
	return k
}

// Limits that keep reading a module's SQL files cheap and bounded.
const (
	maxSQLFiles = 2000
	maxSQLBytes = 2 << 20  // per file
	maxSQLTotal = 64 << 20 // per module
)

// SQLFiles reads the DDL in the *.sql files of a module (schema dumps,
// migrations of any tool, any directory layout), once per module root,
// for every package of the module that asks. It is safe for concurrent
// use; one value lives as long as the analyzer that owns it.
type SQLFiles struct {
	mu     sync.Mutex
	byRoot map[string]*Index
}

// NewSQLFiles returns an empty cache.
func NewSQLFiles() *SQLFiles { return &SQLFiles{byRoot: map[string]*Index{}} }

// Of returns the index of the SQL files of the module holding dir (found
// by walking up to go.mod); nil when dir is in no module.
func (s *SQLFiles) Of(dir string, n Normalizer) *Index {
	root := scope.ModuleRoot(dir)
	if root == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix, ok := s.byRoot[root]; ok {
		return ix
	}
	ix := newIndex()
	files, total := 0, int64(0)
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable directory: the index knows less
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			if path != root {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // another module
				}
			}
			return nil
		}
		if !strings.HasSuffix(strings.ToLower(d.Name()), ".sql") {
			return nil
		}
		if files >= maxSQLFiles || total >= maxSQLTotal {
			return filepath.SkipAll
		}
		info, err := d.Info()
		if err != nil || info.Size() > maxSQLBytes {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		files, total = files+1, total+info.Size()
		ix.addDDL(string(data), n)
		return nil
	})
	s.byRoot[root] = ix
	return ix
}

// Merge adds what other declares to ix.
func (ix *Index) Merge(other *Index) {
	if ix == nil || other == nil {
		return
	}
	for t, cols := range other.unique {
		if ix.unique[t] == nil {
			ix.unique[t] = map[string]bool{}
		}
		for c := range cols {
			ix.unique[t][c] = true
		}
	}
	for t := range other.tables {
		ix.tables[t] = true
	}
	for t, cols := range other.composite {
		if ix.composite[t] == nil {
			ix.composite[t] = map[string]bool{}
		}
		for c := range cols {
			ix.composite[t][c] = true
		}
	}
}
