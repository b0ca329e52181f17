package gaps_test

import (
	"bytes"
	"context"
	"errors"
	"io"
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

// TestReportWriters_StopWhenContextIsDone checks that the project report and each writer
// stop part way through a report of thousands of findings when the context is done.
func TestReportWriters_StopWhenContextIsDone(t *testing.T) {
	r := mustAnalyze(t, stress.Dense(30), stress.Actors, journeys.DefaultSettings())
	if len(r.Findings) < 4*256 {
		t.Fatalf("dense journey has %d findings; the test needs several thousand", len(r.Findings))
	}
	if _, err := gaps.CombineReports(stress.CancelAfter(2), []gaps.JourneyReport{r}, gaps.Filter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("ProjectReport, cancelled part way = %v; want context.Canceled", err)
	}
	ps := mustCombine(t, []gaps.JourneyReport{r}, gaps.Filter{})
	for name, write := range map[string]func(context.Context, io.Writer) error{
		"csv":      func(ctx context.Context, w io.Writer) error { return gaps.WriteCSV(ctx, w, ps.Findings, "en") },
		"markdown": func(ctx context.Context, w io.Writer) error { return gaps.WriteMarkdown(ctx, w, ps, "en") },
		"json":     func(ctx context.Context, w io.Writer) error { return gaps.WriteProjectJSON(ctx, w, &ps, nil) },
	} {
		var whole, part bytes.Buffer
		if err := write(t.Context(), &whole); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := write(stress.CancelAfter(2), &part); !errors.Is(err, context.Canceled) {
			t.Errorf("%s, cancelled part way = %v; want context.Canceled", name, err)
		}
		if part.Len() >= whole.Len() {
			t.Errorf("%s, cancelled part way, wrote %d bytes of %d; want it to stop early", name, part.Len(), whole.Len())
		}
	}
}
