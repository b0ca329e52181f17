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

// maxGrowthPerElement bounds how much a report's bytes per element may grow when the
// journey doubles: a linear report keeps them about level (paths and evidence are cut),
// where whole paths made them grow with the journey.
const maxGrowthPerElement = 1.1

// TestAnalyze_ReportSizeIsLinear checks that a report grows linearly with its journey:
// for a dense journey (every walk meets every hand-over) and a long chain, the report of
// a journey about twice as large is at most 2.2 times as large as that of the smaller
// one (1.1 times its bytes per element), its bytes per element are bounded, and no
// finding lists more than PathLimit ids or quotes more than EvidenceLimit insights. The
// journeys are small enough for the race detector; BenchmarkStress runs the big ones.
func TestAnalyze_ReportSizeIsLinear(t *testing.T) {
	for _, tc := range []struct {
		name       string
		small, big *journeys.Journey
	}{
		// 20 steps and 380 hand-overs, then 28 and 756: 400 and 784 elements.
		{"dense", stress.Dense(20), stress.Dense(28)},
		{"chain", stress.Chain(500), stress.Chain(1000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			perElement := func(j *journeys.Journey) float64 {
				r := mustAnalyze(t, j, stress.Actors, journeys.DefaultSettings())
				var b bytes.Buffer
				if err := json.NewEncoder(&b).Encode(r); err != nil {
					t.Fatal(err)
				}
				elements := len(j.Steps) + len(j.Handovers)
				per := float64(b.Len()) / float64(elements)
				if per > maxReportBytesPerElement {
					t.Errorf("%s: report is %d bytes for %d elements: %.0f per element; want at most %d", j.ID, b.Len(), elements, per, maxReportBytesPerElement)
				}
				checkCut(t, r)
				return per
			}
			small, big := perElement(tc.small), perElement(tc.big)
			if big > maxGrowthPerElement*small {
				t.Errorf("bytes per element grew from %.0f to %.0f (x%.2f) as the journey doubled; want at most x%.1f",
					small, big, big/small, maxGrowthPerElement)
			}
		})
	}
}

// checkCut checks that no finding of r lists more than PathLimit ids or quotes more than
// EvidenceLimit insights, and that some self_navigation path was cut, as the stress
// journeys need.
func checkCut(t *testing.T, r gaps.JourneyReport) {
	t.Helper()
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
}

// BenchmarkStress analyses the dense and the long journey and writes their JSON reports,
// reporting the report's size.
func BenchmarkStress(b *testing.B) {
	for _, tc := range stressJourneys {
		j := tc.j()
		b.Run(fmt.Sprintf("journey=%s/analyze", tc.name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				mustAnalyze(b, j, stress.Actors, journeys.DefaultSettings())
			}
		})
		b.Run(fmt.Sprintf("journey=%s/json", tc.name), func(b *testing.B) {
			r := mustAnalyze(b, j, stress.Actors, journeys.DefaultSettings())
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
