package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// validator checks a JSON document against a JSON Schema (draft 04), for
// the keywords the SARIF 2.1.0 schema uses: $ref (to #/definitions),
// type (a name or a list), enum, properties, additionalProperties (bool
// or schema), required, items (one schema), minItems, uniqueItems,
// minimum, maximum, pattern, oneOf and anyOf. format, default and the
// annotations are ignored. Any other keyword is an error, so that a
// schema using more than this validator knows cannot pass vacuously.
type validator struct {
	root map[string]any
	errs []string
}

var ignored = map[string]bool{
	"description": true, "default": true, "format": true, "title": true,
	"id": true, "$schema": true, "definitions": true,
}

func (v *validator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

// validate checks doc at path against schema.
func (v *validator) validate(path string, schema map[string]any, doc any) {
	for k, kw := range schema {
		switch k {
		case "$ref":
			ref, _ := kw.(string)
			name, ok := strings.CutPrefix(ref, "#/definitions/")
			def, found := v.definitions()[name].(map[string]any)
			if !ok || !found {
				v.fail(path, "unresolvable $ref %q", ref)
				continue
			}
			v.validate(path, def, doc)
		case "type":
			var types []string
			switch t := kw.(type) {
			case string:
				types = []string{t}
			case []any:
				for _, x := range t {
					types = append(types, x.(string))
				}
			}
			if !slices.ContainsFunc(types, func(t string) bool { return hasType(doc, t) }) {
				v.fail(path, "%s is not of type %v", short(doc), types)
			}
		case "enum":
			if !slices.ContainsFunc(kw.([]any), func(e any) bool { return equal(e, doc) }) {
				v.fail(path, "%s is not one of %v", short(doc), kw)
			}
		case "properties", "additionalProperties", "required":
			obj, ok := doc.(map[string]any)
			if !ok {
				continue
			}
			switch k {
			case "required":
				for _, r := range kw.([]any) {
					if _, ok := obj[r.(string)]; !ok {
						v.fail(path, "missing required property %q", r)
					}
				}
			case "properties":
				props := kw.(map[string]any)
				for name, val := range obj {
					if ps, ok := props[name].(map[string]any); ok {
						v.validate(path+"."+name, ps, val)
					}
				}
			case "additionalProperties":
				props, _ := schema["properties"].(map[string]any)
				for name, val := range obj {
					if _, declared := props[name]; declared {
						continue
					}
					switch ap := kw.(type) {
					case bool:
						if !ap {
							v.fail(path, "property %q is not allowed", name)
						}
					case map[string]any:
						v.validate(path+"."+name, ap, val)
					}
				}
			}
		case "items", "minItems", "uniqueItems":
			arr, ok := doc.([]any)
			if !ok {
				continue
			}
			switch k {
			case "items":
				for i, x := range arr {
					v.validate(fmt.Sprintf("%s[%d]", path, i), kw.(map[string]any), x)
				}
			case "minItems":
				if n, _ := kw.(json.Number).Int64(); int64(len(arr)) < n {
					v.fail(path, "%d items, want at least %d", len(arr), n)
				}
			case "uniqueItems":
				if kw == true {
					for i := range arr {
						for j := range i {
							if equal(arr[i], arr[j]) {
								v.fail(path, "items %d and %d are equal", j, i)
							}
						}
					}
				}
			}
		case "minimum", "maximum":
			n, ok := doc.(json.Number)
			if !ok {
				continue
			}
			x, _ := new(big.Rat).SetString(n.String())
			bound, _ := new(big.Rat).SetString(kw.(json.Number).String())
			if c := x.Cmp(bound); (k == "minimum" && c < 0) || (k == "maximum" && c > 0) {
				v.fail(path, "%s violates %s %s", n, k, bound.RatString())
			}
		case "pattern":
			s, ok := doc.(string)
			if !ok {
				continue
			}
			re, err := regexp.Compile(kw.(string))
			if err != nil {
				v.fail(path, "pattern %q: %v", kw, err)
			} else if !re.MatchString(s) {
				v.fail(path, "%q does not match %q", s, kw)
			}
		case "oneOf", "anyOf":
			matched := 0
			for _, alt := range kw.([]any) {
				sub := &validator{root: v.root}
				sub.validate(path, alt.(map[string]any), doc)
				if len(sub.errs) == 0 {
					matched++
				}
			}
			if matched == 0 || (k == "oneOf" && matched > 1) {
				v.fail(path, "%s matches %d of the %s alternatives", short(doc), matched, k)
			}
		default:
			if !ignored[k] {
				v.fail(path, "schema keyword %q is not supported by this validator", k)
			}
		}
	}
}

func (v *validator) definitions() map[string]any {
	d, _ := v.root["definitions"].(map[string]any)
	return d
}

func hasType(doc any, t string) bool {
	switch doc := doc.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number:
		if t == "number" {
			return true
		}
		_, err := doc.Int64()
		return t == "integer" && err == nil
	}
	return false
}

func equal(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var x, y any
	json.Unmarshal(ja, &x)
	json.Unmarshal(jb, &y)
	return reflect.DeepEqual(x, y)
}

func short(doc any) string {
	s, _ := json.Marshal(doc)
	if len(s) > 60 {
		return string(s[:60]) + "..."
	}
	return string(s)
}

func decode(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, data).(map[string]any)
}

// validateSARIF returns the schema violations of a SARIF log.
func validateSARIF(t *testing.T, data []byte) []string {
	t.Helper()
	schema := loadSchema(t)
	v := &validator{root: schema}
	v.validate("$", schema, decode(t, data))
	return v.errs
}

// TestValidatorRejects makes sure the validator is not vacuous: each
// broken log must fail for the stated reason.
func TestValidatorRejects(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"version":"2.1.0"}`, `missing required property "runs"`},
		{`{"version":"2.0.0","runs":[]}`, `is not one of`},
		{`{"version":"2.1.0","runs":[],"extra":1}`, `property "extra" is not allowed`},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`, `$.runs[0].tool.driver: missing required property "name"`},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"ruleIndex":-2}]}]}`, `violates minimum`},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`, `"fatal" is not one of`},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"a"},{"id":"a"}]}}}]}`, `are equal`},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":0}}}]}]}]}`, `violates minimum`},
		{`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{}}]}]}`, `matches 0 of the anyOf`},
	} {
		errs := validateSARIF(t, []byte(tc.doc))
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tc.want) }) {
			t.Errorf("%s\nerrors %q, want one containing %q", tc.doc, errs, tc.want)
		}
	}
}
