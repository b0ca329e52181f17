package main

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// reportBody is the part of a gap report these tests read.
type reportBody struct {
	Summary struct {
		Total      int
		BySeverity map[string]int
	}
	Findings []struct {
		Rule, Severity, Explanation, Fingerprint string
		Subject                                  []string
		Triage                                   *struct{ Status, Reason string }
	}
	Unknowns []struct {
		Subject   string
		Questions []string
	}
	ByRule []struct {
		Key   string
		Count int
	}
}

func getReport(t *testing.T, ts *testServer, path string, headers ...string) (reportBody, response) {
	t.Helper()
	r := ts.must(t, http.StatusOK, "GET", path, nil, headers...)
	var body reportBody
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return body, r
}

func TestGapReports(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	const p = "/api/v1/projects/demo"

	t.Run("CleanToBeJourney", func(t *testing.T) {
		r, _ := getReport(t, ts, p+"/journeys/vuxen-onskat-lage/gaps")
		if r.Summary.Total != 0 || len(r.Findings) != 0 {
			t.Errorf("to-be journey has %d findings; want none: %+v", r.Summary.Total, r.Findings)
		}
	})
	t.Run("JourneyInSwedishByDefault", func(t *testing.T) {
		r, resp := getReport(t, ts, p+"/journeys/vuxen-beroende-nulage/gaps")
		if r.Summary.Total == 0 || r.Summary.Total != len(r.Findings) || len(r.Unknowns) == 0 {
			t.Fatalf("as-is report: total %d, %d findings, %d unknowns; want findings and unknowns", r.Summary.Total, len(r.Findings), len(r.Unknowns))
		}
		if resp.Header.Get("Content-Language") != "sv" || !strings.Contains(r.Unknowns[0].Questions[0], "?") {
			t.Errorf("Content-Language %q, question %q; want Swedish", resp.Header.Get("Content-Language"), r.Unknowns[0].Questions[0])
		}
		en, resp := getReport(t, ts, p+"/journeys/vuxen-beroende-nulage/gaps", "Accept-Language", "de-DE, en;q=0.8, sv;q=0.5")
		if resp.Header.Get("Content-Language") != "en" || en.Findings[0].Explanation == r.Findings[0].Explanation {
			t.Errorf("Accept-Language preferring English gave %q: %q", resp.Header.Get("Content-Language"), en.Findings[0].Explanation)
		}
	})
	t.Run("ProjectFilters", func(t *testing.T) {
		all, _ := getReport(t, ts, p+"/gaps")
		pp, _ := getReport(t, ts, p+"/gaps?rule=ping_pong")
		if pp.Summary.Total == 0 || pp.Summary.Total >= all.Summary.Total {
			t.Fatalf("rule=ping_pong gave %d of %d findings", pp.Summary.Total, all.Summary.Total)
		}
		for _, f := range pp.Findings {
			if f.Rule != "ping_pong" {
				t.Errorf("rule filter let through %s", f.Rule)
			}
		}
		crit, _ := getReport(t, ts, p+"/gaps?minSeverity=critical")
		if crit.Summary.Total != all.Summary.BySeverity["critical"] {
			t.Errorf("minSeverity=critical gave %d; the full report counts %d critical", crit.Summary.Total, all.Summary.BySeverity["critical"])
		}
		tobe, _ := getReport(t, ts, p+"/gaps?journeyKind=to_be")
		if tobe.Summary.Total != 0 {
			t.Errorf("journeyKind=to_be gave %d findings; the demo's to-be journeys are clean", tobe.Summary.Total)
		}
		rules := map[string]bool{}
		for _, a := range all.ByRule {
			rules[a.Key] = a.Count > 0
		}
		for _, rule := range []string{"unowned_handover", "unacknowledged_handover", "information_loss", "no_follow_up", "dead_end", "ping_pong",
			"self_navigation", "long_wait", "crisis_without_contact_person", "missing_coordinated_plan", "age_transition", "unreachable_step", "evidence_hotspot"} {
			if !rules[rule] {
				t.Errorf("the demo project shows no %s finding", rule)
			}
		}
		got := problemPointers(t, ts.do(t, "GET", p+"/gaps?rule=nope&minSeverity=huge", nil), http.StatusBadRequest, "INVALID")
		if len(got) != 1 || got[0] != "minSeverity" {
			t.Errorf("bad filters: %v; want minSeverity (checked first by the binder)", got)
		}
		problemPointers(t, ts.do(t, "GET", p+"/gaps?rule=nope", nil), http.StatusBadRequest, "INVALID")
	})
	t.Run("CSVAndMarkdown", func(t *testing.T) {
		all, _ := getReport(t, ts, p+"/gaps")
		r := ts.must(t, http.StatusOK, "GET", p+"/gaps", nil, "Accept", "text/csv")
		rows, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		if len(rows)-1 != all.Summary.Total || rows[0][0] != "severity" {
			t.Errorf("CSV has %d data rows and header %v; want %d rows", len(rows)-1, rows[0], all.Summary.Total)
		}
		md := ts.must(t, http.StatusOK, "GET", p+"/gaps?format=md&lang=en", nil)
		if ct := md.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/markdown") || !strings.HasPrefix(string(md.Body), "# ") || !strings.Contains(string(md.Body), "| critical") && !strings.Contains(string(md.Body), "Critical") {
			t.Errorf("Markdown report: %s\n%.300s", ct, md.Body)
		}
	})
	t.Run("Settings", func(t *testing.T) {
		s := ts.must(t, http.StatusOK, "GET", p+"/settings", nil).JSON(t)
		if s["longWait"].(map[string]any)["entryStep"] != float64(3) {
			t.Errorf("default settings = %v", s)
		}
		before, _ := getReport(t, ts, p+"/gaps?rule=long_wait")
		ts.must(t, http.StatusOK, "PUT", p+"/settings", `{"longWait":{"otherStep":5,"handover":{"referral":5}}}`)
		after, _ := getReport(t, ts, p+"/gaps?rule=long_wait")
		if after.Summary.Total <= before.Summary.Total {
			t.Errorf("lower thresholds gave %d long_wait findings; before %d", after.Summary.Total, before.Summary.Total)
		}
		got := problemPointers(t, ts.do(t, "PUT", p+"/settings", `{"longWait":{"bupCap":-4}}`), http.StatusBadRequest, "INVALID")
		if len(got) != 1 || got[0] != "/longWait/bupCap" {
			t.Errorf("invalid settings: %v", got)
		}
		ts.must(t, http.StatusOK, "PUT", p+"/settings", `{}`)
		restored, _ := getReport(t, ts, p+"/gaps?rule=long_wait")
		if restored.Summary.Total != before.Summary.Total {
			t.Errorf("default settings again gave %d long_wait findings; want %d", restored.Summary.Total, before.Summary.Total)
		}
	})
}

func TestTriage(t *testing.T) {
	ts := startServer(t, "", nil, "--demo")
	const p = "/api/v1/projects/demo"
	const j = p + "/journeys/vuxen-beroende-nulage"
	before, _ := getReport(t, ts, j+"/gaps")
	target := before.Findings[len(before.Findings)-1]
	fp := target.Fingerprint

	got := problemPointers(t, ts.do(t, "PUT", p+"/findings/"+fp, `{"status":"dismissed"}`), http.StatusBadRequest, "INVALID")
	if len(got) != 1 || got[0] != "/reason" {
		t.Errorf("dismissal without reason: %v", got)
	}
	problemPointers(t, ts.do(t, "PUT", p+"/findings/0123456789abcdef0123456789abcdef", `{"status":"confirmed"}`), http.StatusNotFound, "NOT_FOUND")
	ts.must(t, http.StatusCreated, "PUT", p+"/findings/"+fp, `{"status":"dismissed","reason":"Överlämningen sker inom samma team i praktiken."}`)

	after, _ := getReport(t, ts, j+"/gaps")
	if after.Summary.Total != before.Summary.Total-1 {
		t.Fatalf("after dismissal: %d findings; want %d", after.Summary.Total, before.Summary.Total-1)
	}
	for _, f := range after.Findings {
		if f.Fingerprint == fp {
			t.Fatal("the dismissed finding is still reported")
		}
	}

	// An unrelated edit (a step's title) keeps the fingerprint, so the decision still holds.
	etag := ts.must(t, http.StatusOK, "GET", j, nil).Header.Get("ETag")
	ts.must(t, http.StatusOK, "PATCH", j+"/steps/vb-s01", `{"title":"Ringer vårdcentralen (omformulerat)"}`, "If-Match", etag)
	with, _ := getReport(t, ts, j+"/gaps?includeDismissed=true")
	found := false
	for _, f := range with.Findings {
		if f.Fingerprint == fp {
			found = true
			if f.Triage == nil || f.Triage.Status != "dismissed" {
				t.Errorf("dismissed finding shows triage %+v", f.Triage)
			}
		}
	}
	if !found || with.Summary.Total != before.Summary.Total {
		t.Errorf("includeDismissed: found %v, total %d; want the finding back and %d in all", found, with.Summary.Total, before.Summary.Total)
	}

	ts.must(t, http.StatusNoContent, "DELETE", p+"/findings/"+fp, nil)
	again, _ := getReport(t, ts, j+"/gaps")
	if again.Summary.Total != before.Summary.Total {
		t.Errorf("after undoing triage: %d findings; want %d", again.Summary.Total, before.Summary.Total)
	}
}
