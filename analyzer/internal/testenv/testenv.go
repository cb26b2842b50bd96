// Package testenv holds helpers shared by racelint's tests that need the
// real database modules pinned in the example module.
package testenv

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// DownloadExampleModules makes sure the modules pinned in exampleDir are in the
// module cache. Without network (and without a warm cache) the test is
// skipped loudly, except in CI where it fails.
func DownloadExampleModules(t *testing.T, exampleDir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "mod", "download")
	cmd.Dir = exampleDir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		msg := fmt.Sprintf("`go mod download` in %s failed: %v\n%s", exampleDir, err, out.String())
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s\n(CI=true: the stub-vs-real comparison must run in CI)", msg)
		}
		if looksLikeNoNetwork(out.String()) || ctx.Err() != nil {
			t.Skipf("\n"+
				"********************************************************************\n"+
				"* SKIPPING tests on the real modules: the real modules could not    *\n"+
				"* be downloaded (no network?). Real-module checks are NOT          *\n"+
				"* checked against pgx/sqlx/gorm. Set CI=true to make this fatal.   *\n"+
				"********************************************************************\n%s", msg)
		}
		t.Fatal(msg)
	}
}

func looksLikeNoNetwork(out string) bool {
	for _, s := range []string{
		"dial tcp", "no such host", "connection refused", "network is unreachable",
		"i/o timeout", "TLS handshake timeout", "proxyconnect", "temporary failure in name resolution",
		"GOPROXY=off", "GOFLAGS=-mod=vendor", "module lookup disabled", "Client.Timeout",
	} {
		if strings.Contains(strings.ToLower(out), strings.ToLower(s)) {
			return true
		}
	}
	return false
}
