package gaps_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/glapp/glapp/internal/stress"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// stressJourneys are the dense and the long journey that once made reports of hundreds of
// megabytes (internal/stress).
var stressJourneys = []struct {
	name string
	j    func() *journeys.Journey
}{
	{"dense", func() *journeys.Journey { return stress.Dense(80) }},
	{"chain", func() *journeys.Journey { return stress.Chain(10_000) }},
}

// maxReportBytesPerElement bounds a JSON gap report by the journey's steps plus
// hand-overs. A hand-over between actors can be the subject of about six findings, each
// with a bounded path, subject and evidence, so the report grows linearly; the bound is
// well above what the stress journeys need and far below what whole paths made (tens of
// kilobytes per element).
const maxReportBytesPerElement = 8_000

// TestAnalyze_ReportSizeIsLinear checks that a report's size is bounded per element of
// the journey, for a dense journey (every walk meets every hand-over) and a long chain
// (every walk is 10,000 steps long), and that no finding lists more than PathLimit ids or
// quotes more than EvidenceLimit insights.
func TestAnalyze_ReportSizeIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses two large journeys")
	}
	for _, tc := range stressJourneys {
		t.Run(tc.name, func(t *testing.T) {
			j := tc.j()
			r := gaps.Analyze(j, stress.Actors, journeys.DefaultSettings())
			var b bytes.Buffer
			if err := json.NewEncoder(&b).Encode(r); err != nil {
				t.Fatal(err)
			}
			elements := len(j.Steps) + len(j.Handovers)
			if per := b.Len() / elements; per > maxReportBytesPerElement {
				t.Errorf("report is %d bytes for %d elements: %d per element; want at most %d", b.Len(), elements, per, maxReportBytesPerElement)
			}
			cut := map[gaps.Rule]bool{}
			for _, f := range r.Findings {
				if len(f.Path) > gaps.PathLimit || len(f.Subject) > gaps.PathLimit || len(f.Evidence) > gaps.EvidenceLimit {
					t.Fatalf("%s finding %s lists %d path ids, %d subject ids, %d insights; want at most %d, %d, %d",
						f.Rule, f.Fingerprint, len(f.Path), len(f.Subject), len(f.Evidence), gaps.PathLimit, gaps.PathLimit, gaps.EvidenceLimit)
				}
				if f.PathLength > 0 {
					cut[f.Rule] = true
				}
			}
			if !cut[gaps.RuleSelfNavigation] {
				t.Errorf("no self_navigation path was cut; the stress journey should need it")
			}
		})
	}
}

// BenchmarkStress analyses the dense and the long journey and writes their JSON reports,
// reporting the report's size.
func BenchmarkStress(b *testing.B) {
	for _, tc := range stressJourneys {
		j := tc.j()
		b.Run(fmt.Sprintf("journey=%s/analyze", tc.name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gaps.Analyze(j, stress.Actors, journeys.DefaultSettings())
			}
		})
		b.Run(fmt.Sprintf("journey=%s/json", tc.name), func(b *testing.B) {
			r := gaps.Analyze(j, stress.Actors, journeys.DefaultSettings())
			b.ReportAllocs()
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := json.NewEncoder(&buf).Encode(r); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n), "report-bytes")
		})
	}
}
