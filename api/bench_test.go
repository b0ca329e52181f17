package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// benchProject makes an embedded store, closed when b ends, with project "bench" and a
// generated journey of 50 steps for each of ids.
func benchProject(b *testing.B, ids ...string) *embedded.Store {
	b.Helper()
	s, err := embedded.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ctx := b.Context()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "bench", Name: "Benchmark"}); err != nil {
		b.Fatal(err)
	}
	for _, id := range ids {
		if _, _, err := s.PutJourney(ctx, "bench", storetest.GenerateJourney(id, 50, "A"), journeys.Precondition{}); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkStampedRead measures what a repeated read costs the server, without the
// network: the middleware chain, the stamp lookup and the cached answer.
//
//	go test ./api -run '^$' -bench BenchmarkStampedRead -benchmem
func BenchmarkStampedRead(b *testing.B) {
	s := benchProject(b, "j")
	h := newHandler(b, s, api.Config{RateLimit: 1e9, RateBurst: 1e9})
	for _, path := range []string{"", "/gaps", "/diagram"} {
		b.Run("read="+map[string]string{"": "journey", "/gaps": "gaps", "/diagram": "diagram"}[path], func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/projects/bench/journeys/j"+path, nil)
			req.Header.Set("Authorization", "Bearer secret")
			req.Header.Set("Accept-Encoding", "gzip")
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

// BenchmarkProjectReportRepeated measures the project gap report of 1,000 journeys of 50
// steps asked again with nothing changed, as a browser asks (Accept-Encoding: gzip): one
// look at the stamp and the kept compressed answer. The first answer, made before the
// timer starts, is the full report.
//
//	go test ./api -run '^$' -bench BenchmarkProjectReportRepeated -benchtime 20x
func BenchmarkProjectReportRepeated(b *testing.B) {
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = fmt.Sprintf("j%04d", i)
	}
	s := benchProject(b, ids...)
	h := newHandler(b, s, api.Config{RateLimit: 1e9, RateBurst: 1e9})
	req := httptest.NewRequest(http.MethodGet, "/api/v1/projects/bench/gaps", nil)
	req.Header.Set("Authorization", "Bearer secret")
	req.Header.Set("Accept-Encoding", "gzip")
	first := httptest.NewRecorder()
	h.ServeHTTP(first, req)
	if first.Code != http.StatusOK {
		b.Fatalf("status %d", first.Code)
	}
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Body.Len() != first.Body.Len() {
			b.Fatalf("status %d, %d bytes; want 200 and the first answer's %d", rec.Code, rec.Body.Len(), first.Body.Len())
		}
	}
	b.ReportMetric(float64(first.Body.Len())/(1<<20), "gzip-MB")
}

// BenchmarkPutJourneyHTTP measures PUT of a whole 200-step journey through the API on the
// embedded store: strict JSON reading, validation, one transaction with its fsync, and
// the answer. It alternates two versions so that every PUT writes, and reports the median.
//
//	go test ./api -run '^$' -bench BenchmarkPutJourneyHTTP -benchtime 200x
func BenchmarkPutJourneyHTTP(b *testing.B) {
	s := benchProject(b)
	h := newHandler(b, s, api.Config{RateLimit: 1e9, RateBurst: 1e9})
	var docs [2][]byte
	var err error
	for i, v := range []string{"A", "B"} {
		if docs[i], err = json.Marshal(storetest.GenerateJourney("j", 200, v)); err != nil {
			b.Fatal(err)
		}
	}
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		req := httptest.NewRequest(http.MethodPut, "/api/v1/projects/bench/journeys/j", bytes.NewReader(docs[i%2]))
		req.Header.Set("Authorization", "Bearer secret")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("If-Match", "*")
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		took = append(took, time.Since(start))
		if rec.Code >= 300 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(len(docs[0]))/1024, "body-KB")
}
