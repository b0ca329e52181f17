package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/api"
)

// pii is personal data as a careless client sends it: a personal identity number (also
// digits only), a coordination number, an e-mail address and a phone number (also digits
// only). 19121212-1212 is Skatteverket's test number.
const pii = "Anna 19121212-1212 (samordningsnummer 121272-1219, även 191212121212), anna.k@example.se, 070-123 45 67 eller 0701234567"

// piiIDs are ids made of personal data, sent in paths and bodies.
var piiIDs = []string{"19121212-1212", "121272-1219", "anna.k@example.se", "0701234567"}

// piiForms are every way the personal data above may be written down; none may be found.
var piiForms = []string{
	"19121212-1212", "191212121212", "121212-1212", "1212121212",
	"19121272-1219", "121272-1219", "1212721219",
	"anna.k@example.se", "anna.k%40example.se", "anna.k",
	"070-123 45 67", "0701234567", "701234567",
}

// piiState holds what earlier writes made and later ones name.
type piiState struct {
	tokenID, evidenceID, fingerprint, secret string
}

// writeCase is one write route of the API, sent with personal data in every text field.
type writeCase struct {
	route string // method and gin path, as the router lists it
	// params are the route's parameter values, beyond projectId "p" and journeyId j.
	params func(s *piiState) map[string]string
	body   func(s *piiState) string
	// idBody, if set, is a body that holds personal data in an id: refused with 400.
	idBody string
	status int
	// send replaces the JSON request (multipart imports, signed webhooks).
	send func(t *testing.T, ts *testServer, s *piiState, path string) response
	// after reads what the answer made.
	after func(t *testing.T, ts *testServer, s *piiState, r response)
}

const piiJourney = "adult-addiction-as-is"

func piiJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func fixed(kv ...string) func(*piiState) map[string]string {
	return func(*piiState) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
}

func constBody(b string) func(*piiState) string { return func(*piiState) string { return b } }

// piiJourneyDoc is the spec example with personal data in every text field.
func piiJourneyDoc(t *testing.T) string {
	var j map[string]any
	if err := json.Unmarshal(specExample(t), &j); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"title", "targetGroup", "persona", "description"} {
		j[k] = pii
	}
	for _, list := range []string{"actors", "stages", "steps", "insights"} {
		for _, el := range j[list].([]any) {
			m := el.(map[string]any)
			for _, k := range []string{"name", "title", "text", "kind"} {
				if _, ok := m[k]; ok && !(list == "insights" && k == "kind") {
					m[k] = pii
				}
			}
			if list == "insights" {
				m["tags"] = []string{pii}
			}
		}
	}
	return piiJSON(j)
}

func writeCases(t *testing.T) []writeCase {
	const p = "/api/v1/projects/:projectId"
	const j = p + "/journeys/:journeyId"
	settings := `{"longWait":{"handover":{"referral":30,"19121212-1212":5},"entryStep":3,"otherStep":90,"bupCap":30},"evidenceHotspot":{"minNegativeInsights":2,"minSources":2}}`
	csv := "Id;Text;Deltagare;Intervju;Koder\nr1;" + pii + ";" + pii + ";" + pii + ";" + pii + "\n"
	return []writeCase{
		{route: "POST /api/v1/projects", body: constBody(piiJSON(map[string]string{"id": "p", "name": pii, "description": pii})),
			idBody: `{"id":"19121212-1212","name":"x"}`, status: http.StatusCreated},
		{route: "PATCH " + p, body: constBody(piiJSON(map[string]string{"name": pii, "description": pii})), status: http.StatusOK},
		{route: "PUT " + p + "/actors/:actorId", params: fixed("actorId", "a1"), body: constBody(piiJSON(map[string]any{"name": pii, "kind": pii, "sector": "region",
			"offers": []any{map[string]any{"id": "o1", "name": pii, "level": "first_line", "access": "both", "targetGroups": []string{pii}}}})),
			idBody: `{"name":"x","sector":"region","offers":[{"id":"19121212-1212","name":"x","level":"first_line","access":"both"}]}`, status: http.StatusCreated},
		{route: "PUT " + p + "/needs/:needId", params: fixed("needId", "n1"), body: constBody(piiJSON(map[string]string{"title": pii, "targetGroup": pii, "level": "first_line"})), status: http.StatusCreated},
		{route: "PUT " + p + "/sources/:sourceId", params: fixed("sourceId", "src1"), body: constBody(piiJSON(map[string]string{"kind": "interview", "pseudonym": pii})), status: http.StatusCreated},
		{route: "PUT " + p + "/journeys/:journeyId", body: func(*piiState) string { return piiJourneyDoc(t) },
			idBody: strings.Replace(string(specExample(t)), `"id": "s2"`, `"id": "0701234567"`, 1), status: http.StatusCreated},
		{route: "PUT " + p + "/settings", body: constBody(settings), status: http.StatusBadRequest},
		{route: "POST " + j + "/stages", body: constBody(piiJSON(map[string]any{"id": "st2", "name": pii, "order": 2})),
			idBody: `{"id":"19121212-1212","name":"x"}`, status: http.StatusCreated},
		{route: "PATCH " + j + "/stages/:elementId", params: fixed("elementId", "st2"), body: constBody(piiJSON(map[string]string{"name": pii})), status: http.StatusOK},
		{route: "POST " + j + "/steps", body: constBody(piiJSON(map[string]any{"id": "s9", "title": pii, "actor": "vc", "stage": "st2"})),
			idBody: `{"id":"0701234567","title":"x","actor":"vc"}`, status: http.StatusCreated},
		{route: "PATCH " + j + "/steps/:elementId", params: fixed("elementId", "s9"), body: constBody(piiJSON(map[string]string{"title": pii})), status: http.StatusOK},
		{route: "POST " + j + "/handovers", body: constBody(`{"id":"h9","from":"s2","to":"s9","type":"referral"}`),
			idBody: `{"id":"anna.k@example.se","from":"s2","to":"s9","type":"referral"}`, status: http.StatusCreated},
		{route: "PATCH " + j + "/handovers/:elementId", params: fixed("elementId", "h9"), body: constBody(`{"information":"partial"}`), status: http.StatusOK},
		{route: "POST " + j + "/insights", body: constBody(piiJSON(map[string]any{"id": "i9", "text": pii, "kind": "quote", "tags": []string{pii}, "about": []string{"s9"}, "source": "src1"})),
			idBody: `{"id":"i10","text":"x","kind":"quote","about":["19121212-1212"]}`, status: http.StatusCreated},
		{route: "PATCH " + j + "/insights/:elementId", params: fixed("elementId", "i9"), body: constBody(piiJSON(map[string]any{"text": pii, "tags": []string{pii, "ok"}})), status: http.StatusOK},
		{route: "PUT " + p + "/findings/:fingerprint", params: func(s *piiState) map[string]string { return map[string]string{"fingerprint": s.fingerprint} },
			body: constBody(piiJSON(map[string]string{"status": "dismissed", "reason": pii, "note": pii})), status: http.StatusCreated},
		// Goals and measures first: the proposal test below observes measure m1.
		{route: "PUT " + p + "/goals/:goalId", params: fixed("goalId", "g1"), body: constBody(piiJSON(map[string]string{"title": pii, "description": pii, "perspective": "person"})), status: http.StatusCreated},
		{route: "PUT " + p + "/measures/:measureId", params: fixed("measureId", "m1"),
			body:   constBody(piiJSON(map[string]any{"goal": "g1", "name": pii, "unit": pii, "direction": "increase", "scope": map[string][]string{"targetGroups": {pii}}, "observations": []any{map[string]any{"at": "2026-01-01", "value": 1, "note": pii, "source": pii}}})),
			idBody: `{"goal":"g1","name":"x","direction":"increase","scope":{"actors":["19121212-1212"]}}`, status: http.StatusCreated},
		{route: "POST " + p + "/baselines", body: constBody(piiJSON(map[string]string{"id": "b1", "title": pii})), status: http.StatusCreated},
		{route: "POST " + p + "/measures/:measureId/observations", params: fixed("measureId", "m1"), body: constBody(piiJSON(map[string]any{"at": "2026-02-01", "value": 2, "note": pii, "source": pii})), status: http.StatusCreated},
		{route: "PUT " + p + "/proposals/:proposalId", params: fixed("proposalId", "pr1"),
			body:   constBody(piiJSON(map[string]any{"title": pii, "description": pii, "investment": pii, "owners": []string{"vc"}})),
			idBody: `{"title":"x","owners":["19121212-1212"]}`, status: http.StatusCreated},
		{route: "POST " + p + "/proposals/:proposalId/decisions", params: fixed("proposalId", "pr1"),
			body:   constBody(piiJSON(map[string]any{"from": "idea", "to": "analysis", "outcome": "go", "decidedBy": pii, "mandate": pii, "rationale": pii})),
			idBody: `{"from":"idea","to":"analysis","outcome":"go","decidedBy":"x","mandate":"m","basedOn":["19121212-1212"]}`, status: http.StatusCreated},
		{route: "PUT " + p + "/proposals/:proposalId/tests/:testId", params: fixed("proposalId", "pr1", "testId", "t1"),
			body: constBody(piiJSON(map[string]any{"kind": "pilot", "status": "done", "plan": pii, "result": pii,
				"observations": []any{map[string]any{"measure": "m1", "at": "2026-05-01", "value": 3, "note": pii}}})),
			idBody: `{"kind":"pilot","status":"planned","actors":["0701234567"]}`, status: http.StatusCreated},
		{route: "POST " + p + "/imports", status: http.StatusOK,
			send: func(t *testing.T, ts *testServer, _ *piiState, path string) response {
				opts := piiJSON(map[string]any{"format": "csv", "csv": map[string]string{"text": "Text", "participant": "Deltagare", "source": "Intervju", "tags": "Koder", "id": "Id"},
					"mapping": map[string][]string{pii: {"step:" + piiJourney + "/s9"}}})
				ct, body := multipartImport(t, opts, "intervju 19121212-1212 anna.k@example.se.csv", []byte(csv))
				return ts.do(t, "POST", path, body, "Content-Type", ct)
			},
			after: func(t *testing.T, ts *testServer, s *piiState, _ response) {
				var l struct{ Items []struct{ ID string } }
				_ = json.Unmarshal(ts.must(t, http.StatusOK, "GET", "/api/v1/projects/p/evidence", nil).Body, &l)
				if len(l.Items) == 0 {
					t.Fatal("the import stored no evidence")
				}
				s.evidenceID = l.Items[0].ID
			}},
		{route: "PATCH " + p + "/evidence/:evidenceId", params: func(s *piiState) map[string]string { return map[string]string{"evidenceId": s.evidenceID} },
			body:   constBody(piiJSON(map[string]any{"tags": []string{pii}, "about": []string{"step:" + piiJourney + "/s1"}})),
			idBody: `{"about":["step:` + piiJourney + `/19121212-1212"]}`, status: http.StatusOK},
		{route: "PUT " + p + "/webhook-endpoints/:endpointId", params: fixed("endpointId", "wh1"),
			body:   constBody(piiJSON(map[string]any{"format": "dovetail", "mapping": map[string][]string{pii: {"step:" + piiJourney + "/s1"}}})),
			idBody: `{"format":"dovetail","mapping":{"x":["step:` + piiJourney + `/0701234567"]}}`, status: http.StatusCreated,
			after: func(t *testing.T, _ *testServer, s *piiState, r response) {
				var ep struct{ Secret string }
				_ = json.Unmarshal(r.Body, &ep)
				s.secret = ep.Secret
			}},
		{route: "POST " + p + "/webhooks/:endpointId", params: fixed("endpointId", "wh1"), status: http.StatusOK,
			send: func(t *testing.T, ts *testServer, s *piiState, path string) response {
				body := piiJSON(map[string]any{"data": []any{map[string]any{"id": "hl-19121212-1212", "text": pii, "created_at": "2026-03-10T09:00:00Z",
					"tags": []any{map[string]string{"id": "t1", "title": pii}}}}, "page": map[string]bool{"has_more": false}})
				return signed(t, ts, path, s.secret, "msg-19121212-1212-anna.k@example.se", time.Now(), body)
			}},
		{route: "POST " + p + "/webhook-endpoints/:endpointId/rotate", params: fixed("endpointId", "wh1"), status: http.StatusOK},
		{route: "POST /api/v1/tokens", body: constBody(piiJSON(map[string]any{"name": pii, "role": "analyst", "projects": []string{"p"}})),
			idBody: `{"name":"x","role":"analyst","projects":["19121212-1212"]}`, status: http.StatusCreated,
			after: func(t *testing.T, _ *testServer, s *piiState, r response) {
				var tok struct{ ID string }
				_ = json.Unmarshal(r.Body, &tok)
				s.tokenID = tok.ID
			}},
		// Deletes come last, each of something made above or for it.
		{route: "DELETE /api/v1/tokens/:tokenId", params: func(s *piiState) map[string]string { return map[string]string{"tokenId": s.tokenID} }, status: http.StatusNoContent},
		{route: "DELETE " + p + "/findings/:fingerprint", params: func(s *piiState) map[string]string { return map[string]string{"fingerprint": s.fingerprint} }, status: http.StatusNoContent},
		{route: "DELETE " + p + "/proposals/:proposalId/tests/:testId", params: fixed("proposalId", "pr1", "testId", "t1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/proposals/:proposalId", params: fixed("proposalId", "pr1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/evidence/:evidenceId", params: func(s *piiState) map[string]string { return map[string]string{"evidenceId": s.evidenceID} }, status: http.StatusNoContent},
		{route: "DELETE " + p + "/webhook-endpoints/:endpointId", params: fixed("endpointId", "wh1"), status: http.StatusNoContent},
		{route: "DELETE " + j + "/insights/:elementId", params: fixed("elementId", "i9"), status: http.StatusNoContent},
		{route: "DELETE " + j + "/handovers/:elementId", params: fixed("elementId", "h9"), status: http.StatusNoContent},
		{route: "DELETE " + j + "/steps/:elementId", params: fixed("elementId", "s9"), status: http.StatusNoContent},
		{route: "DELETE " + j + "/stages/:elementId", params: fixed("elementId", "st2"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/actors/:actorId", params: fixed("actorId", "a1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/needs/:needId", params: fixed("needId", "n1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/sources/:sourceId", params: fixed("sourceId", "src1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/baselines/:baselineId", params: fixed("baselineId", "b1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/measures/:measureId", params: fixed("measureId", "m1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/goals/:goalId", params: fixed("goalId", "g1"), status: http.StatusNoContent},
		{route: "DELETE " + p + "/journeys/:journeyId", status: http.StatusNoContent},
		{route: "DELETE " + p, params: fixed("projectId", "gone"), status: http.StatusNoContent},
	}
}

// fillPath puts the parameter values into a gin route path.
func fillPath(route string, params map[string]string) string {
	segs := strings.Split(route, "/")
	for i, seg := range segs {
		if strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*") {
			segs[i] = params[seg[1:]]
		}
	}
	return strings.Join(segs, "/")
}

// routerRoutes lists the API's routes, as its router holds them.
func routerRoutes(t *testing.T) gin.RoutesInfo {
	h, err := api.NewServer(api.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return h.(*gin.Engine).Routes()
}

// findPII fails the test for every form of the personal data found in data.
func findPII(t *testing.T, where string, data []byte) {
	t.Helper()
	for _, form := range piiForms {
		if strings.Contains(string(data), form) {
			i := strings.Index(string(data), form)
			t.Errorf("%s holds %q: …%s…", where, form, data[max(0, i-80):min(len(data), i+len(form)+80)])
		}
	}
}

// TestPersonalDataIsNeverStoredOrLogged sends personal data to every write route the
// router has, in every text field, in ids in bodies and in every path parameter, then
// looks for it in the data directory, every GET answer, the audit logs and the server's
// log. A write route added later fails this test until it is added to writeCases.
func TestPersonalDataIsNeverStoredOrLogged(t *testing.T) {
	dataDir := t.TempDir()
	ts := startServer(t, dataDir, nil, "--rate-limit", "100000", "--rate-burst", "100000")
	cases := writeCases(t)
	byRoute := map[string]bool{}
	for _, c := range cases {
		byRoute[c.route] = true
	}
	routes := routerRoutes(t)
	known := map[string]bool{}
	for _, r := range routes {
		key := r.Method + " " + r.Path
		known[key] = true
		if r.Method != http.MethodGet && !byRoute[key] {
			t.Errorf("write route %s has no case in writeCases: add one that sends personal data in every text field", key)
		}
	}
	for key := range byRoute {
		if !known[key] {
			t.Errorf("writeCases names %s, which the router does not have", key)
		}
	}
	if t.Failed() {
		return
	}
	ts.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"gone","name":"Tas bort"}`)

	s := &piiState{}
	base := map[string]string{"projectId": "p", "journeyId": piiJourney}
	redacted := 0
	for _, c := range cases {
		method, route, _ := strings.Cut(c.route, " ")
		params := map[string]string{}
		for k, v := range base {
			params[k] = v
		}
		if c.params != nil {
			for k, v := range c.params(s) {
				params[k] = v
			}
		}
		// Journey edits need the journey's ETag.
		var hdr []string
		if strings.Contains(route, "/journeys/:journeyId") {
			if g := ts.do(t, "GET", fillPath("/api/v1/projects/:projectId/journeys/:journeyId", params), nil); g.Status == http.StatusOK {
				hdr = []string{"If-Match", g.Header.Get("ETag")}
			}
		}
		body := ""
		if c.body != nil {
			body = c.body(s)
		}
		// Personal data in each path parameter, and a query string with it: refused.
		for _, seg := range strings.Split(route, "/") {
			if !strings.HasPrefix(seg, ":") {
				continue
			}
			for _, id := range piiIDs {
				bad := map[string]string{}
				for k, v := range params {
					bad[k] = v
				}
				bad[seg[1:]] = id
				path := fillPath(route, bad) + "?note=19121212-1212"
				var r response
				if c.send != nil {
					r = c.send(t, ts, s, path)
				} else {
					r = ts.do(t, method, path, nilIfEmpty(body), hdr...)
				}
				if r.Status != http.StatusBadRequest {
					t.Errorf("%s with %s = %q: %d; want 400\n%s", c.route, seg, id, r.Status, r.Body)
				}
			}
		}
		path := fillPath(route, params)
		if c.idBody != "" {
			if r := ts.do(t, method, path, c.idBody, hdr...); r.Status != http.StatusBadRequest {
				t.Errorf("%s with personal data in a body id = %d; want 400\n%s", c.route, r.Status, r.Body)
			}
		}
		var r response
		if c.send != nil {
			r = c.send(t, ts, s, path)
		} else {
			r = ts.do(t, method, path, nilIfEmpty(body), hdr...)
		}
		if r.Status != c.status {
			t.Fatalf("%s %s = %d; want %d\n%s", method, path, r.Status, c.status, r.Body)
		}
		if r.Header.Get("Glapp-Redacted") != "" {
			redacted++
		}
		findPII(t, c.route+" answer", r.Body)
		if c.after != nil {
			c.after(t, ts, s, r)
		}
		if c.route == "PUT /api/v1/projects/:projectId/journeys/:journeyId" {
			// Now there are findings to triage, and every GET has something to show.
			s.fingerprint = firstFingerprint(t, ts)
		}
		if c.route == "PUT /api/v1/projects/:projectId/webhook-endpoints/:endpointId/rotate" || c.route == "POST /api/v1/tokens" {
			walkGETs(t, ts, routes, params, s)
		}
	}
	if redacted < 10 {
		t.Errorf("only %d writes said Glapp-Redacted; the personal data did not reach the redactor", redacted)
	}

	var audit []byte
	for _, path := range []string{"/api/v1/projects/p/audit?limit=500", "/api/v1/audit?limit=500"} {
		audit = append(audit, ts.must(t, http.StatusOK, "GET", path, nil).Body...)
	}
	findPII(t, "the audit log", audit)
	if !strings.Contains(string(audit), `"INVALID"`) || !strings.Contains(string(audit), `"#`) {
		t.Errorf("the audit log lacks refused writes with hashed ids:\n%.3000s", audit)
	}

	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	findPII(t, "the server log", []byte(ts.Logs.String()))
	stored := 0
	err := filepath.WalkDir(dataDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		stored += strings.Count(string(data), "[PNR]")
		findPII(t, path, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored == 0 {
		t.Error("the data directory holds no [PNR] marker: the writes stored nothing")
	}
}

func nilIfEmpty(body string) any {
	if body == "" {
		return nil
	}
	return body
}

// firstFingerprint returns a finding of the project's journey.
func firstFingerprint(t *testing.T, ts *testServer) string {
	t.Helper()
	r, _ := getReport(t, ts, "/api/v1/projects/p/journeys/"+piiJourney+"/gaps")
	if len(r.Findings) == 0 {
		t.Fatal("the journey has no findings to triage")
	}
	return r.Findings[0].Fingerprint
}

// walkGETs reads every GET route the router has, with the ids made so far, and with
// personal data in each path parameter, and looks for personal data in the answers.
func walkGETs(t *testing.T, ts *testServer, routes gin.RoutesInfo, params map[string]string, s *piiState) {
	t.Helper()
	all := map[string]string{"actorId": "a1", "sourceId": "src1", "elementId": "s9", "endpointId": "wh1", "tokenId": s.tokenID,
		"evidenceId": s.evidenceID, "fingerprint": s.fingerprint, "any": "index.html", "filepath": ""}
	for k, v := range params {
		all[k] = v
	}
	for _, r := range routes {
		if r.Method != http.MethodGet {
			continue
		}
		resp := ts.do(t, "GET", fillPath(r.Path, all), nil)
		if resp.Status >= 500 {
			t.Errorf("GET %s = %d\n%s", r.Path, resp.Status, resp.Body)
		}
		findPII(t, "GET "+r.Path, resp.Body)
		for _, seg := range strings.Split(r.Path, "/") {
			if strings.HasPrefix(seg, ":") {
				bad := map[string]string{}
				for k, v := range all {
					bad[k] = v
				}
				bad[seg[1:]] = piiIDs[0]
				if resp := ts.do(t, "GET", fillPath(r.Path, bad)+"?q=anna.k@example.se", nil); resp.Status != http.StatusBadRequest {
					t.Errorf("GET %s with %s = %q: %d; want 400", r.Path, seg, piiIDs[0], resp.Status)
				}
			}
		}
	}
}
