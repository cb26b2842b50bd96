package gclplugin

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatalf("no settings: %v", err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", got)
	}
}

func TestNewSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		wantErr  string // empty: no error
	}{
		{"nil", nil, ""},
		{"empty", map[string]any{}, ""},
		{"good", map[string]any{
			"rules":       []any{"RL001", "rl002", "RL003"},
			"disable":     []any{"RL002"},
			"skip-tables": []any{"page_views", "audit_log"},
		}, ""},
		{"wrong type: string for list", map[string]any{"disable": "RL007"}, "racelint settings: decoding settings: json: cannot unmarshal string"},
		{"wrong type: number in list", map[string]any{"skip-tables": []any{1}}, "cannot unmarshal number"},
		{"unknown key", map[string]any{"disabled": []any{"RL007"}}, `unknown field "disabled"`},
		{"snake_case key", map[string]any{"skip_tables": []any{"x"}}, `unknown field "skip_tables"`},
		{"invalid rule", map[string]any{"disable": []any{"RL999"}}, `racelint: disable: unknown rule "RL999"`},
		{"invalid enabled rule", map[string]any{"rules": []any{"RL001", "XX"}}, `racelint: rules: unknown rule "XX"`},
		{"empty table", map[string]any{"skip-tables": []any{" "}}, "skip-tables: empty table name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.settings)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				as, err := p.BuildAnalyzers()
				if err != nil || len(as) != 1 || as[0].Name != "racelint" {
					t.Fatalf("BuildAnalyzers = %v, %v", as, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestSettingsReachAnalyzer(t *testing.T) {
	p, err := New(map[string]any{"disable": []any{"RL007"}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := p.(*Plugin).cfg
	if len(cfg.Disable) != 1 || cfg.Disable[0] != "RL007" {
		t.Errorf("config %+v", cfg)
	}
}
