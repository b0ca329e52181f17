package api_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/journeys"
)

// call is one request of a scenario and what it must answer. Path, body and header values
// may name earlier answers as {name} (see scenario.vars).
type call struct {
	name, method, path, body string
	headers                  []string
	status                   int
	code                     journeys.Code // for an error: the problem's code
	contains                 []string      // in the body
	lacks                    []string      // not in the body
	header                   []string      // name, substring pairs
	save                     map[string]string
}

// scenario runs calls in order against one server, each as a subtest, and keeps values of
// earlier answers: the last journey ETag as {etag}, and what a call's save pattern (a
// regexp with one group) finds in its body under the save key.
type scenario struct {
	a    *testAPI
	vars map[string]string
}

func newScenario(t *testing.T) *scenario {
	a := newTestAPI(t, api.Config{})
	return &scenario{a: a, vars: map[string]string{}}
}

func (s *scenario) expand(v string) string {
	for k, x := range s.vars {
		v = strings.ReplaceAll(v, "{"+k+"}", x)
	}
	return v
}

func (s *scenario) run(t *testing.T, calls []call) {
	t.Helper()
	for _, c := range calls {
		name := c.name
		if name == "" {
			name = c.method + " " + c.path
		}
		ok := t.Run(name, func(t *testing.T) {
			headers := make([]string, len(c.headers))
			for i, h := range c.headers {
				headers[i] = s.expand(h)
			}
			rec := s.a.do(c.method, s.expand(c.path), strings.NewReader(s.expand(c.body)), headers...)
			if c.code != "" {
				wantProblem(t, rec, c.status, c.code)
			} else if rec.Code != c.status {
				t.Fatalf("status = %d; want %d\n%s", rec.Code, c.status, rec.Body)
			}
			for _, want := range c.contains {
				if !strings.Contains(rec.Body.String(), s.expand(want)) {
					t.Errorf("body lacks %q:\n%s", want, rec.Body)
				}
			}
			for _, unwanted := range c.lacks {
				if strings.Contains(rec.Body.String(), s.expand(unwanted)) {
					t.Errorf("body holds %q:\n%s", unwanted, rec.Body)
				}
			}
			for i := 0; i+1 < len(c.header); i += 2 {
				if got := rec.Header().Get(c.header[i]); !strings.Contains(got, c.header[i+1]) {
					t.Errorf("%s = %q; want it to contain %q", c.header[i], got, c.header[i+1])
				}
			}
			if e := rec.Header().Get("ETag"); e != "" && rec.Code < 300 && strings.Contains(c.path, "/journeys/") {
				s.vars["etag"] = e
			}
			for k, pattern := range c.save {
				m := regexp.MustCompile(pattern).FindStringSubmatch(rec.Body.String())
				if m == nil {
					t.Fatalf("no %s (%s) in %s", k, pattern, rec.Body)
				}
				s.vars[k] = m[1]
			}
		})
		if !ok {
			t.FailNow() // later calls depend on this one
		}
	}
}

// journeyPath is the spec's example journey, as withJourney stores it.
const journeyPath = "/api/v1/projects/p/journeys/adult-addiction-as-is"

// withProjectAndJourney is a scenario over withJourney's project, with {etag}, {ev} (the
// evidence id), {doc} (the journey as stored) and {changed} (it with another title).
func withProjectAndJourney(t *testing.T) *scenario {
	s := newScenario(t)
	etag, ev := withJourney(t, s.a)
	doc, err := os.ReadFile("../journeys/testdata/spec-example.json")
	if err != nil {
		t.Fatal(err)
	}
	s.vars["etag"], s.vars["ev"], s.vars["doc"] = etag, ev, string(doc)
	s.vars["changed"] = strings.Replace(string(doc), `"title": "`, `"title": "Ändrad: `, 1)
	return s
}

func TestProjects(t *testing.T) {
	s := newScenario(t)
	s.run(t, []call{
		{method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Projekt"}`, status: 201, header: []string{"Location", "/api/v1/projects/p"}},
		{name: "Duplicate", method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Igen"}`, status: 409, code: journeys.Conflict},
		{name: "Invalid", method: "POST", path: "/api/v1/projects", body: `{"id":"p q","name":""}`, status: 400, code: journeys.Invalid},
		{name: "UnknownField", method: "POST", path: "/api/v1/projects", body: `{"id":"q","name":"Q","owner":"x"}`, status: 400, code: journeys.Invalid},
		{name: "NotJSON", method: "POST", path: "/api/v1/projects", body: `id=q`, headers: []string{"Content-Type", "text/plain"}, status: 415, code: "UNSUPPORTED_MEDIA_TYPE"},
		{method: "POST", path: "/api/v1/projects", body: `{"id":"q","name":"Q"}`, status: 201},
		{name: "List", method: "GET", path: "/api/v1/projects", status: 200, contains: []string{`"id":"p"`, `"id":"q"`}},
		{name: "ListPage", method: "GET", path: "/api/v1/projects?limit=1", status: 200, contains: []string{`"id":"p"`, `"next":"`}, save: map[string]string{"next": `"next":"([^"]+)"`}},
		{name: "ListNextPage", method: "GET", path: "/api/v1/projects?limit=1&cursor={next}", status: 200, contains: []string{`"id":"q"`}},
		{name: "ListBadLimit", method: "GET", path: "/api/v1/projects?limit=0", status: 400, code: journeys.Invalid},
		{name: "ListBadCursor", method: "GET", path: "/api/v1/projects?cursor=bm9wZQ", status: 400, code: journeys.Invalid},
		{method: "GET", path: "/api/v1/projects/p", status: 200, contains: []string{`"name":"Projekt"`}},
		{name: "Missing", method: "GET", path: "/api/v1/projects/nope", status: 404, code: journeys.NotFound},
		{name: "Patch", method: "PATCH", path: "/api/v1/projects/p", body: `{"description":"Om vård"}`, headers: []string{"Content-Type", "application/merge-patch+json"}, status: 200, contains: []string{`"description":"Om vård"`, `"name":"Projekt"`}},
		{name: "PatchClears", method: "PATCH", path: "/api/v1/projects/p", body: `{"description":null}`, status: 200},
		{name: "PatchInvalid", method: "PATCH", path: "/api/v1/projects/p", body: `{"name":""}`, status: 400, code: journeys.Invalid},
		{name: "PatchMissing", method: "PATCH", path: "/api/v1/projects/nope", body: `{"name":"x"}`, status: 404, code: journeys.NotFound},
		{method: "DELETE", path: "/api/v1/projects/q", status: 204},
		{name: "Deleted", method: "GET", path: "/api/v1/projects/q", status: 404, code: journeys.NotFound},
		{name: "DeleteMissing", method: "DELETE", path: "/api/v1/projects/q", status: 404, code: journeys.NotFound},
		{name: "Audit", method: "GET", path: "/api/v1/projects/p/audit", status: 200, contains: []string{`"action":"project.update"`, `"outcome":"INVALID"`}},
		{name: "AuditFiltered", method: "GET", path: "/api/v1/projects/p/audit?outcome=ok&since=2000-01-01T00:00:00Z", status: 200, contains: []string{`"outcome":"ok"`}},
		{name: "AuditBadSince", method: "GET", path: "/api/v1/projects/p/audit?since=yesterday", status: 400, code: journeys.Invalid},
		{name: "SystemAudit", method: "GET", path: "/api/v1/audit?action=project.delete", status: 200, contains: []string{`"items":[`}},
		{name: "NoRoute", method: "GET", path: "/api/v1/nothing", status: 404, code: journeys.NotFound},
		{name: "NoMethod", method: "PUT", path: "/api/v1/projects", status: 405, code: "METHOD_NOT_ALLOWED"},
	})
}

func TestActorsAndSources(t *testing.T) {
	s := newScenario(t)
	s.run(t, []call{
		{method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Projekt"}`, status: 201},
		{method: "PUT", path: "/api/v1/projects/p/actors/vc", body: `{"name":"Vårdcentral","sector":"region","kind":"primary_care","ageGroup":"any"}`, status: 201},
		{name: "PutAgain", method: "PUT", path: "/api/v1/projects/p/actors/vc", body: `{"name":"Vårdcentralen","sector":"region","kind":"primary_care","ageGroup":"any"}`, status: 200},
		{name: "PutInvalid", method: "PUT", path: "/api/v1/projects/p/actors/vc", body: `{"name":"","sector":"moon"}`, status: 400, code: journeys.Invalid},
		{name: "PutBadID", method: "PUT", path: "/api/v1/projects/p/actors/a%20b", body: `{"name":"X","sector":"region","kind":"primary_care"}`, status: 400, code: journeys.Invalid},
		{method: "GET", path: "/api/v1/projects/p/actors/vc", status: 200, contains: []string{`"name":"Vårdcentralen"`}},
		{method: "GET", path: "/api/v1/projects/p/actors", status: 200, contains: []string{`"id":"vc"`}},
		{name: "ListOfMissingProject", method: "GET", path: "/api/v1/projects/nope/actors", status: 404, code: journeys.NotFound},
		{method: "DELETE", path: "/api/v1/projects/p/actors/vc", status: 204},
		{name: "GetDeleted", method: "GET", path: "/api/v1/projects/p/actors/vc", status: 404, code: journeys.NotFound},
		{name: "DeleteMissing", method: "DELETE", path: "/api/v1/projects/p/actors/vc", status: 404, code: journeys.NotFound},

		{method: "PUT", path: "/api/v1/projects/p/sources/int-03", body: `{"kind":"interview","date":"2026-03-14","participantRole":"patient","pseudonym":"Deltagare 3"}`, status: 201},
		{name: "PutInvalid", method: "PUT", path: "/api/v1/projects/p/sources/int-03", body: `{"kind":"rumour"}`, status: 400, code: journeys.Invalid},
		{method: "GET", path: "/api/v1/projects/p/sources/int-03", status: 200, contains: []string{`"pseudonym":"Deltagare 3"`}},
		{method: "GET", path: "/api/v1/projects/p/sources", status: 200, contains: []string{`"id":"int-03"`}},
		{method: "DELETE", path: "/api/v1/projects/p/sources/int-03", status: 204},
		{name: "GetDeleted", method: "GET", path: "/api/v1/projects/p/sources/int-03", status: 404, code: journeys.NotFound},
	})
}

func TestJourneysAndElements(t *testing.T) {
	s := withProjectAndJourney(t)
	j := journeyPath
	s.run(t, []call{
		{method: "GET", path: "/api/v1/projects/p/journeys", status: 200, contains: []string{`"id":"adult-addiction-as-is"`}},
		{name: "ListFiltered", method: "GET", path: "/api/v1/projects/p/journeys?kind=as_is&limit=1", status: 200, contains: []string{`"id":"adult-addiction-as-is"`}},
		{name: "ListBadKind", method: "GET", path: "/api/v1/projects/p/journeys?kind=maybe", status: 400, code: journeys.Invalid},
		{method: "GET", path: j, status: 200, header: []string{"ETag", `"`}},
		{name: "Missing", method: "GET", path: "/api/v1/projects/p/journeys/nope", status: 404, code: journeys.NotFound},
		{name: "PutWithoutIfMatch", method: "PUT", path: j, body: "{changed}", status: 428, code: journeys.PreconditionRequired},
		{name: "PutUnchanged", method: "PUT", path: j, body: "{doc}", headers: []string{"If-Match", "{etag}"}, status: 200},
		{name: "PutStaleIfMatch", method: "PUT", path: j, body: "{changed}", headers: []string{"If-Match", `"999"`}, status: 412, code: journeys.PreconditionFailed},
		{name: "PutBadIfMatch", method: "PUT", path: j, body: `{"title":"x"}`, headers: []string{"If-Match", `W/"x"`}, status: 400, code: journeys.Invalid},
		{name: "PutInvalid", method: "PUT", path: "/api/v1/projects/p/journeys/other", body: `{"title":"","steps":[{"id":"s1"}]}`, status: 400, code: journeys.Invalid},

		{name: "AddStage", method: "POST", path: j + "/stages", body: `{"id":"care","name":"Vård","order":2}`, headers: []string{"If-Match", "{etag}"}, status: 201},
		{name: "AddStageTwice", method: "POST", path: j + "/stages", body: `{"id":"care","name":"Vård","order":3}`, headers: []string{"If-Match", "{etag}"}, status: 409, code: journeys.Conflict},
		{name: "PatchStage", method: "PATCH", path: j + "/stages/care", body: `{"name":"Behandling"}`, headers: []string{"If-Match", "{etag}"}, status: 200, contains: []string{`"name":"Behandling"`}},
		{name: "AddStep", method: "POST", path: j + "/steps", body: `{"id":"s3","title":"Får en tid","stage":"care","actor":"vc","channel":"visit"}`, headers: []string{"If-Match", "{etag}"}, status: 201},
		{name: "AddStepStale", method: "POST", path: j + "/steps", body: `{"id":"s4","title":"x","stage":"care","actor":"vc","channel":"visit"}`, headers: []string{"If-Match", `"1"`}, status: 412, code: journeys.PreconditionFailed},
		{name: "AddStepInvalid", method: "POST", path: j + "/steps", body: `{"id":"s4","title":"x","stage":"nowhere","actor":"ghost","channel":"visit"}`, headers: []string{"If-Match", "{etag}"}, status: 400, code: journeys.Invalid},
		{name: "PatchStep", method: "PATCH", path: j + "/steps/s3", body: `{"title":"Får en tid till slut"}`, headers: []string{"If-Match", "{etag}"}, status: 200},
		{name: "PatchMissingStep", method: "PATCH", path: j + "/steps/s9", body: `{"title":"x"}`, headers: []string{"If-Match", "{etag}"}, status: 404, code: journeys.NotFound},
		{name: "AddHandover", method: "POST", path: j + "/handovers", body: `{"id":"h2","from":"s2","to":"s3","type":"referral"}`, headers: []string{"If-Match", "{etag}"}, status: 201},
		{name: "PatchHandover", method: "PATCH", path: j + "/handovers/h2", body: `{"information":"full"}`, headers: []string{"If-Match", "{etag}"}, status: 200},
		{name: "AddInsight", method: "POST", path: j + "/insights", body: `{"id":"i2","text":"Det tog tid.","kind":"quote","status":"validated","source":"int-03","about":["s3"]}`, headers: []string{"If-Match", "{etag}"}, status: 201},
		{name: "PatchInsight", method: "PATCH", path: j + "/insights/i2", body: `{"text":"Det tog lång tid."}`, headers: []string{"If-Match", "{etag}"}, status: 200},
		{name: "DeleteStepStillReferenced", method: "DELETE", path: j + "/steps/s3", headers: []string{"If-Match", "{etag}"}, status: 400, code: journeys.Invalid},
		{name: "DeleteInsight", method: "DELETE", path: j + "/insights/i2", headers: []string{"If-Match", "{etag}"}, status: 204},
		{name: "DeleteHandover", method: "DELETE", path: j + "/handovers/h2", headers: []string{"If-Match", "{etag}"}, status: 204},
		{name: "DeleteStepWithoutIfMatch", method: "DELETE", path: j + "/steps/s3", status: 428, code: journeys.PreconditionRequired},
		{name: "GetETag", method: "GET", path: j, status: 200},
		{name: "DeleteStep", method: "DELETE", path: j + "/steps/s3", headers: []string{"If-Match", "{etag}"}, status: 204},
		{name: "GetETagAgain", method: "GET", path: j, status: 200, contains: []string{`"id":"care"`}},
		{name: "DeleteStage", method: "DELETE", path: j + "/stages/care", headers: []string{"If-Match", "{etag}"}, status: 204},

		{name: "Diagram", method: "GET", path: j + "/diagram", status: 200, header: []string{"Content-Type", "image/svg+xml"}, contains: []string{"<svg"}},
		{name: "DiagramMermaid", method: "GET", path: j + "/diagram?format=mermaid&lang=en", status: 200, contains: []string{"flowchart"}},
		{name: "DiagramBadFormat", method: "GET", path: j + "/diagram?format=gif", status: 400, code: journeys.Invalid},
		{name: "DiagramMissing", method: "GET", path: "/api/v1/projects/p/journeys/nope/diagram", status: 404, code: journeys.NotFound},

		{name: "GetForDelete", method: "GET", path: j, status: 200},
		{name: "DeleteJourneyStale", method: "DELETE", path: j, headers: []string{"If-Match", `"1"`}, status: 412, code: journeys.PreconditionFailed},
		{name: "DeleteJourney", method: "DELETE", path: j, headers: []string{"If-Match", "{etag}"}, status: 204},
		{name: "Deleted", method: "GET", path: j, status: 404, code: journeys.NotFound},
	})
}

func TestGapsFindingsAndSettings(t *testing.T) {
	s := withProjectAndJourney(t)
	j := journeyPath
	s.run(t, []call{
		{name: "Rules", method: "GET", path: "/api/v1/rules", status: 200, contains: []string{`"rule":"`}},
		{name: "JourneyGaps", method: "GET", path: j + "/gaps", status: 200, header: []string{"Content-Language", "sv"}, contains: []string{`"findings":[`, `"severityReason":"Hög: grundnivå`}, save: map[string]string{"fp": `"fingerprint":"([0-9a-f]+)"`}},
		{name: "JourneyGapsEnglish", method: "GET", path: j + "/gaps", headers: []string{"Accept-Language", "en-GB,en;q=0.9"}, status: 200, header: []string{"Content-Language", "en"}, contains: []string{`"severityReason":"High: the rule's base level`}},
		{name: "JourneyGapsCSV", method: "GET", path: j + "/gaps", headers: []string{"Accept", "text/csv"}, status: 200, header: []string{"Content-Type", "text/csv"}, contains: []string{"{fp}"}},
		{name: "JourneyGapsMarkdown", method: "GET", path: j + "/gaps?format=md&lang=en", status: 200, header: []string{"Content-Type", "text/markdown"}},
		{name: "JourneyGapsHTML", method: "GET", path: j + "/gaps?format=html&lang=en", status: 200, header: []string{"Content-Type", "text/html", "Content-Language", "en", "Content-Security-Policy", "default-src 'none'; style-src 'sha256-"}, contains: []string{`<html lang="en">`, "Where it matters most", "Why:", "{fp}", "Unknowns – questions for the next interview"}},
		{name: "JourneyGapsHTMLSwedish", method: "GET", path: j + "/gaps", headers: []string{"Accept", "text/html"}, status: 200, header: []string{"Content-Type", "text/html", "Content-Language", "sv"}, contains: []string{`<html lang="sv">`, "Där det brister mest", "Varför:"}},
		{name: "JourneyGapsUnknownsCSV", method: "GET", path: j + "/gaps?format=csv&part=unknowns&lang=en", status: 200, header: []string{"Content-Type", "text/csv"}, contains: []string{"journey,stage,element,subject,name,field,question\n"}},
		{name: "JourneyGapsUnknownsNotJSON", method: "GET", path: j + "/gaps?part=unknowns", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"part"`}},
		{name: "JourneyGapsBadPart", method: "GET", path: j + "/gaps?format=csv&part=everything", status: 400, code: journeys.Invalid},
		{name: "JourneyGapsBadLang", method: "GET", path: j + "/gaps?lang=fi", status: 400, code: journeys.Invalid},
		{name: "JourneyGapsMissing", method: "GET", path: "/api/v1/projects/p/journeys/nope/gaps", status: 404, code: journeys.NotFound},
		{name: "ProjectGaps", method: "GET", path: "/api/v1/projects/p/gaps?minSeverity=low&journeyKind=as_is", status: 200, contains: []string{`"byRule":`, "{fp}"}},
		{name: "ProjectGapsCSV", method: "GET", path: "/api/v1/projects/p/gaps?format=csv", status: 200, header: []string{"Content-Type", "text/csv"}},
		{name: "ProjectGapsMarkdown", method: "GET", path: "/api/v1/projects/p/gaps", headers: []string{"Accept", "text/markdown"}, status: 200, header: []string{"Content-Type", "text/markdown"}, contains: []string{"## Okända uppgifter – frågor till nästa intervju", "Varför: "}},
		{name: "ProjectGapsHTML", method: "GET", path: "/api/v1/projects/p/gaps?format=html", headers: []string{"Accept-Language", "en"}, status: 200, header: []string{"Content-Type", "text/html", "Content-Language", "en"}, contains: []string{"<h1>Gap report: ", "Where it matters most", "Unknowns – questions for the next interview", "{fp}"}},
		{name: "ProjectGapsHTMLNotWithPart", method: "GET", path: "/api/v1/projects/p/gaps?format=html&part=unknowns", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"part"`}},
		{name: "ProjectGapsUnknownsCSV", method: "GET", path: "/api/v1/projects/p/gaps?part=unknowns", headers: []string{"Accept", "text/csv"}, status: 200, header: []string{"Content-Type", "text/csv"}, contains: []string{"journey,stage,element,subject,name,field,question\n"}},
		{name: "ProjectGapsUnknownRule", method: "GET", path: "/api/v1/projects/p/gaps?rule=nope&category=nope", status: 400, code: journeys.Invalid, contains: []string{`"parameter":"rule"`, `"parameter":"category"`}},
		{name: "ProjectGapsBadSeverity", method: "GET", path: "/api/v1/projects/p/gaps?minSeverity=huge", status: 400, code: journeys.Invalid},

		{name: "TriageUnknownFinding", method: "PUT", path: "/api/v1/projects/p/findings/0123456789abcdef0123456789abcdef", body: `{"status":"confirmed"}`, status: 404, code: journeys.NotFound},
		{name: "TriageInvalid", method: "PUT", path: "/api/v1/projects/p/findings/{fp}", body: `{"status":"dismissed"}`, status: 400, code: journeys.Invalid},
		{name: "Triage", method: "PUT", path: "/api/v1/projects/p/findings/{fp}", body: `{"status":"dismissed","reason":"Känt och åtgärdat."}`, status: 201},
		{name: "TriageAgain", method: "PUT", path: "/api/v1/projects/p/findings/{fp}", body: `{"status":"dismissed","reason":"Känt och åtgärdat."}`, status: 200},
		{name: "GetTriage", method: "GET", path: "/api/v1/projects/p/findings/{fp}", status: 200, contains: []string{`"status":"dismissed"`}},
		{name: "ListTriage", method: "GET", path: "/api/v1/projects/p/findings", status: 200, contains: []string{"{fp}"}},
		{name: "DismissedLeftOut", method: "GET", path: j + "/gaps", status: 200, lacks: []string{"{fp}"}},
		{name: "DismissedKept", method: "GET", path: j + "/gaps?includeDismissed=true", status: 200, contains: []string{"{fp}"}},
		{name: "DeleteTriage", method: "DELETE", path: "/api/v1/projects/p/findings/{fp}", status: 204},
		{name: "GetDeletedTriage", method: "GET", path: "/api/v1/projects/p/findings/{fp}", status: 404, code: journeys.NotFound},

		{name: "GetSettings", method: "GET", path: "/api/v1/projects/p/settings", status: 200, contains: []string{`"longWait"`}},
		{name: "PutSettingsInvalid", method: "PUT", path: "/api/v1/projects/p/settings", body: `{"longWait":{"handover":{"referral":-1}}}`, status: 400, code: journeys.Invalid},
		{name: "PutSettings", method: "PUT", path: "/api/v1/projects/p/settings", body: `{"longWait":{"handover":{"referral":30}},"evidenceHotspot":{}}`, status: 200, contains: []string{`"referral":30`}},
		{name: "SettingsMissingProject", method: "GET", path: "/api/v1/projects/nope/settings", status: 404, code: journeys.NotFound},
	})
}

func TestEvidenceImportsAndWebhookEndpoints(t *testing.T) {
	s := withProjectAndJourney(t)
	s.run(t, []call{
		{name: "List", method: "GET", path: "/api/v1/projects/p/evidence", status: 200, contains: []string{"{ev}"}},
		{name: "Get", method: "GET", path: "/api/v1/projects/p/evidence/{ev}", status: 200, contains: []string{"Ingen ringde tillbaka."}},
		{name: "Missing", method: "GET", path: "/api/v1/projects/p/evidence/nope", status: 404, code: journeys.NotFound},
		{name: "PatchInvalid", method: "PATCH", path: "/api/v1/projects/p/evidence/{ev}", body: `{"status":"maybe"}`, status: 400, code: journeys.Invalid},
		{name: "Patch", method: "PATCH", path: "/api/v1/projects/p/evidence/{ev}", body: `{"status":"validated","about":["step:s1"]}`, status: 200, contains: []string{`"status":"validated"`}},
		{name: "ImportWithoutFormat", method: "POST", path: "/api/v1/projects/p/imports", body: "text\nx\n", headers: []string{"Content-Type", "text/csv"}, status: 400, code: journeys.Invalid},
		{name: "ImportBadOptions", method: "POST", path: `/api/v1/projects/p/imports?format=csv&options={"csv":1}`, body: "text\nx\n", headers: []string{"Content-Type", "text/csv"}, status: 400, code: journeys.Invalid},
		{name: "ImportCSV", method: "POST", path: `/api/v1/projects/p/imports?format=csv&options={"csv":{"text":"text"}}`, body: "text\nRing mig på 070-123 45 67.\n", headers: []string{"Content-Type", "text/csv"}, status: 200, contains: []string{`"created":1`}},
		{name: "ImportMultipart", method: "POST", path: "/api/v1/projects/p/imports",
			body:    "--b\r\nContent-Disposition: form-data; name=\"options\"\r\n\r\n{\"format\":\"csv\",\"csv\":{\"text\":\"text\"}}\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntext\nAndra raden.\n\r\n--b--\r\n",
			headers: []string{"Content-Type", "multipart/form-data; boundary=b"}, status: 200, contains: []string{`"created":1`}},
		{name: "ImportMultipartNoFile", method: "POST", path: "/api/v1/projects/p/imports?format=csv",
			body: "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n", headers: []string{"Content-Type", "multipart/form-data; boundary=b"}, status: 400, code: journeys.Invalid},
		{name: "ImportMultipartNoBoundary", method: "POST", path: "/api/v1/projects/p/imports?format=csv", body: "x", headers: []string{"Content-Type", "multipart/form-data"}, status: 400, code: journeys.Invalid},
		{name: "ImportMissingProject", method: "POST", path: `/api/v1/projects/nope/imports?format=csv&options={"csv":{"text":"text"}}`, body: "text\nx\n", headers: []string{"Content-Type", "text/csv"}, status: 404, code: journeys.NotFound},
		{name: "Delete", method: "DELETE", path: "/api/v1/projects/p/evidence/{ev}", status: 204},
		{name: "DeleteAgain", method: "DELETE", path: "/api/v1/projects/p/evidence/{ev}", status: 404, code: journeys.NotFound},

		{name: "PutEndpointInvalid", method: "PUT", path: "/api/v1/projects/p/webhook-endpoints/notes", body: `{"format":"refi-qda"}`, status: 400, code: journeys.Invalid},
		{name: "PutEndpoint", method: "PUT", path: "/api/v1/projects/p/webhook-endpoints/notes", body: `{"format":"jsonl"}`, status: 201, contains: []string{`"secret":"whsec_`}},
		{name: "PutEndpointAgain", method: "PUT", path: "/api/v1/projects/p/webhook-endpoints/notes", body: `{"format":"markdown"}`, status: 200},
		{name: "ListEndpoints", method: "GET", path: "/api/v1/projects/p/webhook-endpoints", status: 200, contains: []string{`"id":"notes"`}},
		{name: "Rotate", method: "POST", path: "/api/v1/projects/p/webhook-endpoints/notes/rotate", status: 200, contains: []string{`"secret":"whsec_`}},
		{name: "RotateMissing", method: "POST", path: "/api/v1/projects/p/webhook-endpoints/nope/rotate", status: 404, code: journeys.NotFound},
		{name: "UnsignedWebhook", method: "POST", path: "/api/v1/projects/p/webhooks/notes", body: `{}`, status: 401, code: journeys.Unauthorized},
		{name: "DeleteEndpoint", method: "DELETE", path: "/api/v1/projects/p/webhook-endpoints/notes", status: 204},
		{name: "DeleteEndpointAgain", method: "DELETE", path: "/api/v1/projects/p/webhook-endpoints/notes", status: 404, code: journeys.NotFound},
	})
}

func TestTokensAndWhoami(t *testing.T) {
	s := newScenario(t)
	s.run(t, []call{
		{method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Projekt"}`, status: 201},
		{name: "WhoamiAdmin", method: "GET", path: "/api/v1/whoami", status: 200, contains: []string{`"role":"admin"`}},
		{name: "CreateInvalid", method: "POST", path: "/api/v1/tokens", body: `{"name":"x","role":"analyst"}`, status: 400, code: journeys.Invalid},
		{name: "Create", method: "POST", path: "/api/v1/tokens", body: `{"name":"Analytiker","role":"analyst","projects":["p"]}`, status: 201,
			save: map[string]string{"secret": `"secret":"([^"]+)"`, "tok": `"id":"([^"]+)"`}},
		{name: "List", method: "GET", path: "/api/v1/tokens", status: 200, contains: []string{`"name":"Analytiker"`}},
		{name: "WhoamiAnalyst", method: "GET", path: "/api/v1/whoami", headers: []string{"Authorization", "Bearer {secret}"}, status: 200, contains: []string{`"role":"analyst"`, `"p"`}},
		{name: "AnalystReads", method: "GET", path: "/api/v1/projects/p", headers: []string{"Authorization", "Bearer {secret}"}, status: 200},
		{name: "AnalystListsOwnProjects", method: "GET", path: "/api/v1/projects", headers: []string{"Authorization", "Bearer {secret}"}, status: 200, contains: []string{`"id":"p"`}},
		{name: "AnalystCannotCreateProjects", method: "POST", path: "/api/v1/projects", body: `{"id":"q","name":"Q"}`, headers: []string{"Authorization", "Bearer {secret}"}, status: 403, code: journeys.Forbidden},
		{name: "AnalystCannotListTokens", method: "GET", path: "/api/v1/tokens", headers: []string{"Authorization", "Bearer {secret}"}, status: 403, code: journeys.Forbidden},
		{name: "NoToken", method: "GET", path: "/api/v1/whoami", headers: []string{"Authorization", ""}, status: 401, code: journeys.Unauthorized, header: []string{"WWW-Authenticate", "Bearer"}},
		{name: "UnknownToken", method: "GET", path: "/api/v1/whoami", headers: []string{"Authorization", "Bearer nope"}, status: 401, code: journeys.Unauthorized},
		{name: "Revoke", method: "DELETE", path: "/api/v1/tokens/{tok}", status: 204},
		{name: "RevokeAgain", method: "DELETE", path: "/api/v1/tokens/{tok}", status: 404, code: journeys.NotFound},
		{name: "Revoked", method: "GET", path: "/api/v1/whoami", headers: []string{"Authorization", "Bearer {secret}"}, status: 401, code: journeys.Unauthorized},
		{name: "SystemAudit", method: "GET", path: "/api/v1/audit", status: 200, contains: []string{`"action":"token.create"`, `"action":"token.delete"`}},
	})
}

func TestIdempotencyKey(t *testing.T) {
	s := newScenario(t)
	key := []string{"Idempotency-Key", "k-1"}
	s.run(t, []call{
		{name: "First", method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Projekt"}`, headers: key, status: 201},
		{name: "Replayed", method: "POST", path: "/api/v1/projects", body: `{"id":"p","name":"Projekt"}`, headers: key, status: 201, header: []string{"Idempotent-Replayed", "true"}},
		{name: "OtherBody", method: "POST", path: "/api/v1/projects", body: `{"id":"q","name":"Q"}`, headers: key, status: 409, code: journeys.Conflict},
	})
}

func TestServiceRoutes(t *testing.T) {
	h := newHandler(t, nil, api.Config{CORSOrigins: []string{"https://ui.example"}})
	tests := []struct {
		name, method, path string
		headers            []string
		status             int
		header             []string
	}{
		{"Healthz", "GET", "/healthz", nil, 200, nil},
		{"OpenAPI", "GET", "/openapi.json", nil, 200, []string{"Content-Type", "application/json"}},
		{"Docs", "GET", "/docs", nil, 302, []string{"Location", "/docs/"}},
		{"UI", "GET", "/ui", nil, 302, []string{"Location", "/ui/"}},
		{"SecurityHeaders", "GET", "/healthz", nil, 200, []string{"X-Content-Type-Options", "nosniff"}},
		{"CORSPreflight", "OPTIONS", "/api/v1/projects", []string{"Origin", "https://ui.example", "Access-Control-Request-Method", "POST"}, 204, []string{"Access-Control-Allow-Origin", "https://ui.example"}},
		{"CORSExposesGlappHeaders", "GET", "/healthz", []string{"Origin", "https://ui.example"}, 200, []string{"Access-Control-Expose-Headers", "Glapp-Redacted, Glapp-History"}},
		{"CORSOtherOrigin", "GET", "/healthz", []string{"Origin", "https://evil.example"}, 200, []string{"Access-Control-Allow-Origin", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			for i := 0; i+1 < len(tt.headers); i += 2 {
				req.Header.Set(tt.headers[i], tt.headers[i+1])
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status = %d; want %d\n%s", rec.Code, tt.status, rec.Body)
			}
			for i := 0; i+1 < len(tt.header); i += 2 {
				got := rec.Header().Get(tt.header[i])
				if want := tt.header[i+1]; (want == "" && got != "") || !strings.Contains(got, want) {
					t.Errorf("%s = %q; want %q", tt.header[i], got, want)
				}
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	h := newHandler(t, nil, api.Config{RateLimit: 1, RateBurst: 2, Now: func() time.Time { return time.Unix(1e9, 0) }})
	var codes []int
	for range 3 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		codes = append(codes, rec.Code)
		if rec.Code == http.StatusTooManyRequests {
			p := decodeProblem(t, rec)
			if p.Code != journeys.RateLimited || rec.Header().Get("Retry-After") == "" {
				t.Errorf("429 = %+v, Retry-After %q; want RATE_LIMITED with Retry-After", p, rec.Header().Get("Retry-After"))
			}
		}
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != http.StatusTooManyRequests {
		t.Fatalf("statuses = %v; want a burst of 2 then 429", codes)
	}
}
