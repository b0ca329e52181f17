package reports_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/glapp/glapp/internal/stress"
	"github.com/glapp/glapp/journeys"
	"github.com/glapp/glapp/journeys/gaps"
	"github.com/glapp/glapp/reports"
)

// TestWriters_StopWhenContextIsDone checks that each writer stops part way through a
// report of thousands of findings when the context is done.
func TestWriters_StopWhenContextIsDone(t *testing.T) {
	r := mustAnalyze(t, stress.Dense(30), stress.Actors, journeys.DefaultSettings())
	if len(r.Findings) < 4*256 {
		t.Fatalf("dense journey has %d findings; the test needs several thousand", len(r.Findings))
	}
	ps := mustCombine(t, []gaps.JourneyReport{r}, gaps.Filter{})
	for name, write := range map[string]func(context.Context, io.Writer) error{
		"csv":      func(ctx context.Context, w io.Writer) error { return reports.WriteCSV(ctx, w, ps.Findings, "en") },
		"markdown": func(ctx context.Context, w io.Writer) error { return reports.WriteMarkdown(ctx, w, ps, "en") },
		"json":     func(ctx context.Context, w io.Writer) error { return reports.WriteProjectJSON(ctx, w, &ps, nil) },
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
