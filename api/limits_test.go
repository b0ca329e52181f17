package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/diagram"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/internal/stress"
	"github.com/glapp/glapp/journeys"
)

// limitServer serves an embedded store with the given journey limits, with project "p"
// and the stress journeys' actors in it.
type limitServer struct {
	t *testing.T
	h http.Handler
}

func newLimitServer(t *testing.T, limits journeys.Limits) *limitServer {
	t.Helper()
	store, err := embedded.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	store.Limits = limits
	s := &limitServer{t: t, h: newHandler(t, store, api.Config{})}
	s.want(http.StatusCreated, "POST", "/api/v1/projects", map[string]string{"id": "p", "name": "Gränser"})
	for id, a := range stress.Actors {
		s.want(http.StatusCreated, "PUT", "/api/v1/projects/p/actors/"+id, a)
	}
	return s
}

// do sends body (nil for none) as JSON with the admin token.
func (s *limitServer) do(method, path string, body any) *httptest.ResponseRecorder {
	s.t.Helper()
	return s.doIfMatch(method, path, body, "")
}

// doIfMatch is do with an If-Match header, unless etag is empty.
func (s *limitServer) doIfMatch(method, path string, body any, etag string) *httptest.ResponseRecorder {
	s.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			s.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, path, r)
	req.Header.Set("Authorization", "Bearer secret")
	req.Header.Set("Content-Type", "application/json")
	if etag != "" {
		req.Header.Set("If-Match", etag)
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	return rec
}

// want sends the request and fails the test unless it answers status.
func (s *limitServer) want(status int, method, path string, body any) *httptest.ResponseRecorder {
	s.t.Helper()
	rec := s.do(method, path, body)
	if rec.Code != status {
		s.t.Fatalf("%s %s = %d %s; want %d", method, path, rec.Code, rec.Body, status)
	}
	return rec
}

// wantLimitExceeded checks a 422 LIMIT_EXCEEDED problem whose violation names the list
// at pointer and its limit.
func wantLimitExceeded(t *testing.T, rec *httptest.ResponseRecorder, pointer, limit string) {
	t.Helper()
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusUnprocessableEntity || p.Code != journeys.LimitExceeded {
		t.Fatalf("answer = %d %s; want 422 LIMIT_EXCEEDED", rec.Code, rec.Body)
	}
	for _, v := range p.Errors {
		if v.Pointer == pointer && strings.Contains(v.Detail, "limit is "+limit) {
			return
		}
	}
	t.Errorf("problem %s names no limit of %s at %s", rec.Body, limit, pointer)
}

// TestJourneyLimits_RefuseAndChangeNothing checks that a journey PUT, and an element POST,
// that would make a journey larger than the store's limits answer 422 LIMIT_EXCEEDED
// naming the limit, and leave the stored journey as it was.
func TestJourneyLimits_RefuseAndChangeNothing(t *testing.T) {
	s := newLimitServer(t, journeys.Limits{Steps: 4, Handovers: 3, Insights: 10})
	const path = "/api/v1/projects/p/journeys/chain"

	// Over the limit on create: nothing is stored.
	wantLimitExceeded(t, s.do("PUT", path, stress.Chain(5)), "/steps", "4")
	s.want(http.StatusNotFound, "GET", path, nil)

	// At the limit: stored.
	s.want(http.StatusCreated, "PUT", path, stress.Chain(4))
	got := s.want(http.StatusOK, "GET", path, nil)
	before, etag := got.Body.String(), got.Header().Get("ETag")

	// Over the limit on replace: the stored journey stays as it was.
	big := stress.Chain(4)
	big.Handovers = append(big.Handovers, journeys.Handover{ID: "extra", From: "s0", To: "s2", Type: journeys.HandoverReferral})
	wantLimitExceeded(t, s.doIfMatch("PUT", path, big, etag), "/handovers", "3")
	if after := s.want(http.StatusOK, "GET", path, nil).Body.String(); after != before {
		t.Errorf("a refused PUT changed the journey:\nbefore %s\nafter  %s", before, after)
	}

	// An element that would cross the limit: refused the same way.
	step := journeys.Step{ID: "s4", Title: "Ett steg för mycket", Actor: "vc", Channel: journeys.ChannelPhone}
	wantLimitExceeded(t, s.doIfMatch("POST", path+"/steps", step, etag), "/steps", "4")
	handover := journeys.Handover{ID: "extra", From: "s0", To: "s2", Type: journeys.HandoverReferral}
	wantLimitExceeded(t, s.doIfMatch("POST", path+"/handovers", handover, etag), "/handovers", "3")
	if after := s.want(http.StatusOK, "GET", path, nil).Body.String(); after != before {
		t.Errorf("a refused POST changed the journey:\nbefore %s\nafter  %s", before, after)
	}
}

// TestDiagram_TooLargeAnswers422 checks that a journey too large to draw as SVG answers a
// 422 that suggests the text formats, and that those still draw it.
func TestDiagram_TooLargeAnswers422(t *testing.T) {
	s := newLimitServer(t, journeys.Limits{})
	n := diagram.MaxSVGElements/2 + 1 // n steps and n-1 hand-overs: just over the bound
	s.want(http.StatusCreated, "PUT", "/api/v1/projects/p/journeys/chain", stress.Chain(n))
	const path = "/api/v1/projects/p/journeys/chain/diagram"
	rec := s.do("GET", path, nil)
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusUnprocessableEntity || p.Code != journeys.LimitExceeded || !strings.Contains(p.Detail, "format=mermaid") {
		t.Fatalf("SVG of %d elements = %d %s; want 422 LIMIT_EXCEEDED suggesting format=mermaid", 2*n-1, rec.Code, rec.Body)
	}
	if rec := s.do("GET", path+"?format=mermaid", nil); rec.Code != http.StatusOK {
		t.Errorf("the suggested format=mermaid = %d %s; want 200", rec.Code, rec.Body)
	}
}
