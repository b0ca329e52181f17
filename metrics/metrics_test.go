package metrics_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/metrics"
)

// scrape returns what m's handler serves.
func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: status %d", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func contains(text, line string) bool {
	return strings.Contains("\n"+text, "\n"+line+"\n")
}

// TestLabelsStayBounded checks that values a client chooses never become label values.
func TestLabelsStayBounded(t *testing.T) {
	m := metrics.New()
	m.HTTPRequest("BREW", "", http.StatusNotFound, time.Millisecond)
	m.Import("upload", 3, map[string]int{"PNR": 2, "whatever a reader said": 1}, nil)
	m.Import("webhook", 0, nil, errors.New("disk full"))
	m.Import("upload", 0, nil, journeys.Errorf(journeys.Invalid, "Bad file."))
	m.GapAnalysis("project", []gaps.Finding{{Rule: "dead_end", Severity: "high"}, {Rule: "dead_end", Severity: "high"}})
	got := scrape(t, m)
	for _, want := range []string{
		`glapp_http_request_duration_seconds_count{method="other",route="unmatched",status="404"} 1`,
		`glapp_import_records_total{via="upload"} 3`,
		`glapp_import_redactions_total{kind="PNR"} 2`,
		`glapp_import_refusals_total{code="INTERNAL",via="webhook"} 1`,
		`glapp_import_refusals_total{code="INVALID",via="upload"} 1`,
		`glapp_gap_analyses_total{scope="project"} 1`,
		`glapp_gap_findings_total{rule="dead_end",severity="high"} 2`,
	} {
		if !contains(got, want) {
			t.Errorf("no line %s", want)
		}
	}
	for _, never := range []string{"BREW", "whatever"} {
		if strings.Contains(got, never) {
			t.Errorf("the scrape holds %q, which a client chose", never)
		}
	}
}

// TestRuntimeCollectors checks that the Go runtime and process series are there, and that
// two sets of metrics do not share a registry.
func TestRuntimeCollectors(t *testing.T) {
	a, b := metrics.New(), metrics.New()
	a.RateLimited("token")
	got := scrape(t, a)
	for _, name := range []string{"go_goroutines ", "go_memstats_heap_alloc_bytes ", "process_resident_memory_bytes ", `glapp_rate_limit_refusals_total{limit="token"} 1`} {
		if !strings.Contains(got, name) {
			t.Errorf("no series %s", name)
		}
	}
	if strings.Contains(scrape(t, b), "glapp_rate_limit_refusals_total{") {
		t.Error("a second Metrics sees the first one's samples")
	}
}
