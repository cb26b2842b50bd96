package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/racelint/racelint/analyzer"
)

// TestKeysMatchAnalyzerConfig keeps the file's YAML keys equal to
// analyzer.Config's JSON keys, which golangci-lint's settings use.
func TestKeysMatchAnalyzerConfig(t *testing.T) {
	tag := func(typ reflect.Type, key string) []string {
		var out []string
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get(key), ",")
			if name != "-" { // not a setting (Config.FailuresAsDiagnostics)
				out = append(out, name)
			}
		}
		return out
	}
	want := tag(reflect.TypeFor[analyzer.Config](), "json")
	if got := tag(reflect.TypeFor[file](), "yaml"); !slices.Equal(got, want) {
		t.Errorf("YAML keys %q, analyzer.Config's JSON keys %q", got, want)
	}
	if !slices.Equal(Keys(), want) {
		t.Errorf("Keys() = %q, want %q", Keys(), want)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      analyzer.Config
		err       string
	}{
		{"empty", "", analyzer.Config{}, ""},
		{"interfaces", "interfaces:\n  - example.com/app/domain.Orders=orders\n  - example.com/app/domain.Vouchers\n",
			analyzer.Config{Interfaces: []analyzer.Interface{"example.com/app/domain.Orders=orders", "example.com/app/domain.Vouchers"}}, ""},
		{"bad interface", "interfaces: [nodot]\n", analyzer.Config{}, `interfaces[0]: "nodot" must be package/path.Interface`},
		{"comment only", "# nothing\n", analyzer.Config{}, ""},
		{"all keys", "rules: [RL001, RL002]\ndisable:\n  - RL002\nskip-tables: [page_views]\n",
			analyzer.Config{Rules: []string{"RL001", "RL002"}, Disable: []string{"RL002"}, SkipTables: []string{"page_views"}}, ""},
		{"unknown key", "disable: [RL007]\nskip_tables: [x]\n", analyzer.Config{}, `f.yml: line 2: unknown key "skip_tables" (known keys: rules, disable, skip-tables, skip-paths, migrations, functions, interfaces, severity)`},
		{"scalar for list", "disable: RL007\n", analyzer.Config{}, "f.yml: line 1: cannot unmarshal str `RL007` into []string (every key takes a list of strings)"},
		{"unknown rule", "rules: [RL999]\n", analyzer.Config{}, `f.yml: rules: unknown rule "RL999"`},
		{"bad yaml", "disable: [RL007\n", analyzer.Config{}, "f.yml: "},
		{"two documents", "disable: [RL007]\n---\nrules: [RL001]\n", analyzer.Config{}, "f.yml: more than one YAML document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse("f.yml", []byte(tc.src))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("disable: [RL007]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing below root; whatever lies above the temp dir is not ours,
	// so only check that a found file is not below root.
	if got, err := Find(deep); err != nil || strings.HasPrefix(got, root) {
		t.Errorf("Find with no file: %q, %v", got, err)
	}
	write(filepath.Join(root, ".racelint.yaml"))
	if got, _ := Find(deep); got != filepath.Join(root, ".racelint.yaml") {
		t.Errorf("Find = %q, want the root's .racelint.yaml", got)
	}
	// The nearest file wins.
	write(filepath.Join(root, "a", ".racelint.yml"))
	if got, _ := Find(deep); got != filepath.Join(root, "a", ".racelint.yml") {
		t.Errorf("Find = %q, want a/.racelint.yml", got)
	}
	// Both names in one directory are ambiguous.
	write(filepath.Join(root, "a", ".racelint.yaml"))
	if _, err := Find(deep); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("Find with both names: %v", err)
	}
	cfg, err := Load(filepath.Join(root, ".racelint.yaml"))
	if err != nil || !slices.Equal(cfg.Disable, []string{"RL007"}) {
		t.Errorf("Load = %+v, %v", cfg, err)
	}
}

// TestFunctions reads the functions list with the same keys as
// analyzer.Function and validates it.
func TestFunctions(t *testing.T) {
	cfg, err := Parse("f.yml", []byte("functions:\n  - func: example.com/app.Users.Get\n    role: read\n    table: users\n    key: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []analyzer.Function{{Func: "example.com/app.Users.Get", Role: "read", Table: "users", Key: 1}}
	if len(cfg.Functions) != 1 || cfg.Functions[0].Func != want[0].Func || cfg.Functions[0].Key != 1 || cfg.Functions[0].Role != "read" {
		t.Errorf("Functions = %+v, want %+v", cfg.Functions, want)
	}
	if _, err := Parse("f.yml", []byte("functions:\n  - func: example.com/app.Users.Get\n    role: guess\n    table: users\n")); err == nil {
		t.Error("an unknown role was accepted")
	}
	if _, err := Parse("f.yml", []byte("functions:\n  - func: example.com/app.Users.Get\n    role: read\n    table: users\n    tabel: x\n")); err == nil {
		t.Error("an unknown key inside functions was accepted")
	}
}
