package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// logLines is a captured JSON log, every level included.
type logLines struct{ buf bytes.Buffer }

func (l *logLines) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(&l.buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// lines returns every line logged, decoded.
func (l *logLines) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		m := map[string]any{}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON: %v\n%s", err, line)
		}
		out = append(out, m)
	}
	return out
}

// logged serves one request with a captured log and returns the answer and the lines.
func logged(t *testing.T, store journeys.Backend, cfg api.Config, req *http.Request) (*httptest.ResponseRecorder, []map[string]any) {
	t.Helper()
	var l logLines
	cfg.Logger = l.logger()
	h := newHandler(t, store, cfg)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec, l.lines(t)
}

func adminRequest(method, path, body string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer secret")
	req.Header.Set("Content-Type", "application/json")
	return req
}

func openStore(t *testing.T) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestRequestID_ClientsIsKept checks that a valid X-Request-Id from the client is the
// request's id everywhere: the response header, the problem body, the log line and the
// audit entry of its write.
func TestRequestID_ClientsIsKept(t *testing.T) {
	s := openStore(t)
	const id = "client-req.42_a"

	req := adminRequest("POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	req.Header.Set("X-Request-Id", id)
	rec, lines := logged(t, s, api.Config{}, req)
	if rec.Code != http.StatusCreated || rec.Header().Get("X-Request-Id") != id {
		t.Fatalf("POST /api/v1/projects with X-Request-Id %q = %d, X-Request-Id %q; want 201 and the id echoed", id, rec.Code, rec.Header().Get("X-Request-Id"))
	}
	if len(lines) != 1 || lines[0]["requestId"] != id {
		t.Errorf("log lines = %v; want one naming request %q", lines, id)
	}
	audit, err := s.ListAudit(t.Context(), "p", journeys.AuditFilter{}, journeys.Page{})
	if err != nil || len(audit.Items) != 1 || audit.Items[0].RequestID != id {
		t.Errorf("ListAudit(p) = %+v, %v; want one entry with request id %q", audit, err, id)
	}

	// A refused write: the problem body and the refusal's audit entry name the request.
	req = adminRequest("PATCH", "/api/v1/projects/p", `{"name":""}`)
	req.Header.Set("X-Request-Id", id+"-2")
	rec, _ = logged(t, s, api.Config{}, req)
	if p := decodeProblem(t, rec); p.RequestID != id+"-2" {
		t.Errorf("problem requestId = %q; want %q", p.RequestID, id+"-2")
	}
	audit, err = s.ListAudit(t.Context(), "p", journeys.AuditFilter{Outcome: string(journeys.Invalid)}, journeys.Page{})
	if err != nil || len(audit.Items) != 1 || audit.Items[0].RequestID != id+"-2" {
		t.Errorf("ListAudit(p, INVALID) = %+v, %v; want the refusal with request id %q", audit, err, id+"-2")
	}
}

// TestRequestID_BadOnesAreReplaced checks that an X-Request-Id that is not a short token,
// or that holds personal data, is never used, echoed or logged: the request gets an id of
// its own.
func TestRequestID_BadOnesAreReplaced(t *testing.T) {
	hexID := regexp.MustCompile(`^[0-9a-f]{16}$`)
	for _, bad := range []string{
		strings.Repeat("a", journeys.MaxRequestIDBytes+1),
		"two words",
		"id\"forged=1",
		"19121212-1212",
		"req-anna.svensson@example.se",
	} {
		req := adminRequest("GET", "/api/v1/projects/nope", "")
		req.Header.Set("X-Request-Id", bad)
		rec, lines := logged(t, openStore(t), api.Config{}, req)
		got := rec.Header().Get("X-Request-Id")
		if !hexID.MatchString(got) {
			t.Errorf("X-Request-Id %q answered with X-Request-Id %q; want a new id of 16 hex digits", bad, got)
		}
		if p := decodeProblem(t, rec); p.RequestID != got {
			t.Errorf("X-Request-Id %q: problem requestId = %q; want the new id %q", bad, p.RequestID, got)
		}
		if len(lines) != 1 || lines[0]["requestId"] != got {
			t.Errorf("X-Request-Id %q: log lines = %v; want one naming the new id %q", bad, lines, got)
		}
		if strings.Contains(rec.Body.String(), bad) {
			t.Errorf("X-Request-Id %q reached the answer: %s", bad, rec.Body)
		}
	}
}

// TestRequestLog_TokenAndClient checks that the request line names the token's id but
// never its secret, and the client's address as seen through trusted proxies only.
func TestRequestLog_TokenAndClient(t *testing.T) {
	s := openStore(t)
	a := &testAPI{h: newHandler(t, s, api.Config{}), store: s}
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	var created struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}
	rec := a.must(t, http.StatusCreated, "POST", "/api/v1/tokens", `{"name":"läsare","role":"analyst","projects":["p"]}`)
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil || created.Secret == "" {
		t.Fatalf("POST /api/v1/tokens = %s, %v; want a token with a secret", rec.Body, err)
	}

	cfg := api.Config{TrustedProxies: []string{"10.0.0.0/8"}}
	for _, tt := range []struct {
		name, remote, forwarded, want string
	}{
		{"TrustedProxy", "10.1.2.3:4711", "203.0.113.7", "203.0.113.7"},
		{"UntrustedProxy", "192.0.2.9:4711", "203.0.113.7", "192.0.2.9"},
		{"Direct", "198.51.100.4:4711", "", "198.51.100.4"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/api/v1/projects/p", nil)
			req.Header.Set("Authorization", "Bearer "+created.Secret)
			req.RemoteAddr = tt.remote
			if tt.forwarded != "" {
				req.Header.Set("X-Forwarded-For", tt.forwarded)
			}
			var l logLines
			cfg.Logger = l.logger()
			rec := httptest.NewRecorder()
			newHandler(t, s, cfg).ServeHTTP(rec, req)
			lines := l.lines(t)
			if rec.Code != http.StatusOK || len(lines) != 1 {
				t.Fatalf("GET /api/v1/projects/p = %d with %d log lines; want 200 and one line", rec.Code, len(lines))
			}
			if got := lines[0]["client"]; got != tt.want {
				t.Errorf("client = %v; want %q", got, tt.want)
			}
			if got := lines[0]["token"]; got != created.ID {
				t.Errorf("token = %v; want the token's id %q", got, created.ID)
			}
			if strings.Contains(l.buf.String(), created.Secret) {
				t.Errorf("the token's secret is in the log:\n%s", l.buf.String())
			}
		})
	}
}

// TestRequestLog_Levels checks what each kind of answer logs: successes and refusals
// one INFO line, a client that hung up INFO, a probe DEBUG, and a server failure exactly
// one ERROR line with the request id, whether the store failed or a handler panicked.
func TestRequestLog_Levels(t *testing.T) {
	s := openStore(t)
	a := &testAPI{h: newHandler(t, s, api.Config{}), store: s}
	a.must(t, http.StatusCreated, "POST", "/api/v1/projects", `{"id":"p","name":"Projekt"}`)
	hungUp := func() *http.Request {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return adminRequest("PATCH", "/api/v1/projects/p", `{"name":"Nytt"}`).WithContext(ctx)
	}
	for _, tt := range []struct {
		name   string
		store  journeys.Backend
		req    *http.Request
		status int
		level  string
	}{
		{"OK", s, adminRequest("GET", "/api/v1/projects/p", ""), 200, "INFO"},
		{"Refused", s, adminRequest("GET", "/api/v1/projects/nope", ""), 404, "INFO"},
		{"Unauthorized", s, httptest.NewRequest("GET", "/api/v1/projects", nil), 401, "INFO"},
		{"HungUp", cancelledWrites{s}, hungUp(), 499, "INFO"},
		{"Probe", s, httptest.NewRequest("GET", "/healthz", nil), 200, "DEBUG"},
		{"Version", s, httptest.NewRequest("GET", "/api/v1/version", nil), 200, "DEBUG"},
		{"StoreFailed", brokenStore{}, adminRequest("GET", "/api/v1/projects", ""), 500, "ERROR"},
		{"Panic", brokenStore{}, adminRequest("GET", "/api/v1/projects/p", ""), 500, "ERROR"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec, lines := logged(t, tt.store, api.Config{}, tt.req)
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d; want %d", tt.req.Method, tt.req.URL.Path, rec.Code, tt.status)
			}
			if len(lines) != 1 {
				t.Fatalf("%s %s logged %d lines; want one:\n%v", tt.req.Method, tt.req.URL.Path, len(lines), lines)
			}
			if got := lines[0]["level"]; got != tt.level {
				t.Errorf("%s %s logged at %v; want %s", tt.req.Method, tt.req.URL.Path, got, tt.level)
			}
			if got := lines[0]["requestId"]; got == "" || got != rec.Header().Get("X-Request-Id") {
				t.Errorf("log line requestId = %v; want the answer's X-Request-Id %q", got, rec.Header().Get("X-Request-Id"))
			}
			if tt.level == "ERROR" && lines[0]["error"] == nil {
				t.Errorf("the ERROR line has no error: %v", lines[0])
			}
		})
	}
}

// TestVersion checks that the version endpoint is open and answers what glapp version
// prints.
func TestVersion(t *testing.T) {
	rec, _ := logged(t, openStore(t), api.Config{}, httptest.NewRequest("GET", "/api/v1/version", nil))
	var got map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/version without a token = %d %s; want 200 and JSON", rec.Code, rec.Body)
	}
	for _, k := range []string{"version", "revision", "time", "goVersion", "modified"} {
		if _, ok := got[k]; !ok {
			t.Errorf("GET /api/v1/version lacks %q: %v", k, got)
		}
	}
}
