package api

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/glapp/glapp/diagram"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/agenda"
	"github.com/glapp/glapp/journeys/chain"
	"github.com/glapp/glapp/journeys/compare"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/journeys/offering"
)

func strs[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// TestEnumsMatchGoLists walks the served OpenAPI document and fails when any enum in it
// differs from the Go list of its value set, or has no Go list at all.
func TestEnumsMatchGoLists(t *testing.T) {
	ruleIDs := []string{}
	for _, r := range gaps.Rules() {
		ruleIDs = append(ruleIDs, string(r.Rule))
	}
	schemas := map[string][]string{
		"journeys.Sector":          strs(journeys.Sectors),
		"journeys.AgeGroup":        strs(journeys.AgeGroups),
		"journeys.JourneyKind":     strs(journeys.JourneyKinds),
		"journeys.Channel":         strs(journeys.Channels),
		"journeys.HandoverType":    strs(journeys.HandoverTypes),
		"journeys.Information":     strs(journeys.InformationLevels),
		"journeys.SourceKind":      strs(journeys.SourceKinds),
		"journeys.ParticipantRole": strs(journeys.ParticipantRoles),
		"journeys.InsightKind":     strs(journeys.InsightKinds),
		"journeys.InsightStatus":   strs(journeys.InsightStatuses),
		"journeys.Role":            strs(journeys.Roles),
		"journeys.Permission":      strs(journeys.Permissions),
		"journeys.TriageStatus":    strs(journeys.TriageStatuses),
		"journeys.ProposalStage":   strs(journeys.ProposalStages),
		"journeys.DecisionOutcome": strs(journeys.DecisionOutcomes),
		"journeys.TestKind":        strs(journeys.TestKinds),
		"journeys.TestStatus":      strs(journeys.TestStatuses),
		"journeys.Perspective":     strs(journeys.Perspectives),
		"journeys.Direction":       strs(journeys.Directions),
		"journeys.Metric":          strs(journeys.Metrics),
		"journeys.Code":            ProblemCodes(),
		"gaps.Severity":            strs(gaps.Severities),
		"gaps.ModifierKind":        strs(gaps.ModifierKinds),
		"gaps.UnknownElement":      strs(gaps.UnknownElements),
		"gaps.Category":            strs(gaps.Categories),
		"gaps.Rule":                ruleIDs,
		"chain.BlindSpotKind":      strs(chain.BlindSpotKinds),
		"compare.Kind":             strs(compare.Kinds),
		"compare.Match":            strs(compare.Matches),
		"compare.DeviationKind":    strs(compare.DeviationKinds),
		"agenda.ElementKind":       strs(agenda.ElementKinds),
		"agenda.Role":              strs(agenda.Roles),
		"journeys.Level":           strs(journeys.Levels),
		"journeys.Access":          strs(journeys.Accesses),
		"offering.Kind":            strs(offering.Kinds),
		"gaps.Since":               strs(gaps.SinceStates),
	}
	// Query parameters, by name, and by path for names whose value set depends on it.
	params := map[string][]string{
		"kind":                 strs(journeys.JourneyKinds),
		"journeyKind":          strs(journeys.JourneyKinds),
		"ageGroup":             strs(journeys.AgeGroups),
		"stage":                strs(journeys.ProposalStages),
		"minSeverity":          strs(gaps.Severities),
		"lang":                 strs(langs),
		"/gaps format":         strs(reportFormats),
		"/gaps part":           strs(reportParts),
		"/effect-chain format": strs(markdownFormats),
		"/compare format":      strs(markdownFormats),
		"/conformance format":  strs(markdownFormats),
		"/agenda format":       strs(markdownFormats),
		"/offering format":     strs(markdownFormats),
		"from":                 strs(chainFroms),
		"/diagram format":      strs(diagramFormats),
		"/{journeyId} format":  strs(journeyFormats),
		"/imports format":      strs(journeys.ImportFormatNames()),
		"history":              {journeys.PurgeHistory},
	}
	// Properties whose enum is a subset list of their own (webhooks take fewer formats).
	properties := map[string][]string{"format": strs(journeys.WebhookFormats())}

	h, err := NewServer(Config{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/openapi.json", nil))
	var doc struct {
		Paths      map[string]map[string]json.RawMessage
		Components struct{ Schemas map[string]json.RawMessage }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for name, raw := range doc.Components.Schemas {
		walkEnums(t, raw, "#/components/schemas/"+name, func(at string, enum []string) {
			want, ok := schemas[name]
			if at != "#/components/schemas/"+name {
				prop := at[strings.LastIndex(at, "/")+1:]
				want, ok = properties[prop]
			}
			seen[name] = true
			if !ok {
				t.Errorf("%s has an enum %v but no Go list in this test; add the value set's list", at, enum)
			} else if !slices.Equal(enum, want) {
				t.Errorf("%s enum = %v; the Go list is %v (run scripts/openapi.sh, or fix the list)", at, enum, want)
			}
		})
	}
	for name := range schemas {
		if !seen[name] {
			t.Errorf("the document has no enum %s", name)
		}
	}
	for path, item := range doc.Paths {
		for method, raw := range item {
			walkEnums(t, raw, method+" "+path, func(at string, enum []string) {
				name := at[strings.LastIndex(at, " ")+1:]
				want, ok := params[name]
				if !ok {
					want, ok = params[path[strings.LastIndex(path, "/"):]+" "+name]
				}
				if !ok {
					t.Errorf("%s has an enum %v but no Go list in this test", at, enum)
				} else if !slices.Equal(enum, want) {
					t.Errorf("%s enum = %v; the Go list is %v", at, enum, want)
				}
			})
		}
	}
}

// walkEnums calls found for every enum in raw: at names the schema, or the parameter as
// "<at> <name>".
func walkEnums(t *testing.T, raw json.RawMessage, at string, found func(at string, enum []string)) {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			if e, ok := v["enum"].([]any); ok {
				enum := make([]string, len(e))
				for i, x := range e {
					enum[i], _ = x.(string)
				}
				found(at, enum)
			}
			if name, ok := v["name"].(string); ok && v["in"] != nil {
				at += " " + name
			}
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if k == "enum" {
					continue
				}
				next := at
				if strings.HasPrefix(at, "#/") && k != "properties" && k != "items" && k != "allOf" {
					next = at + "/" + k
				}
				walk(v[k], next)
			}
		case []any:
			for _, x := range v {
				walk(x, at)
			}
		}
	}
	walk(v, at)
}

// TestDiagramFormatsAreTheRenderers checks the diagram format parameter's list against
// the renderers package diagram has.
func TestDiagramFormatsAreTheRenderers(t *testing.T) {
	if got, want := slices.Sorted(slices.Values(strs(diagramFormats))), slices.Sorted(maps.Keys(diagram.Formats)); !slices.Equal(got, want) {
		t.Errorf("diagramFormats = %v; diagram.Formats has %v", got, want)
	}
}

// TestEnumQueryParameters checks that a query parameter outside its value set is refused
// with the list from Go, and a value in it is taken.
func TestEnumQueryParameters(t *testing.T) {
	h, err := NewServer(Config{AdminToken: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"/api/v1/projects/p/journeys?kind=dream", "Must be one of: " + strings.Join(strs(journeys.JourneyKinds), ", ") + "."},
		{"/api/v1/projects/p/gaps?minSeverity=huge", "Must be one of: low, medium, high, critical."},
		{"/api/v1/projects/p/journeys/j/diagram?format=png", "Must be one of: svg, mermaid, dot."},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, tc.path, nil)
		req.Header.Set("Authorization", "Bearer secret")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("GET %s = %d %s; want 400 saying %q", tc.path, rec.Code, rec.Body, tc.want)
		}
	}
}
