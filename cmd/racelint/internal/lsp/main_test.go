package lsp

import (
	"os"
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testfixture.RemoveBinary() // built by TestBinary
	os.Exit(code)
}
