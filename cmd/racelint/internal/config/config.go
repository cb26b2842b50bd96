// Package config reads racelint's configuration file, .racelint.yml (or
// .racelint.yaml). Its keys are analyzer.Config's JSON field names, the
// same keys golangci-lint's plugin settings take:
//
//	rules: [RL001, RL002]      # enabled rules; empty or absent means all
//	disable: [RL007]           # wins over rules
//	skip-tables: [page_views]  # tables or models whose races are acceptable
//
// Decoding is strict: an unknown key or a value of the wrong type is an
// error that names the file, the line and the key.
//
// YAML support (go.yaml.in/yaml/v3, the maintained successor of the archived gopkg.in/yaml.v3) lives here only, so that the analyzer
// package and the go vet and golangci-lint drivers do not depend on it.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/racelint/racelint/analyzer"
)

// Names are the file names Find looks for, in every directory.
var Names = []string{".racelint.yml", ".racelint.yaml"}

// file mirrors analyzer.Config with YAML keys; TestKeysMatchAnalyzerConfig
// keeps the two in step.
type file struct {
	Rules      []string            `yaml:"rules"`
	Disable    []string            `yaml:"disable"`
	SkipTables []string            `yaml:"skip-tables"`
	SkipPaths  []string            `yaml:"skip-paths"`
	Migrations bool                `yaml:"migrations"`
	Functions  []analyzer.Function `yaml:"functions"`
	Interfaces []string            `yaml:"interfaces"`
	Severity   map[string]string   `yaml:"severity"`
}

// Find returns the configuration file that applies to dir: the first
// .racelint.yml or .racelint.yaml found in dir or in one of its parents,
// up to the file system root, or "" if there is none. A directory holding
// both names is an error: which one wins would be a guess.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		var found []string
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("both %s and %s exist; keep one", found[0], filepath.Base(found[1]))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and validates the configuration file name.
func Load(name string) (analyzer.Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return analyzer.Config{}, err
	}
	return Parse(name, data)
}

// Parse decodes a configuration file's contents; name is used in errors.
func Parse(name string, data []byte) (analyzer.Config, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f file
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) { // EOF: empty file
		return analyzer.Config{}, fmt.Errorf("%s: %s", name, describe(err))
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return analyzer.Config{}, fmt.Errorf("%s: more than one YAML document", name)
	}
	cfg := analyzer.Config{Rules: f.Rules, Disable: f.Disable, SkipTables: f.SkipTables, SkipPaths: f.SkipPaths,
		Migrations: f.Migrations, Functions: f.Functions, Severity: f.Severity}
	for _, i := range f.Interfaces {
		cfg.Interfaces = append(cfg.Interfaces, analyzer.Interface(i))
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "racelint: "))
	}
	return cfg, nil
}

var (
	unknownFieldRE = regexp.MustCompile(`^line (\d+): field (.+) not found in type \S+$`)
	lineRE         = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// describe rewrites yaml.v3's errors to name keys the way the file does.
func describe(err error) string {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return strings.TrimPrefix(err.Error(), "yaml: ")
	}
	var msgs []string
	for _, e := range te.Errors {
		if m := unknownFieldRE.FindStringSubmatch(e); m != nil {
			msgs = append(msgs, fmt.Sprintf("line %s: unknown key %q (known keys: %s)", m[1], m[2], strings.Join(Keys(), ", ")))
			continue
		}
		if m := lineRE.FindStringSubmatch(e); m != nil {
			msgs = append(msgs, fmt.Sprintf("line %s: %s (every key takes a list of strings)", m[1], strings.ReplaceAll(m[2], "!!", "")))
			continue
		}
		msgs = append(msgs, e)
	}
	return strings.Join(msgs, "; ")
}

// Keys returns the configuration file's keys in declaration order.
func Keys() []string {
	return []string{"rules", "disable", "skip-tables", "skip-paths", "migrations", "functions", "interfaces", "severity"}
}
