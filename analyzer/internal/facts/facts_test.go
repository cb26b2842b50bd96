package facts_test

import (
	"bytes"
	"encoding/gob"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer/internal/facts"
	"github.com/racelint/racelint/analyzer/internal/testenv"
)

// exampleFacts runs the facts analyzer over the example module and
// returns every fact it exported, keyed by "object: fact type".
func exampleFacts(t *testing.T) map[string]analysis.Fact {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "example"))
	if err != nil {
		t.Fatal(err)
	}
	testenv.DownloadExampleModules(t, dir)
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{facts.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]analysis.Fact{}
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, of := range act.AllObjectFacts() {
			out[of.Object.Pkg().Path()+"."+of.Object.Name()+": "+reflect.TypeOf(of.Fact).String()] = of.Fact
		}
		for _, pf := range act.AllPackageFacts() {
			out[pf.Package.Path()+": "+reflect.TypeOf(pf.Fact).String()] = pf.Fact
		}
	}
	return out
}

func encode(t *testing.T, f analysis.Fact) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(f); err != nil {
		t.Fatalf("encoding %T: %v", f, err)
	}
	return buf.Bytes()
}

// TestFactsRoundTrip checks that every fact racelint exports encodes
// deterministically and survives a gob round trip unchanged: in-memory
// drivers never serialise facts, so a fact that does not round-trip only
// fails under go vet, nogo or golangci-lint.
func TestFactsRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the example module")
	}
	all := exampleFacts(t)
	if len(all) == 0 {
		t.Fatal("no facts exported over the example module")
	}
	var summaries int
	for name, f := range all {
		if _, ok := f.(*facts.FuncSummary); ok {
			summaries++
		}
		b1, b2 := encode(t, f), encode(t, f)
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s: two encodings differ", name)
		}
		decoded := reflect.New(reflect.TypeOf(f).Elem()).Interface().(analysis.Fact)
		if err := gob.NewDecoder(bytes.NewReader(b1)).Decode(decoded); err != nil {
			t.Errorf("%s: decode: %v", name, err)
			continue
		}
		if !bytes.Equal(encode(t, decoded), b1) {
			t.Errorf("%s: re-encoding after a round trip differs", name)
		}
	}
	if summaries < 10 {
		t.Errorf("only %d function summaries over the example module", summaries)
	}
}

// TestFactsSizeBudget keeps facts small: they are written for every
// package in go vet's and golangci-lint's caches. Drivers encode all facts
// of a package in one gob stream (golang/go#54661), so type descriptors
// are paid once; the test measures each fact as the growth of one shared
// stream.
func TestFactsSizeBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the example module")
	}
	const perFact, total = 1024, 48 << 10
	all := exampleFacts(t)
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, f := range all {
		names = append(names, name)
		// A summary names its file by absolute path, so its size depends
		// on where the checkout is; measure it as if the checkout were
		// at the root so that the budget holds on any machine.
		if s, ok := f.(*facts.FuncSummary); ok && s.File != "" {
			rel, err := filepath.Rel(root, s.File)
			if err != nil {
				t.Fatal(err)
			}
			relocated := *s
			relocated.File = string(filepath.Separator) + rel
			all[name] = &relocated
		}
	}
	sort.Strings(names)
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	// Pay the type descriptors up front, as the first fact of each type
	// does in a driver's stream, so that the budget measures data.
	for _, f := range []analysis.Fact{new(facts.FuncSummary), new(facts.NotFoundError), new(facts.HasSummaries)} {
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	descriptors := buf.Len()
	for _, name := range names {
		before := buf.Len()
		if err := enc.Encode(all[name]); err != nil {
			t.Fatal(err)
		}
		if n := buf.Len() - before; n > perFact {
			t.Errorf("%s: %d bytes, budget %d", name, n, perFact)
		}
	}
	t.Logf("%d facts, %d bytes in one stream (%d of type descriptors)", len(all), buf.Len(), descriptors)
	if buf.Len() > total {
		t.Errorf("all facts: %d bytes, budget %d", buf.Len(), total)
	}
}

// TestFactExpectations pins the facts exported for a small package
// (testdata/src/factsdemo): their objects and their text.
func TestFactExpectations(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, facts.Analyzer, "factsdemo")
}
