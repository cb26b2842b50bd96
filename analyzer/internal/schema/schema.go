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
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/racelint/racelint/analyzer/internal/apimodel"
)

// Index is the set of columns the code declares unique, per table.
type Index struct {
	unique map[string]map[string]bool // normalized table -> normalized column
	tables map[string]bool            // normalized tables whose CREATE TABLE was read
}

// Normalizer maps table and column names to the engine's comparable form.
type Normalizer struct {
	Table, Column func(string) string
}

var (
	uniqueIndexRE = regexp.MustCompile(`(?is)create\s+unique\s+index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:[\w."]+\s+)?on\s+(?:only\s+)?([\w."]+)\s*(?:using\s+\w+\s*)?\(([^)]*)\)`)
	createTableRE = regexp.MustCompile(`(?is)create\s+table\s+(?:if\s+not\s+exists\s+)?([\w."]+)\s*\((.*)\)`)
	tableUniqueRE = regexp.MustCompile(`(?is)(?:unique|primary\s+key)\s*\(([^)]*)\)`)
	columnDefRE   = regexp.MustCompile(`(?is)^\s*([\w"]+)\s+[^,]*?\b(unique|primary\s+key)\b`)
)

// FromFiles reads the DDL in the string literals of files.
func FromFiles(files []*ast.File, n Normalizer) *Index {
	ix := &Index{unique: map[string]map[string]bool{}, tables: map[string]bool{}}
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
	t, c := n.Table(strings.Trim(table, `"`)), n.Column(strings.Trim(column, `" `))
	if t == "" || c == "" {
		return
	}
	if ix.unique[t] == nil {
		ix.unique[t] = map[string]bool{}
	}
	ix.unique[t][c] = true
}

func (ix *Index) addDDL(sql string, n Normalizer) {
	for _, m := range uniqueIndexRE.FindAllStringSubmatch(sql, -1) {
		cols := strings.Split(m[2], ",")
		if len(cols) == 1 { // a single-column constraint decides a one-column lookup
			ix.add(m[1], cols[0], n)
		}
	}
	for _, stmt := range strings.Split(sql, ";") {
		m := createTableRE.FindStringSubmatch(stmt)
		if m == nil {
			continue
		}
		if t := n.Table(strings.Trim(m[1], `"`)); t != "" {
			ix.tables[t] = true
		}
		for _, def := range splitTop(m[2]) {
			d := strings.ToLower(strings.TrimSpace(def))
			if strings.HasPrefix(d, "unique") || strings.HasPrefix(d, "primary") || strings.HasPrefix(d, "constraint") {
				// A table constraint: UNIQUE (email), PRIMARY KEY (id).
				if u := tableUniqueRE.FindStringSubmatch(def); u != nil {
					if cols := strings.Split(u[1], ","); len(cols) == 1 {
						ix.add(m[1], cols[0], n)
					}
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
// DDL it has seen or in the struct tags of model (a GORM, xorm or bun
// model type; nil when the write has none).
func (ix *Index) Unique(table, column string, model types.Type, n Normalizer) bool {
	if ix != nil && ix.unique[table][column] {
		return true
	}
	st := structOf(model)
	if st == nil {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if n.Column(st.Field(i).Name()) != column && n.Column(apimodel.TagColumn(st.Tag(i))) != column {
			continue
		}
		if uniqueTag(st.Tag(i)) {
			return true
		}
	}
	return false
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

// uniqueTag reports whether a struct tag declares the field unique or the
// primary key, in GORM, xorm or bun syntax.
func uniqueTag(tag string) bool {
	st := reflect.StructTag(tag)
	for _, part := range strings.Split(st.Get("gorm"), ";") {
		k := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ":", 2)[0]))
		if k == "unique" || k == "uniqueindex" || k == "primarykey" || k == "primary_key" {
			return true
		}
	}
	for _, w := range strings.Fields(st.Get("xorm")) {
		if w := strings.ToLower(w); w == "unique" || w == "pk" || strings.HasPrefix(w, "unique(") {
			return true
		}
	}
	for _, opt := range strings.Split(st.Get("bun"), ",")[1:] {
		if o := strings.ToLower(strings.TrimSpace(opt)); o == "unique" || o == "pk" {
			return true
		}
	}
	return false
}

// migrationDirs are where modules conventionally keep their SQL
// migrations, relative to the module root.
var migrationDirs = []string{
	"migrations", "migration", "db/migrations", "db/migration", "db/schema", "sql", "schema",
	"database/migrations", "internal/db/migrations", "internal/migrations", "internal/database/migrations",
	"store/migrations", "assets/migrations", "resources/migrations",
}

// Limits that keep reading migrations cheap and bounded.
const (
	maxMigrationFiles = 500
	maxMigrationBytes = 2 << 20
)

// AddMigrations reads the *.sql files in the conventional migration
// directories of the module that holds dir (found by walking up to go.mod)
// and in dir itself. A missing directory is not an error: the index just
// knows less.
func (ix *Index) AddMigrations(dir string, n Normalizer) {
	root := moduleRoot(dir)
	if root == "" {
		return
	}
	dirs := []string{dir}
	for _, d := range migrationDirs {
		dirs = append(dirs, filepath.Join(root, filepath.FromSlash(d)))
	}
	read := 0
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if read >= maxMigrationFiles {
				return
			}
			if e.IsDir() || !strings.HasSuffix(strings.ToLower(e.Name()), ".sql") {
				continue
			}
			info, err := e.Info()
			if err != nil || info.Size() > maxMigrationBytes {
				continue
			}
			data, err := os.ReadFile(filepath.Join(d, e.Name()))
			if err != nil {
				continue
			}
			read++
			ix.addDDL(string(data), n)
		}
	}
}

// moduleRoot returns the nearest directory at or above dir holding a
// go.mod, or "".
func moduleRoot(dir string) string {
	for i := 0; i < 32 && dir != ""; i++ {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}
