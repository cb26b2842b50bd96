package lsp

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"go/token"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/racelint/racelint/analyzer"
	configfile "github.com/racelint/racelint/cmd/racelint/internal/config"
)

// loadMode is the CLI's.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedTypes |
	packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo |
	packages.NeedModule

// folderFor returns the workspace folder that holds dir (the innermost),
// or dir itself when none does: the directory the configuration file is
// looked for from, as the CLI looks from its -C directory.
func (s *server) folderFor(dir string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	for _, f := range s.folders {
		if within(dir, f) && len(f) > len(best) {
			best = f
		}
	}
	return cmp.Or(best, dir)
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// config returns the analyzer for the configuration that applies to dir:
// the configuration file's settings, overridden by the client's. An
// analyzer is built once per distinct configuration and never changed.
func (s *server) config(dir string) (*analysis.Analyzer, error) {
	folder := s.folderFor(dir)
	cfg := analyzer.Defaults()
	name, err := configfile.Find(folder)
	if err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}
	if name != "" {
		if cfg, err = configfile.Load(name); err != nil {
			return nil, fmt.Errorf("config: %v", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg = s.client.apply(cfg)
	key, _ := json.Marshal(cfg)
	if a := s.analyzers[string(key)]; a != nil {
		return a, nil
	}
	a, err := analyzer.New(cfg)
	if err != nil {
		return nil, err
	}
	s.analyzers[string(key)] = a
	byID := map[string]analyzer.Rule{}
	for _, r := range analyzer.RulesFor(cfg) {
		byID[r.ID] = r
	}
	s.rules[a] = byID
	return a, nil
}

// overlay returns the open documents' contents, for go/packages.
func (s *server) overlay() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string][]byte, len(s.docs))
	for p, d := range s.docs {
		m[p] = d.text
	}
	return m
}

func (s *server) uriFor(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil {
		return d.uri
	}
	return pathToURI(path)
}

// analyzeDir loads and analyses the packages of dir and publishes their
// diagnostics.
func (s *server) analyzeDir(ctx context.Context, dir string) {
	start := time.Now()
	a, err := s.config(dir)
	if err != nil {
		msg := "racelint: " + strings.TrimPrefix(err.Error(), "racelint: ")
		s.mu.Lock()
		repeated := s.lastErr == msg
		s.lastErr = msg
		s.mu.Unlock()
		if !repeated {
			s.conn.notify("window/showMessage", LogMessageParams{MessageError, msg})
		}
		s.log(MessageError, msg+"; "+dir+" not analysed")
		return
	}
	s.mu.Lock()
	s.lastErr = ""
	s.mu.Unlock()

	overlay := s.overlay()
	// Dir is the document's directory and the pattern ".", rather than the
	// workspace folder and "./rel": the go command then finds the module
	// (or go.work) that holds the directory, even when it is nested in
	// the workspace folder as a module of its own.
	pkgs, err := packages.Load(&packages.Config{
		Context: ctx,
		Mode:    loadMode,
		Dir:     dir,
		Tests:   true,
		Overlay: overlay,
	}, ".")
	if err != nil {
		s.log(MessageError, fmt.Sprintf("racelint: loading %s: %v", dir, err))
		return
	}

	var problems []string
	var good []*packages.Package
	inPackage := map[string]bool{} // every file of the directory's packages
	for _, p := range pkgs {
		for _, e := range p.Errors {
			if msg := e.Error(); !slices.Contains(problems, msg) {
				problems = append(problems, msg)
			}
		}
		for _, f := range p.GoFiles {
			inPackage[f] = true
		}
		if !p.IllTyped && len(p.GoFiles) > 0 {
			good = append(good, p)
		}
	}
	if len(problems) > 0 {
		s.log(MessageWarning, fmt.Sprintf("racelint: %s does not load or type-check; its packages keep their last diagnostics:\n\t%s", dir, strings.Join(problems, "\n\t")))
	}

	s.mu.Lock()
	ruleSet := s.rules[a]
	s.mu.Unlock()
	c := &converter{overlay: overlay, texts: map[string]*text{}, rules: ruleSet}
	replaced := map[string]bool{} // files whose diagnostics this run replaces
	perFile := map[string][]finding{}
	if len(good) > 0 {
		graph, err := checker.Analyze([]*analysis.Analyzer{a}, good, nil)
		if err != nil {
			s.log(MessageError, fmt.Sprintf("racelint: analysing %s: %v", dir, err))
			return
		}
		seen := map[string]bool{}
		for _, act := range graph.Roots {
			if act.Err != nil {
				s.log(MessageError, fmt.Sprintf("racelint: analysing %s: %v", act.Package.PkgPath, act.Err))
				if len(act.Diagnostics) == 0 {
					continue // nothing analysed: the files keep their last diagnostics
				}
				// A function that could not be analysed (the error says
				// which) leaves the package's other findings standing.
			}
			for _, f := range act.Package.GoFiles {
				if filepath.Dir(f) == dir {
					replaced[f] = true
				}
			}
			for _, d := range act.Diagnostics {
				file, f := c.finding(act.Package.Fset, d, s.uriFor)
				// A file of p is also in "p [p.test]": one diagnostic each.
				key, _ := json.Marshal(f.diag)
				if seen[file+string(key)] {
					continue
				}
				seen[file+string(key)] = true
				perFile[file] = append(perFile[file], f)
			}
		}
	}

	s.mu.Lock()
	// Files that were published before and are no longer in any package
	// of the directory (deleted, renamed, excluded by a build tag): clear.
	for f := range s.results {
		if filepath.Dir(f) == dir && !inPackage[f] {
			replaced[f] = true
		}
	}
	s.mu.Unlock()

	n := 0
	for _, file := range slices.Sorted(maps.Keys(replaced)) {
		findings := perFile[file]
		diags := make([]Diagnostic, 0, len(findings))
		for _, f := range findings {
			diags = append(diags, f.diag)
		}
		n += len(diags)
		s.mu.Lock()
		if !inPackage[file] || len(findings) == 0 && !c.readable(file) {
			delete(s.results, file)
		} else {
			s.results[file] = &fileResult{sum: sha256.Sum256(c.content(file)), diags: findings}
		}
		s.mu.Unlock()
		s.conn.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: s.uriFor(file), Diagnostics: diags})
	}
	s.log(MessageLog, fmt.Sprintf("racelint: analysed %s in %.2fs: %d findings in %d files", dir, time.Since(start).Seconds(), n, len(replaced)))
}

// converter turns go/analysis positions (byte offsets) into LSP ranges,
// reading each file once: from the overlay the packages were loaded with,
// or from disk.
type converter struct {
	overlay map[string][]byte
	texts   map[string]*text
	rules   map[string]analyzer.Rule // by ID, with the configured severities
}

func (c *converter) text(file string) *text {
	if t, ok := c.texts[file]; ok {
		return t
	}
	var t *text
	if data, ok := c.overlay[file]; ok {
		t = newText(data)
	} else if data, err := os.ReadFile(file); err == nil {
		t = newText(data)
	}
	c.texts[file] = t
	return t
}

func (c *converter) readable(file string) bool { return c.text(file) != nil }

func (c *converter) content(file string) []byte {
	if t := c.text(file); t != nil {
		return t.data
	}
	return nil
}

// span returns the file and range of [pos, end). Positions are taken
// without //line adjustment: they must point into the file the editor
// shows. A file that cannot be read gets byte columns.
func (c *converter) span(fset *token.FileSet, pos, end token.Pos) (string, Range) {
	if !end.IsValid() {
		end = pos
	}
	p, e := fset.PositionFor(pos, false), fset.PositionFor(end, false)
	t := c.text(p.Filename)
	if t == nil {
		return p.Filename, Range{
			Start: Position{max(p.Line-1, 0), max(p.Column-1, 0)},
			End:   Position{max(e.Line-1, 0), max(e.Column-1, 0)},
		}
	}
	r := Range{Start: t.position(p.Offset), End: t.position(e.Offset)}
	if e.Filename != p.Filename || r.End.less(r.Start) {
		r.End = r.Start
	}
	return p.Filename, r
}

// finding converts one analysis diagnostic.
func (c *converter) finding(fset *token.FileSet, d analysis.Diagnostic, uriFor func(string) string) (string, finding) {
	file, rng := c.span(fset, d.Pos, d.End)
	diag := Diagnostic{
		Range:    rng,
		Severity: SeverityWarning,
		Code:     d.Category,
		Source:   "racelint",
		Message:  d.Message,
	}
	rule, known := c.rules[d.Category]
	switch {
	case known && rule.Severity == "error":
		diag.Severity = SeverityError
	case known && rule.Severity == "note":
		diag.Severity = SeverityInformation
	}
	href := d.URL
	if href == "" && known {
		href = rule.URL()
	}
	if href != "" {
		if u, err := url.Parse(href); err == nil {
			href = u.ResolveReference(&url.URL{}).String() // drops "rules/../"
		}
		diag.CodeDescription = &CodeDescription{Href: href}
	}
	for _, r := range d.Related {
		rf, rr := c.span(fset, r.Pos, r.End)
		diag.RelatedInformation = append(diag.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: uriFor(rf), Range: rr},
			Message:  r.Message,
		})
	}
	f := finding{diag: diag}
	for i, fix := range d.SuggestedFixes {
		changes := map[string][]TextEdit{}
		for _, e := range fix.TextEdits {
			ef, er := c.span(fset, e.Pos, e.End)
			u := uriFor(ef)
			changes[u] = append(changes[u], TextEdit{Range: er, NewText: string(e.NewText)})
		}
		f.fixes = append(f.fixes, CodeAction{
			Title:       fix.Message,
			Kind:        kindQuickFix,
			IsPreferred: i == 0 && len(d.SuggestedFixes) == 1,
			Edit:        &WorkspaceEdit{Changes: changes},
		})
	}
	return file, f
}
