package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/glapp/glapp/api"
	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
)

// BenchmarkStampedRead measures what a repeated read costs the server, without the
// network: the middleware chain, the stamp lookup and the cached answer.
//
//	go test ./api -run '^$' -bench BenchmarkStampedRead -benchmem
func BenchmarkStampedRead(b *testing.B) {
	s, err := embedded.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := b.Context()
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "bench", Name: "Benchmark"}); err != nil {
		b.Fatal(err)
	}
	if _, _, err := s.PutJourney(ctx, "bench", storetest.GenerateJourney("j", 50, "A"), journeys.Precondition{}); err != nil {
		b.Fatal(err)
	}
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
