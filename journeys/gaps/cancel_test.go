package gaps_test

import (
	"context"
	"errors"
	"testing"

	"github.com/glapp/glapp/internal/stress"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
)

// TestAnalyze_StopsWhenContextIsDone checks that a client that hangs up stops the gap
// engine on stress journeys: before it starts, between rules, and while it completes
// findings (some ten thousand of them; half the size of BenchmarkStress's journeys keeps
// the test quick under the race detector).
func TestAnalyze_StopsWhenContextIsDone(t *testing.T) {
	for _, tc := range []struct {
		name string
		j    *journeys.Journey
	}{{"dense", stress.Dense(40)}, {"chain", stress.Chain(2_000)}} {
		// 0: before any work; 5: after a few rules; 20: among the findings.
		for _, looks := range []int{0, 5, 20} {
			_, err := gaps.Analyze(stress.CancelAfter(looks), tc.j, stress.Actors, journeys.DefaultSettings())
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s, cancelled after %d looks: Analyze = %v; want context.Canceled", tc.name, looks, err)
			}
		}
	}
}

// TestCombineReports_StopsWhenContextIsDone checks that combining a report of thousands
// of findings stops part way when the context is done.
func TestCombineReports_StopsWhenContextIsDone(t *testing.T) {
	r := mustAnalyze(t, stress.Dense(30), stress.Actors, journeys.DefaultSettings())
	if len(r.Findings) < 4*256 {
		t.Fatalf("dense journey has %d findings; the test needs several thousand", len(r.Findings))
	}
	if _, err := gaps.CombineReports(stress.CancelAfter(2), []gaps.JourneyReport{r}, gaps.Filter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("CombineReports, cancelled part way = %v; want context.Canceled", err)
	}
}
