package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// routeAccess is what each route should demand, decided here apart from the API's own
// table, so that a route added without a decision fails TestAccessMatrix:
// "open" (no token), "any" (any valid token), or a permission inside a project
// ("read", "write", "triage", "admin") or outside one ("global-admin", "metrics").
var routeAccess = map[string]string{
	"GET /healthz":        "open",
	"GET /readyz":         "open",
	"GET /api/v1/version": "open",
	"GET /openapi.json":   "open",
	"GET /docs":           "open",
	"GET /docs/*any":      "open",
	"GET /ui":             "open",
	"GET /ui/*filepath":   "open",
	"GET /metrics":        "metrics",
	"GET /api/v1/whoami":  "any",

	"GET /api/v1/rules":              "any",
	"POST /api/v1/tokens":            "global-admin",
	"GET /api/v1/tokens":             "global-admin",
	"DELETE /api/v1/tokens/:tokenId": "global-admin",
	"GET /api/v1/audit":              "global-admin",
	"GET /api/v1/backup":             "global-admin",
	"POST /api/v1/projects":          "global-admin",
	"GET /api/v1/projects":           "any",

	"GET /api/v1/projects/:projectId":       "read",
	"PATCH /api/v1/projects/:projectId":     "write",
	"DELETE /api/v1/projects/:projectId":    "admin",
	"GET /api/v1/projects/:projectId/audit": "read",

	"GET /api/v1/projects/:projectId/actors":             "read",
	"PUT /api/v1/projects/:projectId/actors/:actorId":    "write",
	"GET /api/v1/projects/:projectId/actors/:actorId":    "read",
	"DELETE /api/v1/projects/:projectId/actors/:actorId": "write",

	"GET /api/v1/projects/:projectId/sources":                           "read",
	"PUT /api/v1/projects/:projectId/sources/:sourceId":                 "write",
	"GET /api/v1/projects/:projectId/sources/:sourceId":                 "read",
	"DELETE /api/v1/projects/:projectId/sources/:sourceId":              "write",
	"GET /api/v1/projects/:projectId/goals":                             "read",
	"PUT /api/v1/projects/:projectId/goals/:goalId":                     "write",
	"GET /api/v1/projects/:projectId/goals/:goalId":                     "read",
	"DELETE /api/v1/projects/:projectId/goals/:goalId":                  "write",
	"GET /api/v1/projects/:projectId/measures":                          "read",
	"GET /api/v1/projects/:projectId/effect-chain":                      "read",
	"GET /api/v1/projects/:projectId/compare":                           "read",
	"GET /api/v1/projects/:projectId/agenda":                            "read",
	"GET /api/v1/projects/:projectId/offering":                          "read",
	"GET /api/v1/projects/:projectId/needs":                             "read",
	"PUT /api/v1/projects/:projectId/needs/:needId":                     "write",
	"GET /api/v1/projects/:projectId/needs/:needId":                     "read",
	"DELETE /api/v1/projects/:projectId/needs/:needId":                  "write",
	"PUT /api/v1/projects/:projectId/measures/:measureId":               "write",
	"GET /api/v1/projects/:projectId/measures/:measureId":               "read",
	"DELETE /api/v1/projects/:projectId/measures/:measureId":            "write",
	"POST /api/v1/projects/:projectId/measures/:measureId/observations": "write",
	"GET /api/v1/projects/:projectId/journeys/:journeyId/versions":      "read",
	"POST /api/v1/projects/:projectId/baselines":                        "write",
	"GET /api/v1/projects/:projectId/baselines":                         "read",
	"GET /api/v1/projects/:projectId/baselines/:baselineId":             "read",
	"DELETE /api/v1/projects/:projectId/baselines/:baselineId":          "write",
	"GET /api/v1/projects/:projectId/baselines/:baselineId/gaps":        "read",
	"GET /api/v1/projects/:projectId/baselines/:baselineId/measures":    "read",

	"GET /api/v1/projects/:projectId/journeys":               "read",
	"PUT /api/v1/projects/:projectId/journeys/:journeyId":    "write",
	"GET /api/v1/projects/:projectId/journeys/:journeyId":    "read",
	"DELETE /api/v1/projects/:projectId/journeys/:journeyId": "write",
	"GET /api/v1/projects/:projectId/journey-template":       "read",

	"GET /api/v1/projects/:projectId/gaps":                     "read",
	"GET /api/v1/projects/:projectId/settings":                 "read",
	"PUT /api/v1/projects/:projectId/settings":                 "write",
	"GET /api/v1/projects/:projectId/findings":                 "read",
	"PUT /api/v1/projects/:projectId/findings/:fingerprint":    "triage",
	"GET /api/v1/projects/:projectId/findings/:fingerprint":    "read",
	"DELETE /api/v1/projects/:projectId/findings/:fingerprint": "triage",

	"GET /api/v1/projects/:projectId/proposals":                              "read",
	"PUT /api/v1/projects/:projectId/proposals/:proposalId":                  "write",
	"GET /api/v1/projects/:projectId/proposals/:proposalId":                  "read",
	"DELETE /api/v1/projects/:projectId/proposals/:proposalId":               "write",
	"POST /api/v1/projects/:projectId/proposals/:proposalId/decisions":       "write",
	"GET /api/v1/projects/:projectId/proposals/:proposalId/decisions":        "read",
	"GET /api/v1/projects/:projectId/proposals/:proposalId/tests":            "read",
	"PUT /api/v1/projects/:projectId/proposals/:proposalId/tests/:testId":    "write",
	"GET /api/v1/projects/:projectId/proposals/:proposalId/tests/:testId":    "read",
	"DELETE /api/v1/projects/:projectId/proposals/:proposalId/tests/:testId": "write",

	"POST /api/v1/projects/:projectId/imports":                              "import",
	"GET /api/v1/projects/:projectId/evidence":                              "read",
	"GET /api/v1/projects/:projectId/evidence/:evidenceId":                  "read",
	"PATCH /api/v1/projects/:projectId/evidence/:evidenceId":                "triage",
	"DELETE /api/v1/projects/:projectId/evidence/:evidenceId":               "write",
	"GET /api/v1/projects/:projectId/webhook-endpoints":                     "import",
	"PUT /api/v1/projects/:projectId/webhook-endpoints/:endpointId":         "import",
	"POST /api/v1/projects/:projectId/webhook-endpoints/:endpointId/rotate": "import",
	"DELETE /api/v1/projects/:projectId/webhook-endpoints/:endpointId":      "import",
	"POST /api/v1/projects/:projectId/webhooks/:endpointId":                 "signed",

	"GET /api/v1/projects/:projectId/journeys/:journeyId/diagram":                 "read",
	"GET /api/v1/projects/:projectId/journeys/:journeyId/conformance":             "read",
	"GET /api/v1/projects/:projectId/journeys/:journeyId/gaps":                    "read",
	"POST /api/v1/projects/:projectId/journeys/:journeyId/stages":                 "write",
	"PATCH /api/v1/projects/:projectId/journeys/:journeyId/stages/:elementId":     "write",
	"DELETE /api/v1/projects/:projectId/journeys/:journeyId/stages/:elementId":    "write",
	"POST /api/v1/projects/:projectId/journeys/:journeyId/steps":                  "write",
	"PATCH /api/v1/projects/:projectId/journeys/:journeyId/steps/:elementId":      "write",
	"DELETE /api/v1/projects/:projectId/journeys/:journeyId/steps/:elementId":     "write",
	"POST /api/v1/projects/:projectId/journeys/:journeyId/handovers":              "write",
	"PATCH /api/v1/projects/:projectId/journeys/:journeyId/handovers/:elementId":  "write",
	"DELETE /api/v1/projects/:projectId/journeys/:journeyId/handovers/:elementId": "write",
	"POST /api/v1/projects/:projectId/journeys/:journeyId/insights":               "write",
	"PATCH /api/v1/projects/:projectId/journeys/:journeyId/insights/:elementId":   "write",
	"DELETE /api/v1/projects/:projectId/journeys/:journeyId/insights/:elementId":  "write",
}

// accessFixture is an API on an embedded store with projects "own" and "foreign" and a
// token of each role; the non-admin tokens hold "own" only.
type accessFixture struct {
	t      *testing.T
	srv    *httptest.Server
	engine *gin.Engine
	tokens map[journeys.Role]string
}

func newAccessFixture(t *testing.T) *accessFixture {
	t.Helper()
	store, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h, err := api.NewServer(api.Config{Store: store, AdminToken: testAdminToken, RateLimit: 1e6, RateBurst: 1e6})
	if err != nil {
		t.Fatal(err)
	}
	f := &accessFixture{t: t, srv: httptest.NewServer(h), engine: h.(*gin.Engine), tokens: map[journeys.Role]string{journeys.RoleAdmin: testAdminToken}}
	t.Cleanup(f.srv.Close)
	f.ensureProjects()
	for _, role := range []journeys.Role{journeys.RoleLead, journeys.RoleAnalyst, journeys.RoleIntegration, journeys.RoleMetrics} {
		projects := `,"projects":["own"]`
		if !role.NeedsProjects() {
			projects = ""
		}
		r := f.call(testAdminToken, "POST", "/api/v1/tokens", `{"name":"`+string(role)+`","role":"`+string(role)+`"`+projects+`}`)
		var created struct{ Secret string }
		if err := json.Unmarshal(r.body, &created); err != nil || r.status != http.StatusCreated || created.Secret == "" {
			t.Fatalf("create %s token: %d %s", role, r.status, r.body)
		}
		f.tokens[role] = created.Secret
	}
	return f
}

type answer struct {
	status int
	body   []byte
	code   string
}

func (f *accessFixture) call(token, method, path, body string) answer {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, f.srv.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("If-Match", "*")
	// One request id for every call, so that answers compare byte for byte: a problem body
	// names the request's id.
	req.Header.Set("X-Request-Id", "access-matrix")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var p struct{ Code string }
	_ = json.Unmarshal(b, &p)
	return answer{resp.StatusCode, b, p.Code}
}

// ensureProjects (re)creates the two projects, which a DELETE in the matrix may remove.
func (f *accessFixture) ensureProjects() {
	for _, id := range []string{"own", "foreign"} {
		if r := f.call(testAdminToken, "GET", "/api/v1/projects/"+id, ""); r.status == http.StatusOK {
			continue
		}
		if r := f.call(testAdminToken, "POST", "/api/v1/projects", `{"id":"`+id+`","name":"`+id+`"}`); r.status != http.StatusCreated {
			f.t.Fatalf("create project %s: %d %s", id, r.status, r.body)
		}
	}
}

// concrete fills a route's parameters: the project, a fingerprint of the right form (a
// malformed one is refused before access is decided), and "x" for every other id.
func concrete(route, project string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		switch {
		case p == ":projectId":
			parts[i] = project
		case p == ":fingerprint":
			parts[i] = "0123456789abcdef0123456789abcdef"
		case strings.HasPrefix(p, ":"):
			parts[i] = "x"
		case strings.HasPrefix(p, "*"):
			parts[i] = "index.html"
		}
	}
	return strings.Join(parts, "/")
}

func TestAccessMatrix(t *testing.T) {
	f := newAccessFixture(t)
	roles := []journeys.Role{"", journeys.RoleAdmin, journeys.RoleLead, journeys.RoleAnalyst, journeys.RoleIntegration, journeys.RoleMetrics}
	perms := map[string]journeys.Permission{"import": journeys.PermImport, "read": journeys.PermRead, "write": journeys.PermWrite, "triage": journeys.PermTriage, "admin": journeys.PermAdmin, "global-admin": journeys.PermAdmin, "metrics": journeys.PermMetrics}
	foreignBodies := map[string][]byte{}

	for _, r := range f.engine.Routes() {
		key := r.Method + " " + r.Path
		want, ok := routeAccess[key]
		if !ok {
			t.Errorf("route %s has no access decision in routeAccess: decide who may use it", key)
			continue
		}
		scopes := []string{""}
		if strings.Contains(r.Path, ":projectId") {
			scopes = []string{"own", "foreign", "missing"}
		}
		body := ""
		if r.Method == "POST" || r.Method == "PUT" || r.Method == "PATCH" {
			body = "{}"
		}
		for _, role := range roles {
			for _, scope := range scopes {
				f.ensureProjects()
				path := concrete(r.Path, scope)
				got := f.call(f.tokens[role], r.Method, path, body)
				hidden := got.status == http.StatusNotFound && bytes.Contains(got.body, []byte(`Project \"`+scope+`\" does not exist.`))
				var outcome string
				switch {
				case got.status == http.StatusUnauthorized:
					outcome = "unauthenticated"
				case got.status == http.StatusForbidden && got.code == "FORBIDDEN":
					outcome = "forbidden"
				case hidden:
					outcome = "hidden"
				default:
					outcome = "allowed"
				}
				var expect string
				p := journeys.Principal{Role: role}
				if role.NeedsProjects() {
					p.Projects = []string{"own"}
				}
				switch {
				case want == "open":
					expect = "allowed"
				case want == "signed":
					// No token opens it, an admin's included: only a valid signature does.
					expect = "unauthenticated"
				case role == "":
					expect = "unauthenticated"
				case scope == "missing" && role == journeys.RoleAdmin && outcome == "allowed":
					expect = "allowed" // some project routes answer for a missing project (an empty audit log)
				case scope == "missing" || (scope != "" && !p.Holds(scope)): // a metrics token holds no project
					expect = "hidden"
				case want == "any" || role.Can(perms[want]):
					expect = "allowed"
				default:
					expect = "forbidden"
				}
				if outcome != expect {
					t.Errorf("%s as %q in %q project: %s (%d %s); want %s", key, role, scope, outcome, got.status, got.body, expect)
				}
				if scope == "foreign" && expect == "hidden" {
					foreignBodies[string(role)+" "+r.Method+" "+path] = got.body
				}
			}
		}
	}

	// A project the token does not hold answers byte for byte as if it did not exist.
	if r := f.call(testAdminToken, "DELETE", "/api/v1/projects/foreign", ""); r.status != http.StatusNoContent {
		t.Fatalf("delete foreign: %d %s", r.status, r.body)
	}
	for k, before := range foreignBodies {
		parts := strings.SplitN(k, " ", 3)
		role, method, path := parts[0], parts[1], parts[2]
		body := ""
		if method == "POST" || method == "PUT" || method == "PATCH" {
			body = "{}"
		}
		after := f.call(f.tokens[journeys.Role(role)], method, path, body)
		if after.status != http.StatusNotFound || !bytes.Equal(before, after.body) {
			t.Errorf("%s %s as %s: foreign project answered\n%s\nbut a missing one\n%s", method, path, role, before, after.body)
		}
	}
	if len(foreignBodies) == 0 {
		t.Fatal("no foreign-project answers were compared; the test proves nothing")
	}
}

func TestTokens(t *testing.T) {
	f := newAccessFixture(t)
	// Secrets are shown once and never listed.
	list := f.call(testAdminToken, "GET", "/api/v1/tokens", "")
	for _, secret := range f.tokens {
		if bytes.Contains(list.body, []byte(secret)) {
			t.Fatal("the token list shows a secret")
		}
	}
	if bytes.Contains(list.body, []byte(journeys.HashSecret(f.tokens[journeys.RoleLead]))) {
		t.Fatal("the token list shows a secret's hash")
	}
	// A revoked token stops working at once.
	var page struct{ Items []journeys.Token }
	_ = json.Unmarshal(list.body, &page)
	var leadID string
	for _, tok := range page.Items {
		if tok.Role == journeys.RoleLead {
			leadID = tok.ID
		}
	}
	if r := f.call(f.tokens[journeys.RoleLead], "GET", "/api/v1/projects/own", ""); r.status != http.StatusOK {
		t.Fatalf("lead before revoking: %d", r.status)
	}
	if r := f.call(testAdminToken, "DELETE", "/api/v1/tokens/"+leadID, ""); r.status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	if r := f.call(f.tokens[journeys.RoleLead], "GET", "/api/v1/projects/own", ""); r.status != http.StatusUnauthorized {
		t.Fatalf("revoked lead: %d; want 401", r.status)
	}
	// An expired token is refused; a token for the past cannot even be made.
	if r := f.call(testAdminToken, "POST", "/api/v1/tokens", `{"name":"gammal","role":"analyst","projects":["own"],"expiresAt":"2001-01-01T00:00:00Z"}`); r.status != http.StatusBadRequest {
		t.Fatalf("token expiring in the past: %d; want 400", r.status)
	}
	// Non-admins see only the projects they hold.
	var projects struct{ Items []journeys.Project }
	_ = json.Unmarshal(f.call(f.tokens[journeys.RoleAnalyst], "GET", "/api/v1/projects", "").body, &projects)
	if len(projects.Items) != 1 || projects.Items[0].ID != "own" {
		t.Fatalf("analyst's project list = %v; want only own", projects.Items)
	}
}
