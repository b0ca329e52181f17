package reports_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/glapp/glapp/graph/storetest"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/agenda"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// BenchmarkProjectReport measures the project gap report over 1,000 journeys of 50 steps
// read from the embedded store, the size issue 3 sets targets for (under 1 s, under
// 200 MB). Besides time and allocation per report it reports live-MB: the heap still in
// use after a report, with the report held, which is what a server keeps per request.
func BenchmarkProjectReport(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("journeys=%d", n), func(b *testing.B) {
			ctx := context.Background()
			s := projectOf(b, n, 50)
			svc := reports.Service{Store: s}
			var ps *gaps.ProjectReport
			var err error
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				ps, err = svc.Project(ctx, "p", gaps.Filter{}, reports.Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			reportLiveMB(b)
			b.ReportMetric(float64(len(ps.Findings)), "findings")
			runtime.KeepAlive(ps)
		})
	}
}

// BenchmarkAgenda measures the agenda over the same journeys as BenchmarkProjectReport:
// for one actor, and for every actor of the project (the fixture's three) on one page.
func BenchmarkAgenda(b *testing.B) {
	for _, n := range []int{100, 1000} {
		ctx := context.Background()
		s := projectOf(b, n, 50)
		svc := reports.Service{Store: s}
		for _, actor := range []string{"kom", ""} {
			b.Run(fmt.Sprintf("journeys=%d/actor=%s", n, actor), func(b *testing.B) {
				var a *agenda.Agenda
				var err error
				b.ReportAllocs()
				for b.Loop() {
					a, err = svc.Agenda(ctx, "p", actor, journeys.Page{Limit: 50})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				reportLiveMB(b)
				items := 0
				for _, sec := range a.Sections {
					items += len(sec.Questions) + len(sec.Hypotheses) + len(sec.Findings)
				}
				b.ReportMetric(float64(items), "items")
				runtime.KeepAlive(a)
			})
		}
	}
}

// BenchmarkProjectSince measures the project report read against a baseline (?since=),
// over journeys of 50 steps of which every tenth changed since the baseline: the report
// as it stood and the report now, compared by fingerprint.
func BenchmarkProjectSince(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("journeys=%d", n), func(b *testing.B) {
			ctx := context.Background()
			s := projectOf(b, n, 50)
			if _, err := s.CreateBaseline(ctx, "p", journeys.BaselineRequest{ID: "start", Title: "Start"}); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < n; i += 10 {
				if _, _, err := s.PutJourney(ctx, "p", storetest.GenerateJourney(fmt.Sprintf("j%04d", i), 50, "changed"), journeys.Precondition{}); err != nil {
					b.Fatal(err)
				}
			}
			svc := reports.Service{Store: s}
			var ps *gaps.ProjectReport
			var err error
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				ps, err = svc.ProjectSince(ctx, "p", "start", gaps.Filter{}, reports.Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(ps.Summary.Since.Resolved), "resolved")
			b.ReportMetric(float64(ps.Summary.Since.New), "new")
		})
	}
}

// reportLiveMB reports the heap still in use after a garbage collection as live-MB:
// what a server keeps while it holds the result.
func reportLiveMB(b *testing.B) {
	b.Helper()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "live-MB")
}
