package main

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// metricsURL finds the address --metrics-addr listens on in the log.
var metricsURL = regexp.MustCompile(`msg="metrics listening" metricsUrl=(http://\S+)`)

// TestMetrics makes requests of each kind the metrics count, scrapes /metrics on the API
// port with the admin token and with a metrics token, and on the separate address without
// one, and finds each series with its labels.
func TestMetrics(t *testing.T) {
	ts := startServer(t, "", nil, "--metrics-addr", "127.0.0.1:0", "--rate-limit", "0.001", "--rate-burst", "40")
	newProject(t, ts, "p")
	const p = "/api/v1/projects/p"
	ts.must(t, http.StatusCreated, "PUT", p+"/journeys/adult-addiction-as-is", specExample(t))
	ts.must(t, http.StatusOK, "GET", p+"/journeys/adult-addiction-as-is/gaps", nil)
	ts.must(t, http.StatusOK, "GET", p+"/gaps", nil)
	ts.must(t, http.StatusNotFound, "GET", p+"/journeys/nope", nil)
	ts.must(t, http.StatusOK, "POST", p+"/imports?format=jsonl", `{"type":"insight","id":"x1","text":"Skriv till anna.svensson@example.se.","kind":"quote"}`+"\n", "Content-Type", "application/x-ndjson")
	ts.must(t, http.StatusBadRequest, "POST", p+"/imports?format=jsonl", `{"type":"insight","id":"x2","kind":"quote","owner":"x"}`+"\n", "Content-Type", "application/x-ndjson")
	ts.must(t, http.StatusUnauthorized, "POST", p+"/webhooks/nope", `{}`, "Authorization", "")

	// Without a token 401; with a token of another role 403; with a metrics token 200.
	ts.must(t, http.StatusUnauthorized, "GET", "/metrics", nil, "Authorization", "")
	lead := newToken(t, ts, `{"name":"lead","role":"lead","projects":["p"]}`)
	ts.must(t, http.StatusForbidden, "GET", "/metrics", nil, "Authorization", "Bearer "+lead)
	scraper := newToken(t, ts, `{"name":"prometheus","role":"metrics"}`)
	ts.must(t, http.StatusOK, "GET", "/metrics", nil, "Authorization", "Bearer "+scraper)
	ts.must(t, http.StatusNotFound, "GET", p, nil, "Authorization", "Bearer "+scraper) // it holds no project

	scrape := ts.must(t, http.StatusOK, "GET", "/metrics", nil)
	if ct := scrape.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q; want the text format", ct)
	}
	got := string(scrape.Body)
	for _, want := range []string{
		`glapp_http_request_duration_seconds_count{method="PUT",route="/api/v1/projects/:projectId/journeys/:journeyId",status="201"} 1`,
		`glapp_http_request_duration_seconds_count{method="GET",route="/api/v1/projects/:projectId/journeys/:journeyId",status="404"} 1`,
		`glapp_http_request_duration_seconds_count{method="GET",route="/metrics",status="401"} 1`,
		`glapp_http_request_duration_seconds_count{method="GET",route="/metrics",status="403"} 1`,
		`glapp_store_operation_duration_seconds_count{operation="PutJourney",store="embedded"} 1`,
		`glapp_gap_analyses_total{scope="journey"} 1`,
		`glapp_gap_analyses_total{scope="project"} 1`,
		`glapp_import_records_total{via="upload"} 1`,
		`glapp_import_redactions_total{kind="E-POST"} 1`,
		`glapp_import_refusals_total{code="INVALID",via="upload"} 1`,
		`glapp_webhook_deliveries_total{outcome="refused"} 1`,
	} {
		if !strings.Contains(got, "\n"+want+"\n") {
			t.Errorf("no line %s", want)
		}
	}
	for _, prefix := range []string{`glapp_gap_findings_total{rule="`, "go_goroutines ", "process_resident_memory_bytes "} {
		if !strings.Contains(got, "\n"+prefix) {
			t.Errorf("no series %s...", prefix)
		}
	}
	// Ids and paths never become labels.
	for _, never := range []string{"adult-addiction-as-is", "/api/v1/projects/p/", "nope", "anna"} {
		if strings.Contains(got, never) {
			t.Errorf("the scrape holds %q", never)
		}
	}

	// Exhaust the address's bucket; the separate address, which no limit guards, shows
	// the refusals.
	for i := 0; i < 60 && ts.do(t, "GET", "/healthz", nil).Status != http.StatusTooManyRequests; i++ {
	}
	m := metricsURL.FindStringSubmatch(ts.Logs.String())
	if m == nil {
		t.Fatalf("no metrics address in the log:\n%s", ts.Logs)
	}
	resp, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "\n"+`glapp_rate_limit_refusals_total{limit="address"} 1`+"\n") ||
		!strings.Contains(string(body), `operation="PutJourney"`) {
		t.Fatalf("metrics address: %d, want the same series with one rate-limit refusal:\n%s", resp.StatusCode, body)
	}
	if r, err := http.Get(strings.TrimSuffix(m[1], "/metrics") + "/api/v1/projects"); err == nil {
		r.Body.Close()
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("the metrics address answers the API: %d", r.StatusCode)
		}
	}
}

// newToken creates a token as the admin and returns its secret.
func newToken(t *testing.T, ts *testServer, body string) string {
	t.Helper()
	var created struct{ Secret string }
	_ = json.Unmarshal(ts.must(t, http.StatusCreated, "POST", "/api/v1/tokens", body).Body, &created)
	return created.Secret
}
