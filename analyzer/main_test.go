package analyzer_test

import (
	"testing"

	"github.com/racelint/racelint/internal/testfixture"
)

// TestMain removes the racelint binary the tests built.
func TestMain(m *testing.M) { testfixture.Main(m) }
