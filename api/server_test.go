package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/journeys"
)

// brokenStore fails in the ways a real store can fail: a panic in a bug, an unexpected
// error with internal detail, or an unreachable database.
type brokenStore struct {
	journeys.Backend
	ping func() error
}

func (s brokenStore) Ping(context.Context) error { return s.ping() }

func (s brokenStore) GetProject(context.Context, string) (*journeys.Project, error) {
	panic("index out of range in a bug")
}

func (s brokenStore) ListProjects(context.Context, journeys.Page) (*journeys.List[journeys.Project], error) {
	return nil, errors.New("open /var/lib/glapp/secret.db: permission denied")
}

func serve(t *testing.T, store journeys.Backend, method, path string) (*httptest.ResponseRecorder, string) {
	t.Helper()
	var logs bytes.Buffer
	h := newHandler(t, store, api.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, path, nil)
	req.Header.Set("Authorization", "Bearer secret")
	h.ServeHTTP(rec, req)
	return rec, logs.String()
}

func decodeProblem(t *testing.T, rec *httptest.ResponseRecorder) api.Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q; want application/problem+json", ct)
	}
	var p api.Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("body is not a problem: %v\n%s", err, rec.Body)
	}
	return p
}

func TestPanicBecomesInternalProblem(t *testing.T) {
	rec, logs := serve(t, brokenStore{}, "GET", "/api/v1/projects/p")
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusInternalServerError || p.Code != journeys.Internal || p.Detail != "Internal error." {
		t.Fatalf("panic answered %d %+v; want 500 INTERNAL with no detail", rec.Code, p)
	}
	if strings.Contains(rec.Body.String(), "index out of range") {
		t.Error("the panic's text reached the client")
	}
	id := rec.Header().Get("X-Request-Id")
	if !strings.Contains(logs, "index out of range") || !strings.Contains(logs, id) {
		t.Errorf("log lacks the panic or the request id %s:\n%s", id, logs)
	}
}

// panicOnce panics in its first CreateProject, as a bug would, and then works.
type panicOnce struct {
	journeys.Backend
	panicked *bool
}

func (s panicOnce) CreateProject(ctx context.Context, p *journeys.Project) (*journeys.Project, error) {
	if !*s.panicked {
		*s.panicked = true
		panic("a bug")
	}
	return s.Backend.CreateProject(ctx, p)
}

// TestIdempotencyKeyReleasedOnPanic checks that a request that panicked releases its
// Idempotency-Key like any other failure, so that the retry runs instead of being told
// for a minute that the first one is still running.
func TestIdempotencyKeyReleasedOnPanic(t *testing.T) {
	store, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h := newHandler(t, panicOnce{Backend: store, panicked: new(bool)}, api.Config{})
	post := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/v1/projects", strings.NewReader(`{"id":"p","name":"P"}`))
		req.Header.Set("Authorization", "Bearer secret")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "k-1")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := post(); rec.Code != http.StatusInternalServerError {
		t.Fatalf("first POST answered %d; want 500 from the panic\n%s", rec.Code, rec.Body)
	}
	if rec := post(); rec.Code != http.StatusCreated {
		t.Fatalf("retry after a panic answered %d; want 201\n%s", rec.Code, rec.Body)
	}
}

func TestInternalErrorDetailStaysInTheLog(t *testing.T) {
	rec, logs := serve(t, brokenStore{}, "GET", "/api/v1/projects")
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusInternalServerError || p.Detail != "Internal error." {
		t.Fatalf("got %d %+v; want 500 with no detail", rec.Code, p)
	}
	if strings.Contains(rec.Body.String(), "secret.db") {
		t.Error("internal error text reached the client")
	}
	if n := strings.Count(logs, "secret.db"); n != 1 {
		t.Errorf("the internal error is logged %d times; want once:\n%s", n, logs)
	}
}

func TestReadyzReportsAnUnreachableStore(t *testing.T) {
	down := brokenStore{ping: func() error { return errors.New("connection refused") }}
	rec, _ := serve(t, down, "GET", "/readyz")
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusServiceUnavailable || p.Code != journeys.Unavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("readyz with the store down = %d %+v, Retry-After %q; want 503 UNAVAILABLE with Retry-After", rec.Code, p, rec.Header().Get("Retry-After"))
	}
	up := brokenStore{ping: func() error { return nil }}
	if rec, _ := serve(t, up, "GET", "/readyz"); rec.Code != http.StatusOK {
		t.Fatalf("readyz with the store up = %d; want 200", rec.Code)
	}
	if rec, _ := serve(t, down, "GET", "/healthz"); rec.Code != http.StatusOK {
		t.Fatalf("healthz with the store down = %d; want 200 (liveness does not depend on the store)", rec.Code)
	}
}

func TestReadyzReportsADamagedStore(t *testing.T) {
	damaged := brokenStore{ping: func() error {
		return journeys.Errorf(journeys.Internal, "The database file is damaged; run glapp check and restore it from a copy.")
	}}
	rec, _ := serve(t, damaged, "GET", "/readyz")
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusServiceUnavailable || p.Code != journeys.Unavailable || !strings.Contains(p.Detail, "damage") {
		t.Fatalf("readyz with a damaged store = %d %+v; want 503 UNAVAILABLE saying the store reports damage", rec.Code, p)
	}
}

// TestIdempotentReplayReportsRedaction checks that a replay repeats the Glapp-Redacted
// header of the response it replays: the client sent the same body, and is told the same.
func TestIdempotentReplayReportsRedaction(t *testing.T) {
	store, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h := newHandler(t, store, api.Config{})
	post := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/v1/projects", strings.NewReader(`{"id":"p","name":"P","description":"Ring 070-123 45 67"}`))
		req.Header.Set("Authorization", "Bearer secret")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "k-1")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	first, replay := post(), post()
	if first.Code != http.StatusCreated || first.Header().Get("Glapp-Redacted") != "TELEFON=1" {
		t.Fatalf("first POST answered %d with Glapp-Redacted %q; want 201, TELEFON=1\n%s", first.Code, first.Header().Get("Glapp-Redacted"), first.Body)
	}
	if got := replay.Header().Get("Glapp-Redacted"); replay.Header().Get("Idempotent-Replayed") != "true" || got != "TELEFON=1" {
		t.Errorf("replay has Glapp-Redacted %q; want TELEFON=1, as the response it replays", got)
	}
}
