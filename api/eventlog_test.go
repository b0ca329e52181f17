package api_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/journeys"
)

// caseLog is an event log of two cases following the spec example journey: 19121212-1212
// (a personal number as case id, as real exports have) rings the health centre, then
// contacts social services twice; k2 goes to an actor the project lacks.
const caseLog = "case;activity;actor;timestamp\n" +
	"19121212-1212;Ringer vårdcentralen;vc;2026-01-05 09:00\n" +
	"k2;Ringer vårdcentralen;Vårdcentral;2026-01-07\n" +
	"19121212-1212;s2;soc;2026-02-20T10:00:00+01:00\n" +
	"19121212-1212;Kontaktar socialtjänsten själv;soc;2026-02-21 10:00\n" +
	"k2;Mejlar anna@example.se om tid;Ungdomsmottagningen;2026-01-09\n"

func TestEventLogImport(t *testing.T) {
	s := withProjectAndJourney(t)
	csv := []string{"Content-Type", "text/csv"}
	imports := "/api/v1/projects/p/imports?format=eventlog&name=log.csv&planned="
	s.run(t, []call{
		{name: "UnknownPlanned", method: "POST", path: imports + "nope", body: caseLog, headers: csv, status: 400, code: journeys.Invalid, contains: []string{`"planned"`}},
		{name: "NothingWritten", method: "GET", path: "/api/v1/projects/p/journeys?kind=lived", status: 200, contains: []string{`"items":[]`}},
		{name: "BadTimestamp", method: "POST", path: imports + "adult-addiction-as-is", body: caseLog + "k3;Besök;vc;igår\n", headers: csv, status: 400, code: journeys.Invalid, contains: []string{"line 7"}, lacks: []string{"igår"}},
		{name: "RefusedChangedNothing", method: "GET", path: "/api/v1/projects/p/audit", status: 200, lacks: []string{"project.secret"}},
		{name: "Import", method: "POST", path: imports + "adult-addiction-as-is", body: caseLog, headers: csv, status: 200,
			contains: []string{`"cases":2`, `"created":2`, `"records":5`, `"actorsCreated":1`, `"E-POST":1`}},
		{name: "Lived", method: "GET", path: "/api/v1/projects/p/journeys?kind=lived", status: 200,
			contains: []string{`"id":"lived-`, `"steps":3`, `"steps":2`}, lacks: []string{"19121212", "k2"}, save: map[string]string{"lived": `"id":"(lived-[a-p]+)","title":"[^"]*","kind":"lived","steps":3`}},
		{name: "Journey", method: "GET", path: "/api/v1/projects/p/journeys/{lived}", status: 200,
			contains: []string{`"basedOn":"adult-addiction-as-is"`, `"planned":"s1"`, `"planned":"s2"`, `"observed":46`}, lacks: []string{"1212"}},
		{name: "UnknownActor", method: "GET", path: "/api/v1/projects/p/actors/ungdomsmottagningen", status: 200, contains: []string{`"sector":"unknown"`}},
		{name: "Again", method: "POST", path: imports + "adult-addiction-as-is", body: caseLog, headers: csv, status: 200,
			contains: []string{`"unchanged":2`, `"created":0`, `"updated":0`}},
		{name: "Audit", method: "GET", path: "/api/v1/projects/p/audit", status: 200, contains: []string{"project.secret", "journey.put"}, lacks: []string{"19121212", "anna@"}},
		{name: "Options", method: "POST", path: "/api/v1/projects/p/imports?format=eventlog&options=" + url.QueryEscape(`{"eventlog":{"case":"Ärende","activity":"Händelse","actor":"Enhet","timestamp":"Tid"},"planned":"adult-addiction-as-is"}`),
			body: "Ärende,Händelse,Enhet,Tid\nk9,s1,vc,2026-03-01\n", headers: csv, status: 200, contains: []string{`"created":1`}},
		{name: "SettingsZone", method: "GET", path: "/api/v1/projects/p/settings", status: 200, contains: []string{`"timeZone":"Europe/Stockholm"`}, lacks: []string{"ecret"}},
		{name: "SettingsBadZone", method: "PUT", path: "/api/v1/projects/p/settings", body: `{"timeZone":"Europe/Göteborg"}`, status: 400, code: journeys.Invalid, contains: []string{"/timeZone"}},
		{name: "SettingsZoneSet", method: "PUT", path: "/api/v1/projects/p/settings", body: `{"timeZone":"UTC"}`, status: 200, contains: []string{`"timeZone":"UTC"`}},
	})
	if strings.Contains(s.a.logs.String(), "19121212") {
		t.Error("the log holds a case id")
	}
}

// TestEventLogImportTakesTheServersLimits checks that an event log is bounded by the limits
// the server runs with, not the defaults: a case of more events than steps a journey may
// hold is refused whole.
func TestEventLogImportTakesTheServersLimits(t *testing.T) {
	a := newTestAPI(t, api.Config{Limits: journeys.Limits{Steps: 2}})
	a.must(t, 201, "POST", "/api/v1/projects", `{"id":"p","name":"P"}`)
	log := "case;activity;actor;timestamp\n" +
		"k1;Ringer;vc;2026-01-05\nk1;Besök;vc;2026-01-06\nk1;Återbesök;vc;2026-01-07\n"
	rec := a.do("POST", "/api/v1/projects/p/imports?format=eventlog&name=log.csv", strings.NewReader(log), "Content-Type", "text/csv")
	wantProblem(t, rec, 422, journeys.LimitExceeded)
	if rec := a.must(t, 200, "GET", "/api/v1/projects/p/journeys?kind=lived", ""); !strings.Contains(rec.Body.String(), `"items":[]`) {
		t.Errorf("a refused event log wrote journeys: %s", rec.Body)
	}
}
