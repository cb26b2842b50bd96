// Command racelint reports check-then-act races between Go code and the
// database (see package github.com/racelint/racelint/analyzer).
//
// It runs standalone:
//
//	racelint [flags] [packages]        (default ./...)
//
// with flags -C dir, -format text|json|sarif|github (-json is -format
// json), -config file, -baseline file, -write-baseline file, -fix, -diff,
// -test, -tags, -explain RLxxx, -list-rules, -version and the analyzer's
// -rules, -disable, -skip-tables. Those three settings are also read
// from .racelint.yml (or .racelint.yaml) in the -C directory or its
// nearest parent that has one; flags override the file. See
// docs/drivers.md.
//
// With "lsp" as its first argument it is a language server on stdin and
// stdout, for editors (see docs/drivers.md, "Editors"):
//
//	racelint lsp
//
// It also runs as a go vet tool, where the analyzer's flags take a
// "racelint." prefix (the configuration file is not read):
//
//	go vet -vettool=$(which racelint) -racelint.rules=RL001,RL002 ./...
//
// Exit codes of the standalone mode:
//
//	0  no findings
//	1  a package failed to load or type-check, analysis failed, or a fixed
//	   file could not be written (findings may have been printed too)
//	2  usage error: bad flag, unknown rule ID, bad configuration file,
//	   no packages matched
//	3  findings reported (with -baseline: findings not in the baseline),
//	   and no error
//
// -fix does not change them: findings that were fixed still exit 3. Under
// go vet, the exit code is go vet's.
package main

import (
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/racelint/racelint/analyzer"
	"github.com/racelint/racelint/cmd/racelint/internal/cli"
	"github.com/racelint/racelint/cmd/racelint/internal/lsp"
	"github.com/racelint/racelint/docs"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "lsp" {
		os.Exit(lsp.Main(os.Args[2:], version())) // the language server
	}
	if cli.IsVetInvocation(os.Args[1:]) {
		unitchecker.Main(analyzer.Analyzer) // does not return
	}
	os.Exit(cli.Run(os.Args[1:], cli.Options{
		New:      analyzer.NewForProgram,
		Rules:    analyzer.Rules(),
		RulePage: docs.RulePage,
		Version:  version(),
	}))
}

// version is the module version the binary was built from, with the VCS
// revision when the build recorded one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}
