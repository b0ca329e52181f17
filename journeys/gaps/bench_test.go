package gaps_test

import (
	"fmt"
	"testing"

	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// benchDirt is the share of spoilt elements in benchmark journeys, so that every rule has
// findings to build, as in a real current-state map.
const benchDirt = 0.05

// BenchmarkAnalyze runs the engine on generated journeys with branches, joins and loops
// of 1,000, 10,000 and 100,000 steps; time per step should stay flat (linear time).
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		j := generate(42, n, benchDirt)
		settings := journeys.DefaultSettings()
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var findings int
			for b.Loop() {
				findings = len(mustAnalyze(b, j, testActors, settings).Findings)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(j.Steps)+len(j.Handovers)), "ns/element")
			b.ReportMetric(float64(findings), "findings")
		})
	}
}

// BenchmarkProjectReport combines the reports of 1,000 journeys of 50 steps, already
// analysed and in memory, into a filtered project report.
func BenchmarkProjectReport(b *testing.B) {
	reports := make([]gaps.JourneyReport, 1000)
	for i := range reports {
		reports[i] = mustAnalyze(b, generate(uint64(i), 50, benchDirt), testActors, journeys.DefaultSettings())
	}
	b.Run("filter=none", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mustCombine(b, reports, gaps.Filter{})
		}
	})
	b.Run("filter=minSeverity=high", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mustCombine(b, reports, gaps.Filter{MinSeverity: gaps.SeverityHigh})
		}
	})
}

// BenchmarkAnalyzeAndReport is the project report end to end in memory: analyse 1,000
// journeys of 50 steps and combine them.
func BenchmarkAnalyzeAndReport(b *testing.B) {
	js := make([]*journeys.Journey, 1000)
	for i := range js {
		js[i] = generate(uint64(i), 50, benchDirt)
	}
	settings := journeys.DefaultSettings()
	b.ReportAllocs()
	for b.Loop() {
		reports := make([]gaps.JourneyReport, len(js))
		for i, j := range js {
			reports[i] = mustAnalyze(b, j, testActors, settings)
		}
		mustCombine(b, reports, gaps.Filter{})
	}
}
