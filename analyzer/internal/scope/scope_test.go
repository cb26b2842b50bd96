package scope

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFile(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New([]string{"cmd/repair", "internal/*/seed.go", "**/fixtures", " ", "/tools/"}, false)
	for rel, want := range map[string]bool{
		"cmd/repair/main.go":            true,
		"cmd/repairs/main.go":           false,
		"internal/store/seed.go":        true,
		"internal/store/users.go":       false,
		"internal/a/b/fixtures/load.go": true,
		"fixtures/x.go":                 true,
		"tools/gen.go":                  true,
		"service/users.go":              false,
	} {
		if got := s.File(filepath.Join(root, filepath.FromSlash(rel))); got != want {
			t.Errorf("File(%s) = %v, want %v", rel, got, want)
		}
	}
}

func TestPackage(t *testing.T) {
	for path, want := range map[string]bool{
		"example.com/app/db/migrations": true,
		"example.com/app/migration/v2":  true,
		"example.com/app/migrator":      false,
		"example.com/app/store":         false,
	} {
		if _, got := New(nil, false).Package(path); got != want {
			t.Errorf("Package(%s) = %v, want %v", path, got, want)
		}
		if _, got := New(nil, true).Package(path); got {
			t.Errorf("Package(%s) with migrations reported = true", path)
		}
	}
}
