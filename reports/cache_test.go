package reports_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/glapp/glapp/graph/embedded"
	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
	"github.com/google/go-cmp/cmp"
)

// projectOf makes a store with project p of n generated journeys of steps steps.
func projectOf(tb testing.TB, n, steps int) *embedded.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := embedded.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.CreateProject(ctx, &journeys.Project{ID: "p", Name: "Bench"}); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		if _, _, err := s.PutJourney(ctx, "p", storetest.GenerateJourney(fmt.Sprintf("j%04d", i), steps, "A"), journeys.Precondition{}); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

func TestAnalysisCache_OnlyChangedJourneysAreAnalysedAgain(t *testing.T) {
	ctx := t.Context()
	s := projectOf(t, 5, 12)
	cache := reports.NewAnalysisCache(64 << 20)
	cached, plain := reports.Service{Store: s, Analyses: cache}, reports.Service{Store: s}
	report := func(svc reports.Service, opt reports.Options) *gaps.ProjectReport {
		t.Helper()
		ps, err := svc.Project(ctx, "p", gaps.Filter{}, opt)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	step := func(name string, wantMisses int64, opt reports.Options) {
		t.Helper()
		before := cache.Misses()
		got := report(cached, opt)
		if n := cache.Misses() - before; n != wantMisses {
			t.Errorf("%s: %d journeys analysed; want %d", name, n, wantMisses)
		}
		if diff := cmp.Diff(report(plain, opt), got); diff != "" {
			t.Errorf("%s: the report through the cache differs from a fresh one (-fresh +cached):\n%s", name, diff)
		}
	}
	step("first report", 5, reports.Options{})
	step("nothing changed", 0, reports.Options{})
	step("with unknowns", 0, reports.Options{WithUnknowns: true})
	step("with dismissed", 5, reports.Options{IncludeDismissed: true})
	if _, err := s.UpdateJourney(ctx, "p", "j0002", journeys.Precondition{}, func(j *journeys.Journey) error {
		j.Steps[1].Title = "Ett nytt steg"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	step("one journey changed", 1, reports.Options{})
	j := storetest.GenerateJourney("j0003", 12, "A")
	j.Title = "Omskriven"
	if _, _, err := s.PutJourney(ctx, "p", j, journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	step("one journey replaced", 1, reports.Options{})
	a := j.Actors[0]
	a.Name = "Nytt namn"
	if _, _, err := s.PutActor(ctx, "p", &a); err != nil {
		t.Fatal(err)
	}
	step("an actor changed", 5, reports.Options{})
	if err := s.DeleteJourney(ctx, "p", "j0004", journeys.Precondition{}); err != nil {
		t.Fatal(err)
	}
	step("a journey deleted", 4, reports.Options{})
}

// BenchmarkProjectReportCached measures the project report of 1,000 journeys of 50 steps
// through the analysis cache: unchanged (every journey's analysis kept; what is left is
// reading the journeys and combining), and after one journey changed (that one analysed
// again). A repeated request over HTTP does not get here at all: the answer cache serves
// it after one look at the stamp (api BenchmarkProjectReportRepeated).
//
//	go test ./reports -run '^$' -bench BenchmarkProjectReportCached -benchtime 5x
func BenchmarkProjectReportCached(b *testing.B) {
	ctx := context.Background()
	s := projectOf(b, 1000, 50)
	cache := reports.NewAnalysisCache(reports.DefaultAnalysisCacheBytes)
	svc := reports.Service{Store: s, Analyses: cache}
	if _, err := svc.Project(ctx, "p", gaps.Filter{}, reports.Options{}); err != nil {
		b.Fatal(err)
	}
	for _, change := range []bool{false, true} {
		b.Run(fmt.Sprintf("oneChanged=%v", change), func(b *testing.B) {
			before := cache.Misses()
			for i := 0; b.Loop(); i++ {
				if change {
					b.StopTimer()
					if _, err := s.UpdateJourney(ctx, "p", "j0007", journeys.Precondition{}, func(j *journeys.Journey) error {
						j.Title = fmt.Sprintf("Version %d", i)
						return nil
					}); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				if _, err := svc.Project(ctx, "p", gaps.Filter{}, reports.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cache.Misses()-before)/float64(b.N), "analysed/op")
			reportLiveMB(b)
		})
	}
}
